#!/usr/bin/env bash
# The function's benchmarks beside the performance floor's, in one run, interleaved A B A B so that
# the machine's drift cancels out of the ratios. From the repository root:
#   bash bench/run.sh
# Needs ../shared/perf-floor (the floor; copied and built under bench/target/) or FLOOR_DIR=<its copy>.
# Env: RUNS (cold runs per variant and side, default 5), ROUNDS (warm JMH rounds, default 2),
#      WARMUP and ITERATIONS (1 s JMH warm-up and measured iterations of each warm benchmark, both
#      sides, default 10 and 10: 3 s of warm-up left C2 still compiling our handler),
#      LOAD_SECONDS (default 10), LOAD_ROUNDS (rounds of ours and the floor per K, default 3), PORT (DynamoDB Local, default 8765), HTTP_PORT (default 8089),
#      PAIR_RUNS and PAIRS (the interleaved warm dry run: pairs of JVMs, measured pairs of slices; 3, 16),
#      SKIP_WARM=1, SKIP_COLD=1, SKIP_LOAD=1.
# Everything (raw outputs and summary.txt) goes to bench/target/run-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-10}
ITERATIONS=${ITERATIONS:-10}
LOAD_SECONDS=${LOAD_SECONDS:-10}
LOAD_ROUNDS=${LOAD_ROUNDS:-3}
PAIR_RUNS=${PAIR_RUNS:-3}
PAIRS=${PAIRS:-16}
PORT=${PORT:-8765}
HTTP_PORT=${HTTP_PORT:-8089}
OUT="$ROOT/bench/target/run-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$OUT"
SUMMARY="$OUT/summary.txt"
say() { echo "$*" | tee -a "$SUMMARY"; }

# The flags template.yaml ships in JAVA_TOOL_OPTIONS, and the local server's (mn.jvmArgs in pom.xml, mn:run).
SHIPPED=$(sed -n 's/^ *JAVA_TOOL_OPTIONS: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' template.yaml | head -1)
LOCAL_FLAGS=$(sed -n 's:.*<mn.jvmArgs>\(.*\)</mn.jvmArgs>.*:\1:p' pom.xml | head -1)

# ---------- build ----------
echo "== build (function, Lambda package, bench)"
mvn -B -q -Pbench -DskipTests -pl bench -am package > "$OUT/build.log" 2>&1 || { tail -50 "$OUT/build.log"; exit 1; }
FLOOR_SRC=${FLOOR_DIR:-$ROOT/../shared/perf-floor}
FLOOR="$ROOT/bench/target/perf-floor"
if [ ! -f "$FLOOR/target/perf.jar" ]; then
  [ -d "$FLOOR_SRC" ] || { echo "no performance floor at $FLOOR_SRC: set FLOOR_DIR" >&2; exit 1; }
  rm -rf "$FLOOR" && cp -r "$FLOOR_SRC" "$FLOOR" && chmod -R u+w "$FLOOR"
  (cd "$FLOOR" && mvn -B -q package > "$OUT/floor-build.log" 2>&1) || { tail -50 "$OUT/floor-build.log"; exit 1; }
fi
FJAR="$FLOOR/target/perf.jar"
CP="$(cat bench/target/classpath.txt):$ROOT/bench/target/classes"
# Production's logging (console only), not the test jar's logback-test.xml (which also writes a file).
LOGGING="-Dlogback.configurationFile=$ROOT/bench/src/main/resources/logback-bench.xml"
LOGGING_WARM="-Dlogback.configurationFile=$ROOT/bench/src/main/resources/logback-bench-file.xml"
LOGGING_QUIET="-Dlogback.configurationFile=$ROOT/bench/src/main/resources/logback-bench-quiet.xml"
SER=$(tr ':' '\n' < bench/target/classpath.txt | grep 'aws-lambda-java-serialization' | head -1)
LAMBDA_CP="$ROOT/function/target/ism-function-lambda.jar:$SER:$ROOT/bench/target/classes"
FEVENT="$FLOOR/events/apigw-v2-ism-registry-push.json"
FBODY="$FLOOR/events/ism-registry-push-schema2.json"
DIGEST=sha256:c6d1c61b1e3c3e3f8295927ceca1cc570667319e3d75ee2b30006ee0001f7b49

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "shipped Lambda flags: ${SHIPPED:-none}; local server flags: ${LOCAL_FLAGS:-none}"
  echo "Lambda package: $(stat -c %s function/target/ism-function-lambda.jar) bytes"
} | tee -a "$SUMMARY"

