package dev.ism.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load of mappings on the local server: K clients, each on a stream of its own, each
 * sending the registry's push of a new image (a fresh digest) as soon as the previous one answered, for
 * S seconds after W seconds of warm-up. Prints {@code ops_per_s}, {@code p50_ms}, {@code p99_ms},
 * {@code errors} (anything but 201), in the words of the floor's {@code ddb-raw}.
 *
 * <p>Usage: {@code Load URL TOKEN K SECONDS WARMUP_SECONDS}
 */
public final class Load {

    private Load() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        long warmUp = Long.parseLong(args[4]);
        String body;
        try (InputStream in = Load.class.getResourceAsStream("/manifests/ism-registry-push-schema2.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        long start = System.nanoTime();
        long measureFrom = start + warmUp * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String ns = "load-" + run;
            String stream = "s" + c;
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            Thread t = new Thread(() -> {
                send(http, token, base.resolve("/apis/image.openshift.io/v1/namespaces/" + ns + "/imagestreams"),
                        "{\"metadata\":{\"name\":\"" + stream + "\"}}", errors);
                URI mappings = base.resolve("/apis/image.openshift.io/v1/namespaces/" + ns + "/imagestreammappings");
                String mine0 = body.replace("\"name\": \"ruby\"", "\"name\": \"" + stream + "\"")
                        .replace("\"namespace\": \"myproject\"", "\"namespace\": \"" + ns + "\"");
                int n = 0;
                byte[] random = new byte[32];
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    ThreadLocalRandom.current().nextBytes(random);
                    String request = mine0.replace(WarmHandlerBench.DIGEST, "sha256:" + HexFormat.of().formatHex(random));
                    long t0 = System.nanoTime();
                    boolean ok = send(http, token, mappings, request, t0 >= measureFrom ? errors : null);
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && t1 <= end && ok && n < mine.length) {
                        mine[n++] = t1 - t0;
                    }
                }
                mine[mine.length - 1] = n;
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (long[] l : latencies) {
            total += l[l.length - 1];
        }
        long[] all = new long[(int) total];
        int i = 0;
        for (long[] l : latencies) {
            int n = (int) l[l.length - 1];
            System.arraycopy(l, 0, all, i, n);
            i += n;
        }
        Arrays.sort(all);
        System.out.printf("ops_per_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d%n", total / (double) seconds,
                percentile(all, 0.50), percentile(all, 0.99), errors.get());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static boolean send(HttpClient http, String token, URI uri, String json, AtomicLong errors) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                if (errors != null) {
                    errors.incrementAndGet();
                    if (errors.get() <= 3) {
                        System.err.println("answered " + r.statusCode() + ": " + r.body());
                    }
                }
                return false;
            }
            return true;
        } catch (IOException e) {
            if (errors != null) {
                errors.incrementAndGet();
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
