package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.bytes;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.headers;
import static dev.ism.function.e2e.E2e.items;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static dev.ism.function.e2e.E2e.streamBody;
import static dev.ism.function.e2e.E2e.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resources around mappings: {@code POST} and {@code GET imagestreams}, {@code GET
 * imagestreams/{name}}, {@code GET images/{name}}, through each way in.
 */
class StreamsAndImagesTest {

    private static final Api API = Api.shared();

    private static JsonNode failure(int code, String reason, String message, String name, String kind) {
        ObjectNode s = E2e.JSON.createObjectNode();
        s.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
        s.put("status", "Failure").put("message", message).put("reason", reason);
        s.putObject("details").put("name", name).put("group", "image.openshift.io").put("kind", kind);
        s.put("code", code);
        return s;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void createAStream(Via via) {
        String ns = Api.unique("streams");
        ObjectNode body = streamBody("ruby");
        ((ObjectNode) body.get("metadata")).put("uid", "client-uid").put("resourceVersion", "77").put("generation", 9)
                .put("creationTimestamp", "2001-01-01T00:00:00Z").putObject("labels").put("app", "ruby");
        body.putObject("status").put("dockerImageRepository", "client/status");
        Api.Response r = post(API, via, streams(ns), body);
        assertEquals(201, r.code(), r.body());
        E2e.assertJsonContentType(r);
        JsonNode created = r.json();
        assertEquals("ImageStream", created.path("kind").asText());
        assertEquals("image.openshift.io/v1", created.path("apiVersion").asText());
        JsonNode meta = created.path("metadata");
        assertEquals("ruby", meta.path("name").asText());
        assertEquals(ns, meta.path("namespace").asText());
        UUID.fromString(meta.path("uid").asText());
        assertFalse(meta.path("uid").asText().equals("client-uid"));
        assertEquals("1", meta.path("resourceVersion").asText());
        assertEquals(1, meta.path("generation").asLong());
        Instant created0 = Instant.parse(meta.path("creationTimestamp").asText());
        assertFalse(created0.equals(Instant.parse("2001-01-01T00:00:00Z")));
        assertEquals("ruby", meta.at("/labels/app").asText());
        assertTrue(created.path("spec").isObject());
        assertEquals(0, created.at("/status/tags").size());
        assertFalse(created.toString().contains("client/status"), created.toString());

        // read back: the same object
        Api.Response got = API.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, "ruby"));
        assertEquals(200, got.code(), got.body());
        E2e.assertJsonContentType(got);
        assertEquals(created, got.json());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aStreamThatExistsIs409AlreadyExists(Via via) {
        String ns = Api.unique("streams");
        API.createStream(ns, "ruby");
        assertExactly(failure(409, "AlreadyExists", "imagestreams.image.openshift.io \"ruby\" already exists", "ruby", "imagestreams"),
                post(API, via, streams(ns), streamBody("ruby")));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void invalidStreamsAre422Or400(Via via) {
        String ns = Api.unique("streams");
        JsonNode slash = assertStatus(post(API, via, streams(ns), streamBody("a/b")), 422);
        assertEquals("Invalid", slash.path("reason").asText());
        assertEquals("ImageStream", slash.at("/details/kind").asText());
        assertEquals("image.openshift.io", slash.at("/details/group").asText());
        assertEquals("a/b", slash.at("/details/name").asText());
        assertEquals("FieldValueInvalid", slash.at("/details/causes/0/reason").asText());
        assertEquals("metadata.name", slash.at("/details/causes/0/field").asText());
        assertTrue(slash.path("message").asText().startsWith("ImageStream.image.openshift.io \"a/b\" is invalid: metadata.name: Invalid value: \"a/b\""),
                slash.toString());

        for (String name : new String[]{"..", "%zz"}) {
            JsonNode s = assertStatus(post(API, via, streams(ns), streamBody(name)), 422);
            assertEquals("metadata.name", s.at("/details/causes/0/field").asText(), s.toString());
        }
        ObjectNode noName = streamBody("x");
        ((ObjectNode) noName.get("metadata")).remove("name");
        JsonNode required = assertStatus(post(API, via, streams(ns), noName), 422);
        assertEquals("FieldValueRequired", required.at("/details/causes/0/reason").asText());

        ObjectNode otherNamespace = streamBody("ruby");
        ((ObjectNode) otherNamespace.get("metadata")).put("namespace", "elsewhere");
        JsonNode mismatch = assertStatus(post(API, via, streams(ns), otherNamespace), 400);
        assertEquals("the namespace of the provided object does not match the namespace sent on the request", mismatch.path("message").asText());

        ObjectNode otherKind = streamBody("ruby");
        otherKind.put("kind", "ImageStreamMapping");
        assertEquals("BadRequest", assertStatus(post(API, via, streams(ns), otherKind), 400).path("reason").asText());
        assertEquals("BadRequest", assertStatus(post(API, via, streams(ns), "{\"metadata\":".getBytes(StandardCharsets.UTF_8),
                headers(Api.REGISTRY_TOKEN, "application/json")), 400).path("reason").asText());
        assertEquals("UnsupportedMediaType", assertStatus(post(API, via, streams(ns), bytes(streamBody("ruby")),
                headers(Api.REGISTRY_TOKEN, "text/plain")), 415).path("reason").asText());

        JsonNode list = API.get(via, Api.REGISTRY_TOKEN, streams(ns)).json();
        assertEquals(0, list.path("items").size(), "nothing was created");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aMissingStreamIs404(Via via) {
        String ns = Api.unique("streams");
        assertExactly(failure(404, "NotFound", "imagestreams.image.openshift.io \"nothing\" not found", "nothing", "imagestreams"),
                API.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, "nothing")));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void listStreams(Via via) {
        String ns = Api.unique("streams");
        Api.Response empty = API.get(via, Api.REGISTRY_TOKEN, streams(ns));
        assertEquals(200, empty.code(), empty.body());
        E2e.assertJsonContentType(empty);
        assertEquals("ImageStreamList", empty.json().path("kind").asText());
        assertEquals("image.openshift.io/v1", empty.json().path("apiVersion").asText());
        assertTrue(empty.json().path("items").isArray());
        assertEquals(0, empty.json().path("items").size());

        for (String name : List.of("python", "ruby", "nginx")) {
            API.createStream(ns, name);
        }
        assertEquals(201, post(API, via, mappings(ns), mapping(ns, "ruby", "latest", "listed" + ns)).code());
        Api.Response r = API.get(via, Api.REGISTRY_TOKEN, streams(ns));
        assertEquals(200, r.code(), r.body());
        JsonNode list = r.json();
        assertEquals(3, list.path("items").size());
        assertEquals(List.of("nginx", "python", "ruby"), List.of(list.at("/items/0/metadata/name").asText(),
                list.at("/items/1/metadata/name").asText(), list.at("/items/2/metadata/name").asText()));
        assertEquals(E2e.getStream(API, ns, "ruby"), list.at("/items/2"));
        assertEquals(1, items(list.at("/items/2"), "latest").size());
        for (JsonNode item : list.path("items")) {
            assertEquals("ImageStream", item.path("kind").asText());
            assertEquals(ns, item.at("/metadata/namespace").asText());
        }
        // another namespace's streams are not listed
        assertEquals(0, API.get(via, Api.REGISTRY_TOKEN, streams(Api.unique("streams"))).json().path("items").size());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void getAnImage(Via via) {
        String ns = Api.unique("streams");
        API.createStream(ns, "ruby");
        ObjectNode m = mapping(ns, "ruby", "latest", "get-image" + ns);
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), m));
        String name = E2e.image(m).at("/metadata/name").asText();
        Api.Response r = API.get(via, Api.REGISTRY_TOKEN, E2e.image(name));
        assertEquals(200, r.code(), r.body());
        E2e.assertJsonContentType(r);
        assertEquals("Image", r.json().path("kind").asText());
        assertEquals(name, r.json().at("/metadata/name").asText());
        assertFalse(r.json().at("/metadata").has("namespace"), "images are cluster-scoped");
        assertEquals(E2e.image(m).path("dockerImageReference"), r.json().path("dockerImageReference"));
    }
}