median() { sort -n | awk '{a[NR]=$1} END{ if (NR==0) {print "-"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print m}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0==0) print "-"; else printf "%.2f", a/b }'; }

# ---------- 1. warm (JMH), before DynamoDB Local takes any CPU ----------
if [ "${SKIP_WARM:-0}" != 1 ]; then
  echo "== warm: $ROUNDS rounds of floor-warm, the schema's ValidationBenchmark and WarmHandlerBench, alternating ($WARMUP + $ITERATIONS s each)"
  for r in $(seq 1 "$ROUNDS"); do
    java -jar "$FJAR" floor-warm --body "$FBODY" --event "$FEVENT" --warmup "$WARMUP" --iterations "$ITERATIONS" --forks 1 > "$OUT/floor-warm-$r.txt" 2>&1
    # the schema module's own ValidationBenchmark (its bench profile compiles it with its test classes)
    java -cp "$ROOT/schema/target/test-classes:$CP" org.openjdk.jmh.Main ValidationBenchmark -wi "$WARMUP" -w 1s -i "$ITERATIONS" -r 1s -f 1 \
      > "$OUT/validator-$r.txt" 2>&1
    # the request log lines to a file, a write each, as Lambda's stdout takes them (see logback-bench-file.xml)
    java -Dism.repo="$ROOT" -cp "$CP" org.openjdk.jmh.Main WarmHandlerBench -wi "$WARMUP" -w 1s -i "$ITERATIONS" -r 1s -f 1 \
      -jvmArgsAppend "-Dism.repo=$ROOT $LOGGING_WARM -Dism.bench.log=$OUT/warm-requests.log" > "$OUT/warm-$r.txt" 2>&1
    # the 422 once more without the request log line
    java -Dism.repo="$ROOT" -cp "$CP" org.openjdk.jmh.Main 'WarmHandlerBench.invalid' -wi "$WARMUP" -w 1s -i "$ITERATIONS" -r 1s -f 1 \
      -jvmArgsAppend "-Dism.repo=$ROOT $LOGGING_QUIET" > "$OUT/warm-quiet-$r.txt" 2>&1
  done
  score() { awk -v b="$2" '$1 ~ ("\\." b "$") { for (i = 2; i <= NF; i++) if ($i == "avgt") { print $(i + 2); exit } }' "$1"; }
  say ""
  say "warm, us/op (median of $ROUNDS rounds): ours | floor | ratio"
  f_dry=$(for r in $(seq 1 "$ROUNDS"); do score "$OUT/floor-warm-$r.txt" handleDryRun; done | median)
  f_pv=$(for r in $(seq 1 "$ROUNDS"); do score "$OUT/floor-warm-$r.txt" parseValidate; done | median)
  o_inv=$(for r in $(seq 1 "$ROUNDS"); do score "$OUT/warm-$r.txt" invalid; done | median)
  o_dry=$(for r in $(seq 1 "$ROUNDS"); do score "$OUT/warm-$r.txt" dryRun; done | median)
  # dryRunOwn's counters: the handler's own nanoseconds (less its time in DynamoDB calls) and its requests
  o_own=$(for r in $(seq 1 "$ROUNDS"); do awk -v a="$(score "$OUT/warm-$r.txt" 'dryRunOwn:ownNanos')" \
    -v b="$(score "$OUT/warm-$r.txt" 'dryRunOwn:requests')" 'BEGIN{ if (b > 0) printf "%.1f\n", a / b / 1000 }'; done | median)
  o_write=$(for r in $(seq 1 "$ROUNDS"); do score "$OUT/warm-$r.txt" write; done | median)
  o_vpush=$(for r in $(seq 1 "$ROUNDS"); do score "$OUT/validator-$r.txt" parseAndValidate; done | median)
  o_vinv=$(for r in $(seq 1 "$ROUNDS"); do score "$OUT/validator-$r.txt" parseAndValidateInvalid; done | median)
  say "  dry run without its DynamoDB calls (dryRunOwn; the whole dry run: $o_dry): $o_own | handleDryRun $f_dry | $(ratio "$o_own" "$f_dry")"
  # each round's own ratio too: the machine's slow minutes fall on one side of a round as often as not
  say "    per round, ours / floor: $(for r in $(seq 1 "$ROUNDS"); do
    own=$(awk -v a="$(score "$OUT/warm-$r.txt" 'dryRunOwn:ownNanos')" -v b="$(score "$OUT/warm-$r.txt" 'dryRunOwn:requests')" \
      'BEGIN{ if (b > 0) printf "%.1f", a / b / 1000 }')
    fl=$(score "$OUT/floor-warm-$r.txt" handleDryRun)
    printf '%s / %s = %s   ' "$own" "$fl" "$(ratio "$own" "$fl")"; done)"
  say "  invalid body (422): $o_inv | handleDryRun $f_dry | $(ratio "$o_inv" "$f_dry")   (parseValidate $f_pv: $(ratio "$o_inv" "$f_pv"))"
  o_quiet=$(for r in $(seq 1 "$ROUNDS"); do score "$OUT/warm-quiet-$r.txt" invalid; done | median)
  say "  invalid body (422) without the request log line: $o_quiet | handleDryRun $f_dry | $(ratio "$o_quiet" "$f_dry")"
  say "  write (201, in-process DynamoDB Local): $o_write"
  say "  the validator alone (schema module), the push: $o_vpush | parseValidate $f_pv | $(ratio "$o_vpush" "$f_pv");  an invalid mapping: $o_vinv"
  # The same dry run against handleDryRun by turns of a second (Interleaved): JMH's rounds above put tens of seconds
  # between ours and the floor's, and this machine's slow spells often fall on one side only.
  say "  interleaved by the second ($PAIR_RUNS pairs of JVMs; $PAIRS measured pairs of 1 s slices each, after 10 pairs of warm-up):"
  for r in $(seq 1 "$PAIR_RUNS"); do
    java -cp "$CP" dev.ism.bench.Interleaved 1000 10 "$PAIRS" "$OUT" \
      ours java -Dism.repo="$ROOT" $LOGGING_WARM -Dism.bench.log="$OUT/interleaved-requests.log" -cp "$CP" dev.ism.bench.OwnSlices dryRunOwn \
      -- floor java -cp "$FJAR:$ROOT/bench/target/classes" dev.ism.bench.FloorSlices "$FBODY" "$FEVENT" > "$OUT/interleaved-$r.txt" 2>&1
    say "    dryRunOwn | handleDryRun: $(sed -n 's/^median: //p' "$OUT/interleaved-$r.txt")"
  done
