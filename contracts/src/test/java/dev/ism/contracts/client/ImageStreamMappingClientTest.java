package dev.ism.contracts.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ism.schema.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a small stateful fake of the API (the Pact mock server is stateless, so the
 * registry's "404, create the stream, retry" sequence is only seen end to end here). The fake's
 * Status bodies come from {@link Status}'s factories, as the real function's do.
 */
class ImageStreamMappingClientTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NS = "myproject";
    private static final String MAPPINGS = "/apis/image.openshift.io/v1/namespaces/myproject/imagestreammappings";
    private static final String STREAMS = "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams";

    private HttpServer server;
    private final Set<String> streams = Collections.synchronizedSet(new HashSet<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean createAnswersAlreadyExists;
    private volatile boolean mappingAlwaysNotFound;
    private volatile String streamCreateBody;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        log.add(method + " " + path + (query == null ? "" : "?" + query));
        authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));

        if (method.equals("POST") && path.equals(MAPPINGS)) {
            JsonNode mapping;
            try {
                mapping = MAPPER.readTree(body);
            } catch (IOException e) {
                reply(ex, Status.badRequest("json parse error"));
                return;
            }
            String stream = mapping.path("metadata").path("name").asText();
            if (mappingAlwaysNotFound || !streams.contains(stream)) {
                reply(ex, Status.notFound("image.openshift.io", "imagestreammappings", stream));
            } else {
                reply(ex, Status.success(201));
            }
        } else if (method.equals("POST") && path.equals(STREAMS)) {
            streamCreateBody = new String(body, StandardCharsets.UTF_8);
            String name = MAPPER.readTree(body).path("metadata").path("name").asText();
            if (createAnswersAlreadyExists) {
                streams.add(name);
                reply(ex, Status.alreadyExists("image.openshift.io", "imagestreams", name));
            } else {
                streams.add(name);
                ObjectNode is = MAPPER.createObjectNode().put("kind", "ImageStream").put("apiVersion", "image.openshift.io/v1");
                is.putObject("metadata").put("name", name).put("namespace", NS);
                reply(ex, 201, MAPPER.writeValueAsBytes(is), "application/json");
            }
        } else if (method.equals("GET") && path.startsWith(STREAMS + "/")) {
            String name = path.substring(STREAMS.length() + 1);
            if (streams.contains(name)) {
                ObjectNode is = MAPPER.createObjectNode().put("kind", "ImageStream");
                is.putObject("metadata").put("name", name).put("namespace", NS);
                reply(ex, 200, MAPPER.writeValueAsBytes(is), "application/json; charset=utf-8");
            } else {
                reply(ex, Status.notFound("image.openshift.io", "imagestreams", name));
            }
        } else if (path.equals("/text")) {
            reply(ex, 502, "Bad Gateway".getBytes(StandardCharsets.UTF_8), "text/plain");
        } else {
            reply(ex, Status.pathNotFound());
        }
    }

    private static void reply(HttpExchange ex, Status status) throws IOException {
        reply(ex, status.code(), MAPPER.writeValueAsBytes(status), "application/json");
    }

    private static void reply(HttpExchange ex, int code, byte[] body, String contentType) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static ObjectNode mapping(String stream) {
        ObjectNode m = MAPPER.createObjectNode().put("kind", "ImageStreamMapping").put("apiVersion", "image.openshift.io/v1");
        m.putObject("metadata").put("name", stream).put("namespace", NS);
        m.putObject("image").putObject("metadata").put("name", "sha256:" + "a".repeat(64));
        m.put("tag", "latest");
        return m;
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void missingStreamIsCreatedAndTheMappingRetriedOnce() {
        ApiResponse r = new ImageStreamMappingClient(base(), "registry-token").pushWithStreamCreation(NS, mapping("ruby"));

        assertEquals(201, r.statusCode());
        assertEquals("Success", r.status().status());
        assertEquals(List.of("POST " + MAPPINGS, "POST " + STREAMS, "POST " + MAPPINGS), log);
        assertEquals(List.of("Bearer registry-token", "Bearer registry-token", "Bearer registry-token"), authorizations);
        assertEquals("{\"kind\":\"ImageStream\",\"apiVersion\":\"image.openshift.io/v1\",\"metadata\":{\"name\":\"ruby\"}}",
                streamCreateBody);
    }

    @Test
    void existingStreamNeedsOneRequest() {
        streams.add("ruby");

        ApiResponse r = new ImageStreamMappingClient(base(), "t").pushWithStreamCreation(NS, mapping("ruby"));

        assertEquals(201, r.statusCode());
        assertEquals(List.of("POST " + MAPPINGS), log);
    }

    @Test
    void streamCreatedMeanwhileByAnotherPusherIsFine() {
        createAnswersAlreadyExists = true;

        ApiResponse r = new ImageStreamMappingClient(base(), "t").pushWithStreamCreation(NS, mapping("ruby"));

        assertEquals(201, r.statusCode());
        assertEquals(3, log.size());
    }

    @Test
    void retryHappensOnlyOnce() {
        mappingAlwaysNotFound = true;

        ApiException e = assertThrows(ApiException.class,
                () -> new ImageStreamMappingClient(base(), "t").pushWithStreamCreation(NS, mapping("ruby")));

        assertEquals(404, e.statusCode());
        assertEquals(List.of("POST " + MAPPINGS, "POST " + STREAMS, "POST " + MAPPINGS), log);
    }

    @Test
    void notFoundForAnotherReasonIsNotRetried() {
        ImageStreamMappingClient wrongPrefix = new ImageStreamMappingClient(base().resolve("/nowhere"), "t");

        ApiException e = assertThrows(ApiException.class, () -> wrongPrefix.pushWithStreamCreation(NS, mapping("ruby")));

        assertEquals(404, e.statusCode());
        assertNull(e.status().details());
        assertEquals(1, log.size());
    }

    @Test
    void notFoundNamingAnotherStreamIsNotRetried() {
        ApiException e = new ApiException("x", new ApiResponse(404, "application/json", null, "",
                Status.notFound("image.openshift.io", "imagestreammappings", "other")));
        assertFalse(ImageStreamMappingClient.isMissingStream(e, "ruby"));
        assertTrue(ImageStreamMappingClient.isMissingStream(e, "other"));
    }

    @Test
    void failureStatusIsParsedWithItsCauses() throws IOException {
        Status invalid = Status.invalid("image.openshift.io", "ImageStreamMapping", "ruby",
                List.of(new Status.Cause("FieldValueRequired", "Required value", "tag")));
        byte[] json = MAPPER.writeValueAsBytes(invalid);
        server.createContext("/invalid", ex -> {
            ex.getRequestBody().readAllBytes();
            reply(ex, 422, json, "application/json");
        });

        ApiResponse r = new ImageStreamMappingClient(base(), null).sendRaw("POST", "/invalid", "application/json", "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(422, r.statusCode());
        assertEquals(invalid, r.status());
        ApiException e = new ApiException("create", r);
        assertEquals("Invalid", e.reason());
        assertEquals(List.of(new Status.Cause("FieldValueRequired", "Required value", "tag")), e.causes());
        assertTrue(e.getMessage().startsWith("create: HTTP 422 Invalid: ImageStreamMapping.image.openshift.io \"ruby\" is invalid"),
                e.getMessage());
    }

    @Test
    void nonJsonErrorKeepsTheRawBody() {
        ApiResponse r = new ImageStreamMappingClient(base(), "t").sendRaw("GET", "/text", null, null);

        assertEquals(502, r.statusCode());
        assertNull(r.body());
        assertNull(r.status());
        assertEquals("Bad Gateway", r.rawBody());
        assertEquals("text/plain", r.contentType());
    }

    @Test
    void noTokenSendsNoAuthorization() {
        streams.add("ruby");
        new ImageStreamMappingClient(base(), null).createMapping(NS, mapping("ruby"), false);
        new ImageStreamMappingClient(base(), "  ").createMapping(NS, mapping("ruby"), false);

        assertEquals(List.of("null", "null"), authorizations);
    }

    @Test
    void dryRunIsAQueryParameter() {
        streams.add("ruby");

        new ImageStreamMappingClient(base(), "t").createMapping(NS, mapping("ruby"), true);

        assertEquals(List.of("POST " + MAPPINGS + "?dryRun=All"), log);
    }

    @Test
    void imageStreamIsFetchedAndBaseUrlTrailingSlashIgnored() {
        streams.add("ruby");

        ApiResponse r = new ImageStreamMappingClient(URI.create(base() + "/"), "t").getImageStream(NS, "ruby");

        assertEquals(200, r.statusCode());
        assertEquals("ruby", r.body().path("metadata").path("name").asText());
        assertEquals(List.of("GET " + STREAMS + "/ruby"), log);
    }

    @Test
    void pathSegmentsArePercentEncoded() {
        assertEquals("a%2Fb%20c%C3%A9", ImageStreamMappingClient.segment("a/b cé"));
        assertEquals("ruby-2.7_x~y", ImageStreamMappingClient.segment("ruby-2.7_x~y"));
    }
}
