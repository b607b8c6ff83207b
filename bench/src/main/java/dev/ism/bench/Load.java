package dev.ism.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load of mappings on the local server: K clients, each on a stream of its own, each
 * sending the registry's push of a new image (a fresh digest) as soon as the previous one answered, for
 * S seconds after W seconds of warm-up. Prints {@code ops_per_s}, {@code p50_ms}, {@code p99_ms},
 * {@code errors} (anything but 201), in the words of the floor's {@code ddb-raw}.
 *
 * <p>Two clients, because the load generator shares the 2 cores with the server and DynamoDB Local: {@code jdk}
 * is the JDK's {@code HttpClient} (HTTP/1.1), which spends about a sixth of the machine's CPU in a K = 4 run;
 * {@code socket} writes each request's bytes on a kept-alive socket per client and reads the response by its
 * {@code Content-Length}, taking little CPU from what it measures.
 *
 * <p>Usage: {@code Load URL TOKEN K SECONDS WARMUP_SECONDS [jdk|socket]}
 */
public final class Load {

    private Load() {
    }

    /** One client's way of sending a POST: the response's status code, its body kept for an error message. */
    private interface Client {
        int post(String path, byte[] json) throws IOException, InterruptedException;

        String lastBody();
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        long warmUp = Long.parseLong(args[4]);
        String kind = args.length > 5 ? args[5] : "jdk";
        String body;
        try (InputStream in = Load.class.getResourceAsStream("/manifests/ism-registry-push-schema2.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String run = Long.toString(System.currentTimeMillis(), 36) + kind;
        HttpClient http = kind.equals("jdk") ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : null;

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
                Client client = http != null ? jdk(http, base, token) : new SocketClient(base, token);
                send(client, "/apis/image.openshift.io/v1/namespaces/" + ns + "/imagestreams",
                        ("{\"metadata\":{\"name\":\"" + stream + "\"}}").getBytes(StandardCharsets.UTF_8), errors);
                String mappings = "/apis/image.openshift.io/v1/namespaces/" + ns + "/imagestreammappings";
                String[] around = body.replace("\"name\": \"ruby\"", "\"name\": \"" + stream + "\"")
                        .replace("\"namespace\": \"myproject\"", "\"namespace\": \"" + ns + "\"")
                        .split(WarmHandlerBench.DIGEST, -1);
                int n = 0;
                byte[] random = new byte[32];
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    ThreadLocalRandom.current().nextBytes(random);
                    byte[] request = String.join("sha256:" + HexFormat.of().formatHex(random), around).getBytes(StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    boolean ok = send(client, mappings, request, t0 >= measureFrom ? errors : null);
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
        System.out.printf(Locale.ROOT, "ops_per_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d client=%s%n", total / (double) seconds,
                percentile(all, 0.50), percentile(all, 0.99), errors.get(), kind);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static boolean send(Client client, String path, byte[] json, AtomicLong errors) {
        try {
            int code = client.post(path, json);
            if (code != 201) {
                if (errors != null && errors.incrementAndGet() <= 3) {
                    System.err.println("answered " + code + ": " + client.lastBody());
                }
                return false;
            }
            return true;
        } catch (IOException e) {
            if (errors != null && errors.incrementAndGet() <= 3) {
                System.err.println("failed: " + e);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Client jdk(HttpClient http, URI base, String token) {
        return new Client() {
            private String last = "";

            @Override
            public int post(String path, byte[] json) throws IOException, InterruptedException {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                return r.statusCode();
            }

            @Override
            public String lastBody() {
                return last;
            }
        };
    }

    /**
     * HTTP/1.1 on one kept-alive socket: the request written in one go, the response read by its
     * {@code Content-Length} (the server answers every request with one); reconnects when the server closes.
     */
    private static final class SocketClient implements Client {
        private final InetSocketAddress address;
        private final String head;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private byte[] last = new byte[0];

        SocketClient(URI base, String token) {
            address = new InetSocketAddress(base.getHost(), base.getPort());
            head = " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ";
        }

        @Override
        public int post(String path, byte[] json) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(address);
                in = new BufferedInputStream(socket.getInputStream(), 16384);
                out = socket.getOutputStream();
            }
            try {
                ByteArrayOutputStream request = new ByteArrayOutputStream(json.length + 512);
                request.writeBytes(("POST " + path + head + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(json);
                out.write(request.toByteArray());
                out.flush();
                return readResponse();
            } catch (IOException e) {
                socket.close();
                socket = null;
                throw e;
            }
        }

        private int readResponse() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(h.substring(colon + 1).trim());
                } else if (name.equalsIgnoreCase("Connection") && h.substring(colon + 1).trim().equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            if (length < 0) {
                throw new IOException("a response without Content-Length");
            }
            last = in.readNBytes(length);
            if (last.length < length) {
                throw new IOException("the connection closed inside a response");
            }
            if (close) {
                socket.close();
                socket = null;
            }
            return code;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public String lastBody() {
            return new String(last, StandardCharsets.UTF_8);
        }
    }
}
