package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.store.EmbeddedDynamoDb;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.bytes;
import static dev.ism.function.e2e.E2e.headers;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Section 6: every failure is a Status with Content-Type application/json: other methods (405),
 * unknown paths (404), a fault of ours (500, saying nothing of it) and DynamoDB out of reach (503
 * with Retry-After).
 */
class ErrorsTest {

    private static final Api API = Api.shared();

    private static JsonNode status(int code, String reason, String message) {
        ObjectNode s = E2e.JSON.createObjectNode();
        s.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
        s.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return s;
    }

    private static final JsonNode METHOD_NOT_ALLOWED =
            status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    private static final JsonNode NOT_FOUND = status(404, "NotFound", "the server could not find the requested resource");
    private static final JsonNode INTERNAL_ERROR =
            status(500, "InternalError", "Internal error occurred: the server could not complete the request");

    @ParameterizedTest
    @EnumSource(Via.class)
    void otherMethodsOnTheCollectionAre405(Via via) {
        String ns = Api.unique("errors");
        API.createStream(ns, "ruby");
        byte[] body = bytes(mapping(ns, "ruby", "latest", "method"));
        for (String method : new String[]{"GET", "PUT", "PATCH", "DELETE"}) {
            Api.Response r = API.send(via, method, mappings(ns), headers(Api.REGISTRY_TOKEN, "application/json"),
                    method.equals("GET") || method.equals("DELETE") ? null : body, false);
            assertExactly(METHOD_NOT_ALLOWED, r);
        }
        assertEquals(0, E2e.items(E2e.getStream(API, ns, "ruby"), "latest").size());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void otherMethodsOnStreamsAndImagesAre405(Via via) {
        String ns = Api.unique("errors");
        API.createStream(ns, "ruby");
        byte[] body = bytes(E2e.streamBody("ruby"));
        assertExactly(METHOD_NOT_ALLOWED, API.send(via, "PUT", E2e.stream(ns, "ruby"), headers(Api.REGISTRY_TOKEN, "application/json"), body, false));
        assertExactly(METHOD_NOT_ALLOWED, API.send(via, "DELETE", E2e.stream(ns, "ruby"), headers(Api.REGISTRY_TOKEN, null), null, false));
        assertExactly(METHOD_NOT_ALLOWED, API.send(via, "POST", E2e.stream(ns, "ruby"), headers(Api.REGISTRY_TOKEN, "application/json"), body, false));
        assertExactly(METHOD_NOT_ALLOWED, API.send(via, "DELETE", E2e.streams(ns), headers(Api.REGISTRY_TOKEN, null), null, false));
        assertExactly(METHOD_NOT_ALLOWED, API.send(via, "DELETE", E2e.image(E2e.digest("x")), headers(Api.REGISTRY_TOKEN, null), null, false));
        assertEquals(200, API.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.stream(ns, "ruby")).code(), "still there");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void unknownPathsAre404(Via via) {
        String ns = Api.unique("errors");
        // "/" is outside the discovery roles' paths: 403, as kube-apiserver answers a user without a rule for it
        Api.Response root = API.get(via, Api.REGISTRY_TOKEN, "/");
        assertEquals(403, root.code(), root.body());
        assertEquals("forbidden: User \"system:serviceaccount:openshift-image-registry:registry\" cannot get path \"/\"",
                root.json().path("message").asText());
        for (String path : new String[]{"/api/v1/namespaces/" + ns + "/pods", "/apis/image.openshift.io/v2/images/x",
                E2e.BASE + "/namespaces/" + ns + "/imagestreammappings/ruby/extra",
                E2e.BASE + "/namespaces/" + ns + "/imagestreams/ruby/status/more",
                E2e.BASE + "/namespaces/" + ns + "/imagestreamtags/ruby:latest", E2e.BASE + "/nothing-here"}) {
            assertExactly(NOT_FOUND, API.get(via, Api.REGISTRY_TOKEN, path));
        }
    }

    /** A stream whose stored JSON is corrupt: reading it fails in our code, not the client's. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void aFaultOfOursIs500WithNothingOfIt(Via via) {
        String ns = Api.unique("errors");
        API.createStream(ns, "broken");
        E2e.corruptStream(API, ns, "broken");
        for (Api.Response r : new Api.Response[]{
                post(API, via, mappings(ns), mapping(ns, "broken", "latest", "fault" + via)),
                API.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, "broken")),
                API.get(via, Api.REGISTRY_TOKEN, E2e.streams(ns))}) {
            assertExactly(INTERNAL_ERROR, r);
            for (String internal : new String[]{ns, "Exception", "ism-test", "obj", "corrupt", "Jackson", "DynamoDB"}) {
                assertFalse(r.body().contains(internal), internal + " in " + r.body());
            }
            r.headers().values().forEach(v -> assertFalse(v.contains("Exception"), v));
        }
    }

    @Test
    void dynamoDbOutOfReachIs503WithRetryAfter() {
        try (Api own = new Api(Map.of("ism.dynamodb.table-name", "ism-test-unreachable"))) {
            String ns = Api.unique("errors");
            own.createStream(ns, "ruby");
            own.context().getBean(EmbeddedDynamoDb.class).close();
            // (each answer takes seconds: the DynamoDB client retries a refused connection 8 times first)
            for (Via via : Via.values()) {
                for (Api.Response r : new Api.Response[]{post(own, via, mappings(ns), mapping(ns, "ruby", "latest", "unreachable"))}) {
                    JsonNode status = assertStatus(r, 503);
                    assertEquals("ServiceUnavailable", status.path("reason").asText(), r.body());
                    assertEquals(1, status.at("/details/retryAfterSeconds").asInt(), r.body());
                    assertEquals("1", r.header("Retry-After"), r.headers().toString());
                    assertFalse(r.body().contains("127.0.0.1"), r.body());
                    assertFalse(r.body().contains("Exception"), r.body());
                }
                // the checks before the store still answer as usual
                assertExactly(E2e.example("response-400-malformed-json.json"), post(own, via, mappings(ns),
                        "{\"metadata\":{\"name\":\"ruby\"},\"tag\":".getBytes(StandardCharsets.UTF_8),
                        headers(Api.REGISTRY_TOKEN, "application/json")));
            }
        }
    }
}