fi

# ---------- 2. DynamoDB Local (the floor's), in the background ----------
echo "== DynamoDB Local on 127.0.0.1:$PORT"
java -jar "$FJAR" ddb-local --port "$PORT" --in-memory --table perf-floor > "$OUT/ddb-local.out" 2> "$OUT/ddb-local.err" &
DDB_PID=$!
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  kill "$DDB_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do grep -q '^ready' "$OUT/ddb-local.out" 2>/dev/null && break; sleep 0.25; done
grep -q '^ready' "$OUT/ddb-local.out" || { echo "DynamoDB Local not ready" >&2; cat "$OUT/ddb-local.err"; exit 1; }
ENDPOINT="http://127.0.0.1:$PORT"
FDDB=(--ddb-endpoint "$ENDPOINT" --table perf-floor)
java -jar "$FJAR" ddb-raw "${FDDB[@]}" --threads 2 --seconds 5 --warmup-seconds 0 > "$OUT/ddb-warmup.txt" 2>&1
# No AWS_ACCESS_KEY_ID: DynamoDB Local keeps one database per access key, and the floor's tools (like the
# function on a loopback endpoint) then use their fixed local keys, those its ddb-local made the table with.
export AWS_REGION=us-east-1
LAMBDA_ENV=(ISM_DYNAMODB_ENDPOINT="$ENDPOINT" ISM_DYNAMODB_REGION=us-east-1 ISM_TABLE_NAME=ism-bench
  ISM_TOKEN_AUTH_FILE="$ROOT/dev/auth/tokens.csv" ISM_AUTHORIZATION_POLICY_FILE="$ROOT/dev/auth/policy.jsonl")

