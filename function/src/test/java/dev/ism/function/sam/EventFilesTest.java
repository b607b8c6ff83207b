package dev.ism.function.sam;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.ism.function.support.TableItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.local.LocalInvoker;
import dev.ism.function.local.LocalInvoker.Invocation;
import dev.ism.function.local.LocalInvoker.Payload;
import dev.ism.function.store.DynamoStore;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event file of events/ through the real Lambda handler, read and written as the Lambda runtime does
 * ({@link LocalInvoker}, also behind the local invoke tool), in the documented order on a fresh function
 * (its own DynamoDB Local, dev auth files): each answers its expected status and body. Also: every event is
 * shaped as API Gateway sends it for a route of template.yaml.
 */
class EventFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "sha256:c6d1c61b1e3c3e3f8295927ceca1cc570667319e3d75ee2b30006ee0001f7b49";
    static final String PUSHED_REFERENCE = "image-registry.openshift-image-registry.svc:5000/myproject/ruby@" + DIGEST;

    /** One event file, its expected status, and what its response body must be. */
    record Scenario(String file, int status, Consumer<JsonNode> body) {
    }

    /** HTTP API (payload 2.0) events, in the order events/README.md lists them. */
    static List<Scenario> httpApiScenarios() {
        return List.of(
                new Scenario("no-token.json", 401, b -> assertEquals(example("response-401-unauthorized.json"), b)),
                new Scenario("forbidden.json", 403, b -> assertEquals(example("response-403-forbidden.json"), b)),
                new Scenario("invalid-body.json", 422, b -> assertEquals(example("response-422-invalid.json"), b)),
                new Scenario("stream-missing.json", 404, b -> assertEquals(notFound("python"), b)),
                new Scenario("create-stream.json", 201, b -> assertStream(b, "ruby")),
                new Scenario("create-stream-nginx.json", 201, b -> assertStream(b, "nginx")),
                new Scenario("dry-run.json", 201, b -> assertEquals(example("response-201-success.json"), b)),
                new Scenario("registry-push.json", 201, b -> assertEquals(example("response-201-success.json"), b)),
                new Scenario("external-image.json", 201, b -> assertEquals(example("response-201-success.json"), b)),
                new Scenario("get-stream.json", 200, EventFilesTest::assertPushedStream),
                new Scenario("list-streams.json", 200, b -> {
                    assertEquals("ImageStreamList", b.path("kind").asText());
                    assertEquals("ruby", b.at("/items/1/metadata/name").asText());
                    assertEquals("nginx", b.at("/items/0/metadata/name").asText());
                    assertEquals("1.27", b.at("/items/0/status/tags/0/tag").asText());
                }),
                new Scenario("get-image.json", 200, EventFilesTest::assertPushedImage));
    }

    /** REST API (payload 1.0) events, same order. */
    static List<Scenario> restApiScenarios() {
        return List.of(
                new Scenario("v1/no-token.json", 401, b -> assertEquals(example("response-401-unauthorized.json"), b)),
                new Scenario("v1/forbidden.json", 403, b -> assertEquals(example("response-403-forbidden.json"), b)),
                new Scenario("v1/create-stream.json", 201, b -> assertStream(b, "ruby")),
                new Scenario("v1/registry-push.json", 201, b -> assertEquals(example("response-201-success.json"), b)),
                new Scenario("v1/get-stream.json", 200, EventFilesTest::assertPushedStream),
                new Scenario("v1/get-image.json", 200, EventFilesTest::assertPushedImage));
    }

    @Test
    void httpApiEventsAnswerAsDocumented() throws IOException {
        try (ApplicationContext context = freshFunction();
             LocalInvoker invoker = LocalInvoker.on(context)) {
            DynamoStore store = context.getBean(DynamoStore.class);
            for (Scenario s : httpApiScenarios()) {
                int itemsBefore = TableItems.scanAll(context.getBean(DynamoDbClient.class), store.tableName()).size();
                Invocation r = invoker.invoke(read(s.file()));
                assertEquals(Payload.HTTP_API_V2, r.payload());
                check(s, r);
                if (s.file().equals("dry-run.json") || s.status() >= 400) {
                    assertEquals(itemsBefore, TableItems.scanAll(context.getBean(DynamoDbClient.class), store.tableName()).size(), s.file() + " wrote nothing");
                }
            }
        }
    }

    @Test
    void restApiEventsAnswerAsDocumented() throws IOException {
        try (ApplicationContext context = freshFunction();
             LocalInvoker invoker = LocalInvoker.on(context)) {
            for (Scenario s : restApiScenarios()) {
                Invocation r = invoker.invoke(read(s.file()));
                assertEquals(Payload.REST_API_V1, r.payload());
                check(s, r);
            }
        }
    }

    /** No event file goes untested. */
    @Test
    void everyEventFileIsAScenario() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> all = Files.walk(events())) {
            all.filter(p -> p.toString().endsWith(".json"))
                    .forEach(p -> files.add(events().relativize(p).toString().replace('\\', '/')));
        }
        Set<String> tested = new TreeSet<>();
        httpApiScenarios().forEach(s -> tested.add(s.file()));
        restApiScenarios().forEach(s -> tested.add(s.file()));
        assertEquals(tested, files);
    }

    /**
     * Each event is what API Gateway sends through the template's only route, {@code $default}: an HTTP
     * API event with route key {@code $default} and no path parameters; a REST API event as a
     * {@code ANY /{proxy+}} resource sends it (the path, without its leading slash, as {@code proxy}).
     */
    @Test
    void eventsAreShapedAsApiGatewaySendsThem() throws IOException {
        Set<String> routes = TemplateTest.routeKeys(SamTemplate.load()).keySet();
        assertEquals(Set.of(TemplateTest.CATCH_ALL_ROUTE), routes);
        for (Scenario s : httpApiScenarios()) {
            JsonNode e = JSON.readTree(read(s.file()));
            String routeKey = e.path("routeKey").asText();
            assertTrue(routes.contains(routeKey), s.file() + ": route " + routeKey + " is in template.yaml");
            assertEquals(routeKey, e.at("/requestContext/routeKey").asText(), s.file());
            assertEquals("$default", e.at("/requestContext/stage").asText(), s.file());
            String method = e.at("/requestContext/http/method").asText();
            assertFalse(method.isEmpty(), s.file());
            String path = e.path("rawPath").asText();
            assertEquals(path, e.at("/requestContext/http/path").asText(), s.file());
            assertFalse(e.has("pathParameters"), s.file() + ": the $default route has no path parameters");
            assertEquals(e.at("/headers/user-agent").asText(), e.at("/requestContext/http/userAgent").asText(), s.file());
            e.path("headers").fieldNames().forEachRemaining(h -> assertEquals(h.toLowerCase(), h, s.file() + ": HTTP API headers are lower case"));
            assertBody(s.file(), method, e, e.at("/headers/content-length"));
            assertEquals(e.path("rawQueryString").asText().isEmpty(), !e.has("queryStringParameters"), s.file());
        }
        for (Scenario s : restApiScenarios()) {
            JsonNode e = JSON.readTree(read(s.file()));
            String method = e.path("httpMethod").asText();
            String resource = e.path("resource").asText();
            assertEquals("/{proxy+}", resource, s.file());
            assertEquals(resource, e.at("/requestContext/resourcePath").asText(), s.file());
            assertEquals("/" + e.at("/requestContext/stage").asText() + e.path("path").asText(),
                    e.at("/requestContext/path").asText(), s.file());
            assertEquals(e.path("path").asText().substring(1), e.at("/pathParameters/proxy").asText(), s.file());
            Iterator<Map.Entry<String, JsonNode>> headers = e.path("headers").fields();
            headers.forEachRemaining(h -> assertEquals(h.getValue().asText(), e.at("/multiValueHeaders").path(h.getKey()).path(0).asText(), s.file()));
            assertBody(s.file(), method, e, e.at("/headers/Content-Length"));
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    static void check(Scenario s, Invocation r) {
        assertEquals(s.status(), r.statusCode(), s.file() + ": " + r.body());
        assertEquals(s.status(), r.response().path("statusCode").asInt(), s.file() + ": the response event's statusCode");
        JsonNode headers = r.response().path("headers");
        String type = headers.has("Content-Type") ? headers.path("Content-Type").asText() : headers.path("content-type").asText();
        if (type.isEmpty()) {
            type = r.response().at("/multiValueHeaders/Content-Type/0").asText();
        }
        assertTrue(type.startsWith("application/json"), s.file() + ": Content-Type " + r.responseJson());
        s.body().accept(r.bodyJson());
    }

    private static void assertBody(String file, String method, JsonNode e, JsonNode contentLength) {
        assertFalse(e.path("isBase64Encoded").asBoolean(), file + ": JSON is text: API Gateway does not base64 it");
        if (method.equals("GET")) {
            assertTrue(e.path("body").isMissingNode() || e.path("body").isNull(), file + ": no body");
            assertTrue(contentLength.isMissingNode(), file);
        } else {
            String body = e.path("body").asText();
            assertEquals(body.getBytes(StandardCharsets.UTF_8).length, Integer.parseInt(contentLength.asText()), file + ": content-length");
        }
    }

    static void assertStream(JsonNode b, String name) {
        assertEquals("ImageStream", b.path("kind").asText());
        assertEquals("image.openshift.io/v1", b.path("apiVersion").asText());
        assertEquals(name, b.at("/metadata/name").asText());
        assertEquals("myproject", b.at("/metadata/namespace").asText());
        assertEquals("1", b.at("/metadata/resourceVersion").asText());
        assertFalse(b.at("/metadata/uid").asText().isEmpty());
        assertEquals(0, b.at("/status/tags").size());
    }

    static void assertPushedStream(JsonNode b) {
        assertEquals("ImageStream", b.path("kind").asText());
        assertEquals("ruby", b.at("/metadata/name").asText());
        assertEquals("latest", b.at("/status/tags/0/tag").asText());
        assertEquals(1, b.at("/status/tags/0/items").size(), "one event: the dry run wrote none");
        assertEquals(DIGEST, b.at("/status/tags/0/items/0/image").asText());
        assertEquals(PUSHED_REFERENCE, b.at("/status/tags/0/items/0/dockerImageReference").asText());
    }

    static void assertPushedImage(JsonNode b) {
        assertEquals("Image", b.path("kind").asText());
        assertEquals(DIGEST, b.at("/metadata/name").asText());
        assertEquals(PUSHED_REFERENCE, b.path("dockerImageReference").asText());
        assertEquals(2, b.path("dockerImageLayers").size());
        assertEquals("ascending", b.at("/metadata/annotations").path("image.openshift.io/dockerLayersOrder").asText());
        // filled from the config blob the push sent (the request's dockerImageMetadata was null)
        JsonNode metadata = b.path("dockerImageMetadata");
        assertEquals("DockerImage", metadata.path("kind").asText(), metadata.toString());
        assertEquals("sha256:d9e394b7316990a0f95fcd9a2bad3a0a85aeea2d54282552bfbbea7aa1ad63d3", metadata.path("Id").asText());
        assertEquals("amd64", metadata.path("Architecture").asText());
    }

    static ObjectNode notFound(String name) {
        ObjectNode status = (ObjectNode) example("response-404-stream-not-found.json");
        status.put("message", "imagestreammappings.image.openshift.io \"" + name + "\" not found");
        ((ObjectNode) status.path("details")).put("name", name);
        return status;
    }

    /** The function with its own fresh DynamoDB Local (environment "test": dev auth files). */
    static ApplicationContext freshFunction() {
        return ApplicationContext.builder().environments("test").start();
    }

    static Path events() {
        return SamTemplate.repoRoot().resolve("events");
    }

    static String read(String file) throws IOException {
        return Files.readString(events().resolve(file), StandardCharsets.UTF_8);
    }

    /** A response example of the schema module (BEHAVIOUR.md's examples). */
    static JsonNode example(String name) {
        Path p = SamTemplate.repoRoot().resolve("schema/src/test/resources/examples").resolve(name);
        try {
            return JSON.readTree(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
