package dev.ism.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.store.DynamoClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What DynamoDB Local itself takes for the two transaction shapes, with no function in between: the floor's
 * ({@code ddb-raw}: the Image put if absent and the tag event, two items) and a mapping's (the same two items and
 * the update of the stream's item: its resourceVersion advanced and the tag's head set, on condition of the
 * stream's uid, generation and the head's version, as {@code TagTransaction} writes it). K threads, each on a
 * stream of its own, send one shape back to back; the two shapes alternate, {@code ROUNDS} times, so that the
 * machine's drift falls on both. Run by hand against the floor's DynamoDB Local (its table, keys {@code PK} and
 * {@code SK}):
 * <pre>java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.ism.bench.TransactionShapes \
 *     http://127.0.0.1:8765 perf-floor 16 10 3</pre>
 * Arguments: endpoint, table, K, seconds per shape and round, rounds.
 */
public final class TransactionShapes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TransactionShapes() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String table = args[1];
        int threads = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        JsonNode image;
        try (InputStream in = TransactionShapes.class.getResourceAsStream("/manifests/ism-registry-push-schema2.json")) {
            image = JSON.readTree(in).get("image");
        }
        String manifest = image.get("dockerImageManifest").textValue();
        String config = image.get("dockerImageConfig").textValue();
        // the floor's access key: DynamoDB Local keeps a database per key, and the table is the floor's
        try (DynamoDbClient ddb = DynamoClients.builder(endpoint, "us-east-1")
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("floor", "floor"))).build()) {
            List<Stream> streams = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                streams.add(new Stream(ddb, table, "shapes-" + UUID.randomUUID()));
            }
            for (int r = 1; r <= rounds; r++) {
                double floor = run(streams, seconds, s -> s.floorShape(manifest, config));
                double ours = run(streams, seconds, s -> s.mappingShape(manifest, config));
                System.out.printf("round %d K=%d: floor's transaction (2 items) %.1f /s, a mapping's (3 items) %.1f /s, ratio %.2f%n",
                        r, threads, floor, ours, ours / floor);
            }
        }
    }

    private interface Shape {
        void send(Stream s);
    }

    private static double run(List<Stream> streams, int seconds, Shape shape) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (Stream s : streams) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    shape.send(s);
                    done.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep(1_000); // warm-up
        long from = done.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        long count = done.get() - from;
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return count / elapsed;
    }

    /** One stream's keys and its item's current version, as one client's mappings would write them. */
    private static final class Stream {
        private final DynamoDbClient ddb;
        private final String table;
        private final String name;
        private final String uid = UUID.randomUUID().toString();
        private long seq;
        private String headVersion;

        Stream(DynamoDbClient ddb, String table, String name) {
            this.ddb = ddb;
            this.table = table;
            this.name = name;
            Map<String, AttributeValue> item = new HashMap<>(key());
            item.put("obj", s("{\"kind\":\"ImageStream\",\"apiVersion\":\"image.openshift.io/v1\",\"metadata\":{\"name\":\""
                    + name + "\",\"namespace\":\"bench\",\"uid\":\"" + uid + "\",\"generation\":1}}"));
            item.put("rv", n(1));
            item.put("gen", n(1));
            item.put("uid", s(uid));
            item.put("heads", AttributeValue.fromM(Map.of()));
            ddb.putItem(b -> b.tableName(table).item(item));
        }

        void floorShape(String manifest, String config) {
            ddb.transactWriteItems(b -> b.transactItems(imagePut(manifest, config), eventPut()));
        }

        void mappingShape(String manifest, String config) {
            String version = UUID.randomUUID().toString();
            long next = ++seq;
            Map<String, String> names = new HashMap<>(Map.of("#pk", "PK", "#rv", "rv", "#gen", "gen", "#uid", "uid",
                    "#heads", "heads", "#t0", "latest"));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":gen", n(1), ":uid", s(uid),
                    ":h0", AttributeValue.fromM(Map.of("created", s("2026-12-06T00:00:00Z"), "ref", s("registry/bench/" + name),
                            "image", s("sha256:" + version), "gen", n(1), "seq", n(next), "v", s(version)))));
            String condition = "attribute_exists(#pk) AND #gen = :gen AND #uid = :uid";
            if (headVersion == null) {
                condition += " AND attribute_not_exists(#heads.#t0)";
            } else {
                condition += " AND #heads.#t0.#v = :v0";
                names.put("#v", "v");
                values.put(":v0", s(headVersion));
            }
            String c = condition;
            TransactWriteItem update = TransactWriteItem.builder().update(Update.builder().tableName(table).key(key())
                    .updateExpression("SET #rv = #rv + :one, #heads.#t0 = :h0").conditionExpression(c)
                    .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
            ddb.transactWriteItems(b -> b.transactItems(update, eventPut(), imagePut(manifest, config)));
            headVersion = version;
        }

        private TransactWriteItem imagePut(String manifest, String config) {
            Map<String, AttributeValue> img = new HashMap<>();
            img.put("PK", s("image#sha256:" + UUID.randomUUID()));
            img.put("SK", s("image"));
            img.put("obj", s("{\"kind\":\"Image\",\"dockerImageManifest\":" + JSON.valueToTree(manifest)
                    + ",\"dockerImageConfig\":" + JSON.valueToTree(config) + "}"));
            return TransactWriteItem.builder().put(Put.builder().tableName(table).item(img)
                    .conditionExpression("attribute_not_exists(PK)").build()).build();
        }

        private TransactWriteItem eventPut() {
            Map<String, AttributeValue> ev = new HashMap<>();
            ev.put("PK", s("ns/bench/imagestreams/" + name));
            ev.put("SK", s("tag/latest/" + UUID.randomUUID()));
            ev.put("created", s("2026-12-06T00:00:00Z"));
            ev.put("image", s("sha256:" + UUID.randomUUID()));
            ev.put("ref", s("registry/bench/" + name));
            ev.put("gen", n(1));
            return TransactWriteItem.builder().put(Put.builder().tableName(table).item(ev).build()).build();
        }

        private Map<String, AttributeValue> key() {
            return Map.of("PK", s("ns/bench"), "SK", s("imagestreams/" + name));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
