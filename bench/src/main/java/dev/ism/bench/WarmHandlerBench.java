package dev.ism.bench;

import dev.ism.function.support.Api;
import dev.ism.function.support.LambdaEvents;
import dev.ism.function.support.TestLambdaContext;
import io.micronaut.context.ApplicationContext;
import dev.ism.function.lambda.HttpApiHandler;
import dev.ism.function.lambda.LambdaContext;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The warm API Gateway HTTP API handler (template.yaml's) in-process, as a warm Lambda runs it: event
 * bytes in, a new invocation context, response bytes out (the floor's {@code handleDryRun} likewise goes
 * from event bytes to response bytes). DynamoDB Local runs in the same JVM.
 * <ul>
 *   <li>{@code invalid}: an authorized mapping whose body is invalid: 422, no DynamoDB call;</li>
 *   <li>{@code dryRun}: the registry's push with {@code ?dryRun=All} into an existing stream: 201,
 *   writing nothing, after reading the stream and whether the image exists;</li>
 *   <li>{@code dryRunOwn}: the same dry run, with the time the handler's thread spent inside its DynamoDB calls
 *   taken out of each request ({@link TimedDynamoDb}): its counters {@code ownNanos / requests} are the function's
 *   own cost of a dry run, the figure compared with the floor's {@code handleDryRun} (which calls no database);</li>
 *   <li>{@code write}: the same push of a new image each time: 201, the Image and the tag event stored.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WarmHandlerBench {

    static final String DIGEST = "sha256:c6d1c61b1e3c3e3f8295927ceca1cc570667319e3d75ee2b30006ee0001f7b49";
    private static final String NS = "myproject";
    private static final String STREAM = "ruby";

    private ApplicationContext context;
    private HttpApiHandler handler;
    private byte[] invalid;
    private byte[] dryRun;
    private String push;
    private long invocations;

    @Setup(Level.Trial)
    public void start() throws IOException {
        Path auth = Path.of(System.getProperty("ism.repo", ".")).resolve("dev/auth").toAbsolutePath();
        // As the handler's own constructor builds it on Lambda (environments function and lambda).
        context = LambdaContext.builder().singletons(new TimedDynamoDb()).properties(Map.of(
                "ism.dynamodb.embedded", true,
                "ism.dynamodb.create-table", true,
                "ism.dynamodb.table-name", "bench-" + UUID.randomUUID(),
                "ism.auth.token-auth-file", auth.resolve("tokens.csv").toString(),
                "ism.auth.policy-file", auth.resolve("policy.jsonl").toString())).start();
        handler = new HttpApiHandler(context);

        String mappings = Api.BASE + "/namespaces/" + NS + "/imagestreammappings";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + Api.REGISTRY_TOKEN, "Content-Type", "application/json");
        byte[] body;
        try (InputStream in = WarmHandlerBench.class.getResourceAsStream("/manifests/ism-registry-push-schema2.json")) {
            body = in.readAllBytes();
        }
        expect(201, invoke(LambdaEvents.v2("POST", Api.BASE + "/namespaces/" + NS + "/imagestreams", headers,
                ("{\"metadata\":{\"name\":\"" + STREAM + "\"}}").getBytes(StandardCharsets.UTF_8), false).getBytes(StandardCharsets.UTF_8)));
        invalid = LambdaEvents.v2("POST", mappings, headers,
                "{\"metadata\":{\"name\":\"ruby\"},\"image\":{}}".getBytes(StandardCharsets.UTF_8), false).getBytes(StandardCharsets.UTF_8);
        dryRun = LambdaEvents.v2("POST", mappings + "?dryRun=All", headers, body, false).getBytes(StandardCharsets.UTF_8);
        push = LambdaEvents.v2("POST", mappings, headers, body, false);
        expect(422, invoke(invalid));
        expect(201, invoke(dryRun));
        expect(201, write());
        long calls = TimedDynamoDb.calls();
        expect(201, invoke(dryRun));
        if (TimedDynamoDb.calls() == calls) {
            throw new IllegalStateException("the dry run's DynamoDB calls are not timed: TimedDynamoDb is not on the client");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    @Benchmark
    public byte[] invalid() {
        return invoke(invalid);
    }

    @Benchmark
    public byte[] dryRun() {
        return invoke(dryRun);
    }

    /**
     * Per iteration: the handler's own nanoseconds (its time less its DynamoDB calls') and the requests; the
     * dry run's reads replayed ({@link TimedDynamoDb#replayReads}) once each was made, so that its code is
     * as warm as a Lambda's under traffic.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Own {
        public long ownNanos;
        public long requests;

        private long sentBefore;

        @Setup(Level.Trial)
        public void replay() {
            TimedDynamoDb.replayReads(true);
            sentBefore = TimedDynamoDb.sent();
        }

        @TearDown(Level.Trial)
        public void check() {
            TimedDynamoDb.replayReads(false);
            if (TimedDynamoDb.sent() != sentBefore) {
                throw new IllegalStateException((TimedDynamoDb.sent() - sentBefore) + " DynamoDB calls were sent, not replayed");
            }
        }

        @Setup(Level.Iteration)
        public void reset() {
            ownNanos = 0;
            requests = 0;
        }
    }

    /** {@link #dryRun}, its own time counted apart from its DynamoDB calls' (the floor's dry run calls none). */
    @Benchmark
    public byte[] dryRunOwn(Own own) {
        long inDynamo = TimedDynamoDb.nanos();
        long start = System.nanoTime();
        byte[] response = invoke(dryRun);
        own.ownNanos += System.nanoTime() - start - (TimedDynamoDb.nanos() - inDynamo);
        own.requests++;
        return response;
    }

    @Benchmark
    public byte[] write() {
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        return invoke(push.replace(DIGEST, "sha256:" + HexFormat.of().formatHex(random)).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] invoke(byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, new TestLambdaContext("bench-" + ++invocations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void expect(int code, byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        if (!text.contains("\"statusCode\":" + code)) {
            throw new IllegalStateException("expected " + code + ": " + text);
        }
    }
}