# ---------- 3. cold: fresh JVM -> first response, the Lambda package as Lambda starts it ----------
if [ "${SKIP_COLD:-0}" != 1 ]; then
  HANDLER=$(sed -n 's/^ *Handler: *//p' template.yaml | head -1)
  # the table and the stream the runs map into, made by the function itself
  env "${LAMBDA_ENV[@]}" ISM_DYNAMODB_CREATE_TABLE=true java -cp "$LAMBDA_CP" dev.ism.bench.ColdStart "$HANDLER" events/create-stream.json \
    > "$OUT/cold-seed.out" 2> "$OUT/cold-seed.err"
  grep -q '"statusCode":20[01]\|"statusCode":409' "$OUT/cold-seed.out" || { echo "seeding failed"; cat "$OUT/cold-seed.out"; exit 1; }
  COLD="$OUT/cold.tsv"
  : > "$COLD"
  echo "== cold: $RUNS runs x {default, shipped flags} x {dry run, write} x {ours, floor}"
  # the CPU a run took, all its threads (user + system, bash's time of the JVM): ms
  TIMEFORMAT='%3U %3S'
  cpu_ms() { awk '{printf "%d", ($1 + $2) * 1000}' "$OUT/c.time"; }
  for i in $(seq 1 "$RUNS"); do
    for variant in default shipped; do
      flags=""; [ "$variant" = shipped ] && flags="$SHIPPED"
      for mode in dry write; do
        # shellcheck disable=SC2086
        if [ "$mode" = dry ]; then
          { time env "${LAMBDA_ENV[@]}" java $flags -cp "$LAMBDA_CP" dev.ism.bench.ColdStart "$HANDLER" events/dry-run.json > "$OUT/c.out" 2> "$OUT/c.err"; } 2> "$OUT/c.time"
        else
          { time env "${LAMBDA_ENV[@]}" java $flags -cp "$LAMBDA_CP" dev.ism.bench.ColdStart "$HANDLER" events/registry-push.json --fresh-image "$DIGEST" > "$OUT/c.out" 2> "$OUT/c.err"; } 2> "$OUT/c.time"
        fi
        printf 'ours\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$mode" "$(sed -n 's/^ms_since_jvm_start=//p' "$OUT/c.err")" \
          "$(grep -o '"statusCode":[0-9]*' "$OUT/c.out" | cut -d: -f2)" "$(sed -n 's/^phases_ms //p' "$OUT/c.err")" "$(cpu_ms)" >> "$COLD"
        fargs=(floor-cold --event "$FEVENT"); if [ "$mode" = dry ]; then fargs+=(--dry-run); else fargs+=("${FDDB[@]}"); fi
        # shellcheck disable=SC2086
        { time java $flags -jar "$FJAR" "${fargs[@]}" > "$OUT/c.out" 2> "$OUT/c.err"; } 2> "$OUT/c.time"
        printf 'floor\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$mode" "$(sed -n 's/^ms_since_jvm_start=//p' "$OUT/c.err")" \
          "$(grep -o '"statusCode":[0-9]*' "$OUT/c.out" | cut -d: -f2)" "$(sed -n 's/^phases_ms //p' "$OUT/c.err")" "$(cpu_ms)" >> "$COLD"
      done
    done
  done
  say ""
  say "cold, ms from JVM start to the first response (median of $RUNS): ours | floor | ratio   [statuses ours]"
  for variant in default shipped; do
    for mode in dry write; do
      o=$(awk -F'\t' -v v="$variant" -v m="$mode" '$1=="ours" && $2==v && $3==m {print $4}' "$COLD" | median)
      f=$(awk -F'\t' -v v="$variant" -v m="$mode" '$1=="floor" && $2==v && $3==m {print $4}' "$COLD" | median)
      codes=$(awk -F'\t' -v v="$variant" -v m="$mode" '$1=="ours" && $2==v && $3==m {print $5}' "$COLD" | sort | uniq -c | awk '{printf "%sx%s ", $1, $2}')
      say "  $variant flags, $mode: $o | $f | $(ratio "$o" "$f")   [$codes]"
    done
  done
  say "  our phases (last run): $(awk -F'\t' '$1=="ours"' "$COLD" | tail -1 | cut -f6)"
  # A dry run of ours reads DynamoDB (dryRun=All runs every check); the floor's dry run builds no client at all.
  # The floor's own write, its one DynamoDB call, against its dry run: what one call costs a cold start here; and our
  # dry run against the floor's write, the least a cold start that reads DynamoDB through the SDK costs here.
  for variant in default shipped; do
    fd=$(awk -F'\t' -v v="$variant" '$1=="floor" && $2==v && $3=="dry" {print $4}' "$COLD" | median)
    fw=$(awk -F'\t' -v v="$variant" '$1=="floor" && $2==v && $3=="write" {print $4}' "$COLD" | median)
    od=$(awk -F'\t' -v v="$variant" '$1=="ours" && $2==v && $3=="dry" {print $4}' "$COLD" | median)
    say "  the floor's own write / its dry run, $variant flags: $fw / $fd = $(ratio "$fw" "$fd")"
    say "  our dry run / the floor's write, $variant flags: $od / $fw = $(ratio "$od" "$fw")"
  done
  # CPU, all threads: on this machine's cores a run can take no less time than its CPU spread over all of them.
  cores=$(nproc)
  say "  CPU ms per run, all threads (median): ours | floor; the floor's write spread over $cores cores against 2x its dry run"
  for variant in default shipped; do
    line=""
    for mode in dry write; do
      oc=$(awk -F'\t' -v v="$variant" -v m="$mode" '$1=="ours" && $2==v && $3==m {print $7}' "$COLD" | median)
      fc=$(awk -F'\t' -v v="$variant" -v m="$mode" '$1=="floor" && $2==v && $3==m {print $7}' "$COLD" | median)
      line="$line $mode $oc | $fc;"
    done
    fwc=$(awk -F'\t' -v v="$variant" '$1=="floor" && $2==v && $3=="write" {print $7}' "$COLD" | median)
    fd=$(awk -F'\t' -v v="$variant" '$1=="floor" && $2==v && $3=="dry" {print $4}' "$COLD" | median)
    say "    $variant flags:$line the floor's write: $fwc / $cores = $(awk -v c="$fwc" -v n="$cores" 'BEGIN{printf "%d", c/n}') ms against 2 x $fd = $(awk -v d="$fd" 'BEGIN{printf "%d", 2 * d}') ms"
  done
