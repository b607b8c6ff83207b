package dev.ism.function.local;

import dev.ism.function.support.TableItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.store.DynamoClients;
import dev.ism.function.store.DynamoStore;
import dev.ism.function.store.EmbeddedDynamoDb;
import dev.ism.function.support.RepoFiles;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local invoke tool ({@link Invoke}) as its documented command runs it: its own JVM on the function's
 * test classpath, started in the repository root, event paths relative to it. stdout carries only the
 * response events (JSON), in order; the logs go to stderr.
 */
class LocalInvokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, List<JsonNode> responses, String stderr) {
    }

    /** The default: DynamoDB Local in the tool's JVM, the dev auth files; create-stream seeds registry-push. */
    @Test
    void seedsAndPushesAgainstEmbeddedDynamoDbLocal() throws Exception {
        Run run = invoke(Map.of(), "events/create-stream.json,events/registry-push.json", "events/get-stream.json");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(3, run.responses().size(), run.stderr());
        assertEquals(201, run.responses().get(0).path("statusCode").asInt(), run.stderr());
        assertEquals(201, run.responses().get(1).path("statusCode").asInt(), run.stderr());
        assertEquals(200, run.responses().get(2).path("statusCode").asInt(), run.stderr());
        JsonNode stream = JSON.readTree(run.responses().get(2).path("body").asText());
        assertEquals("latest", stream.at("/status/tags/0/tag").asText());
        assertTrue(run.stderr().contains("events/registry-push.json -> 201"), run.stderr());
        assertTrue(run.stderr().contains("DEV-ONLY"), run.stderr());
    }

    /** ISM_DYNAMODB_ENDPOINT: the tool uses that DynamoDB (here one this test runs) and its table. */
    @Test
    void usesTheEndpointGivenByEnvironment() throws Exception {
        String table = "ism-invoke-endpoint";
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start();
             DynamoDbClient client = DynamoClients.create(db.endpoint(), null)) {
            DynamoStore store = new DynamoStore(client, table);
            store.createTable();
            Run run = invoke(Map.of("ISM_DYNAMODB_ENDPOINT", db.endpoint().toString(), "ISM_TABLE_NAME", table),
                    "events/create-stream.json", "events/registry-push.json");
            assertEquals(0, run.exit(), run.stderr());
            assertEquals(List.of(201, 201), run.responses().stream().map(r -> r.path("statusCode").asInt()).toList(), run.stderr());
            assertEquals(3, TableItems.scanAll(client, table).size(), "the stream, its tag event and the image, in the given DynamoDB");
        }
    }

    /** REST API (payload 1.0) files go to the REST API handler; a file that is no API Gateway event is refused. */
    @Test
    void restApiEventsAndBadFiles() throws Exception {
        Run run = invoke(Map.of(), "events/v1/no-token.json");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(401, run.responses().get(0).path("statusCode").asInt());
        assertTrue(run.responses().get(0).has("multiValueHeaders"), "a REST API (APIGatewayProxyResponseEvent) response");

        Run bad = invoke(Map.of(), "template.yaml");
        assertEquals(2, bad.exit(), bad.stderr());
        assertEquals(List.of(), bad.responses());
    }

    /** Runs the tool as the Maven profile does: java -classpath (test classpath) Invoke args, in the repository root. */
    static Run invoke(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path root = repoRoot();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-classpath", classpath, Invoke.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ISM_") || k.startsWith("MICRONAUT_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String stdout = read(p.getInputStream());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        List<JsonNode> responses = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(stdout)) {
            while (it.hasNext()) {
                responses.add(it.next());
            }
        }
        return new Run(p.exitValue(), responses, stderr.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path repoRoot() {
        return RepoFiles.root();
    }
}
