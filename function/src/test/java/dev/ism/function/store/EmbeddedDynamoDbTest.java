package dev.ism.function.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ism.function.model.TagEvent;
import dev.ism.function.model.NewImage;
import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagChange;
import dev.ism.function.registry.storage.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The embedded server itself: start, loopback only, persistence, and what a client sees when it is gone. */
class EmbeddedDynamoDbTest {

    @Test
    void startsOnLoopbackAndServesTheSdk() {
        long t0 = System.nanoTime();
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start();
             DynamoDbClient client = DynamoClients.create(db.endpoint(), null)) {
            long t1 = System.nanoTime();
            assertEquals("127.0.0.1", db.endpoint().getHost());
            assertEquals(db.port(), db.endpoint().getPort());
            assertTrue(db.port() > 0);
            DynamoStore store = new DynamoStore(client, "embedded-" + db.port());
            store.createTable();
            assertTrue(client.listTables().tableNames().contains(store.tableName()));
            long t2 = System.nanoTime();
            System.out.printf("EmbeddedDynamoDb.start() %d ms; first SDK round trips (createTable, listTables) %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

            // Listening on 127.0.0.1 only: not on the host's other addresses.
            Optional<InetAddress> other = nonLoopbackAddress();
            other.ifPresent(address -> assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, db.port()), 1_000);
                }
            }, "port " + db.port() + " must not be reachable on " + address));
        }
    }

    @Test
    void twoServersRunSideBySide() {
        try (EmbeddedDynamoDb a = EmbeddedDynamoDb.start(); EmbeddedDynamoDb b = EmbeddedDynamoDb.start()) {
            assertTrue(a.port() != b.port());
        }
    }

    @Test
    void persistsInDbPathAcrossRestarts(@TempDir Path dir) {
        String table = "persisted";
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(dir);
             DynamoDbClient client = DynamoClients.create(db.endpoint(), null)) {
            DynamoStore store = new DynamoStore(client, table);
            store.createTable();
            store.create("ns", "app", DynamoStoreTest.stream("ns", "app"));
            StoredStream s = store.get("ns", "app").orElseThrow();
            store.updateTags(s, List.of(new TagChange("latest", 1, new TagEvent("c", "r", "i", 1))), Optional.empty());
        }
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(dir);
             DynamoDbClient client = DynamoClients.create(db.endpoint(), "eu-west-1")) {
            DynamoStore store = new DynamoStore(client, table);
            store.createTable(); // idempotent on the existing table
            StoredStream s = store.get("ns", "app").orElseThrow();
            assertEquals(2, s.resourceVersion());
            assertEquals(Map.of("latest", List.of(new TagEvent("c", "r", "i", 1))), store.history("ns", "app"));
        }
    }

    @Test
    void connectionRefusedIsStoreUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + closedPort);
        // As configured for production, SDK retries included (DynamoDB's default: up to 9 attempts).
        try (DynamoDbClient client = DynamoClients.create(endpoint, null)) {
            long t0 = System.nanoTime();
            assertThrows(StoreUnavailableException.class, () -> new DynamoStore(client, "ttt").get("ns", "app"));
            System.out.printf("connection refused -> StoreUnavailableException after the SDK's retries: %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
        }
        // Every operation, without the SDK's retries to keep the test short.
        try (DynamoDbClient client = DynamoClients.builder(endpoint, null)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            DynamoStore store = new DynamoStore(client, "ttt");
            StoredStream read = new StoredStream("ns", "app", 1, DynamoStoreTest.stream("ns", "app"), Map.of());
            assertThrows(StoreUnavailableException.class, () -> store.get("ns", "app"));
            assertThrows(StoreUnavailableException.class, () -> store.list("ns"));
            assertThrows(StoreUnavailableException.class,
                    () -> store.create("ns", "app", DynamoStoreTest.stream("ns", "app")));
            assertThrows(StoreUnavailableException.class, () -> store.updateTags(read,
                    List.of(new TagChange("latest", 1, new TagEvent("c", "r", "i", 1))), Optional.empty()));
            assertThrows(StoreUnavailableException.class,
                    () -> store.updateTags(read, List.of(), Optional.of(new NewImage("sha256:x", DynamoStoreTest.image("sha256:x", "m")))));
            assertThrows(StoreUnavailableException.class,
                    () -> store.exists("sha256:x", 0, () -> new NewImage("sha256:x", DynamoStoreTest.image("sha256:x", "m"))));
            assertThrows(StoreUnavailableException.class, () -> store.get("sha256:x"));
            assertThrows(StoreUnavailableException.class, () -> store.history("ns", "app"));
            assertThrows(StoreUnavailableException.class, store::createTable);
        }
    }

    @Test
    void stoppedServerIsStoreUnavailable() {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start();
        try (DynamoDbClient client = DynamoClients.builder(db.endpoint(), null)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            DynamoStore store = new DynamoStore(client, "stopped");
            store.createTable();
            db.close();
            assertThrows(StoreUnavailableException.class, () -> store.get("ns", "app"));
        }
    }

    @Test
    void localEndpointsAreRecognised() {
        assertTrue(DynamoClients.isLocal(URI.create("http://127.0.0.1:8000")));
        assertTrue(DynamoClients.isLocal(URI.create("http://localhost:8000")));
        assertTrue(DynamoClients.isLocal(URI.create("http://[::1]:8000")));
        assertTrue(!DynamoClients.isLocal(URI.create("https://dynamodb.eu-west-1.amazonaws.com")));
        assertTrue(!DynamoClients.isLocal(URI.create("http://10.0.0.5:8000")));
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a.getAddress().length == 4 && !a.isLoopbackAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