fi

# ---------- 4. throughput and memory: the local server under K closed-loop clients ----------
if [ "${SKIP_LOAD:-0}" != 1 ]; then
  echo "== load: the local server (flags: $LOCAL_FLAGS) vs the bare SDK transaction, K = 1, 4, 16"
  # as mn:run starts it: its flags, then the plugin's own -XX:TieredStopAtLevel=1
  # shellcheck disable=SC2086
  env "${LAMBDA_ENV[@]}" ISM_DYNAMODB_EMBEDDED=false ISM_DYNAMODB_CREATE_TABLE=true ISM_PORT="$HTTP_PORT" \
    java $LOCAL_FLAGS -XX:TieredStopAtLevel=1 "$LOGGING" -Dism.dev-dir="$ROOT/dev" -cp "$CP" dev.ism.function.Application > "$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died"; tail -30 "$OUT/server.log"; exit 1; }
    sleep 0.25
  done
  say ""
  say "throughput, mappings/s vs the floor's TransactWriteItems/s (${LOAD_SECONDS} s after 3 s warm-up)"
  # Unmeasured warm-up of both sides first: DynamoDB Local's own JIT speeds it up over its first minutes, per
  # request shape (the floor's 2 puts, a mapping's update and 2 puts), and the local server's C1 code too.
  java -jar "$FJAR" ddb-raw "${FDDB[@]}" --threads 4 --seconds "$LOAD_SECONDS" > "$OUT/raw-warm.txt" 2>&1
  java -cp "$CP" dev.ism.bench.Load "http://127.0.0.1:$HTTP_PORT" dev-registry-token 4 "$LOAD_SECONDS" 3 socket > "$OUT/load-warm.txt" 2>&1
  say "  per K: the floor, then LOAD_ROUNDS ($LOAD_ROUNDS) rounds of ours (kept-alive sockets) and the floor, then ours on the"
  say "  JDK's HttpClient (jdk) and the floor; each run of ours against the mean of the floor's runs just before and after"
  say "  K: ours socket per round / floor around it = ratio ... | median ratio | jdk / floor around it = ratio"
  ops() { sed -n 's/.*ops_per_s=\([0-9.]*\).*/\1/p' "$@"; }
  floor_run() { java -jar "$FJAR" ddb-raw "${FDDB[@]}" --threads "$1" --seconds "$LOAD_SECONDS" > "$2" 2>&1; }
  ours_run() { java -cp "$CP" dev.ism.bench.Load "http://127.0.0.1:$HTTP_PORT" dev-registry-token "$1" "$LOAD_SECONDS" 3 "$2" > "$3" 2>&1; }
  around() { ops "$1" "$2" | awk '{s += $1} END {printf "%.1f", s / NR}'; }
  for k in 1 4 16; do
    floor_run "$k" "$OUT/raw-$k-0.txt"
    line="  K=$k:"
    ratios=""
    for r in $(seq 1 "$LOAD_ROUNDS"); do
      ours_run "$k" socket "$OUT/load-$k-socket-$r.txt"
      floor_run "$k" "$OUT/raw-$k-$r.txt"
      o=$(ops "$OUT/load-$k-socket-$r.txt")
      f=$(around "$OUT/raw-$k-$((r - 1)).txt" "$OUT/raw-$k-$r.txt")
      line="$line $o / $f = $(ratio "$o" "$f")"
      ratios="$ratios $(ratio "$o" "$f")"
    done
    j=$((LOAD_ROUNDS + 1))
    ours_run "$k" jdk "$OUT/load-$k-jdk.txt"
    floor_run "$k" "$OUT/raw-$k-$j.txt"
    oj=$(ops "$OUT/load-$k-jdk.txt")
    fj=$(around "$OUT/raw-$k-$LOAD_ROUNDS.txt" "$OUT/raw-$k-$j.txt")
    say "$line | median $(echo "$ratios" | tr ' ' '\n' | grep . | median) | jdk $oj / $fj = $(ratio "$oj" "$fj")"
  done
  say "  peak RSS of the local server: $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$SERVER_PID/status)"
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  # What DynamoDB Local alone allows: a mapping's transaction (3 items) against the floor's (2), no server between
  say "  DynamoDB Local alone, a mapping's transaction (3 items) / the floor's (2 items), per round (TransactionShapes):"
  for k in 4 16; do
    java -cp "$CP" dev.ism.bench.TransactionShapes "$ENDPOINT" perf-floor "$k" 8 2 > "$OUT/shapes-$k.txt" 2>&1
    say "    K=$k: $(sed -n 's/.*ratio \([0-9.]*\).*/\1/p' "$OUT/shapes-$k.txt" | tr '\n' ' ')"
  done
fi
echo
echo "summary: $SUMMARY"
