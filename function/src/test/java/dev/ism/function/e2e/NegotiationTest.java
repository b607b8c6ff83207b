package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.stream;
import static dev.ism.function.e2e.E2e.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Content negotiation as kube-apiserver does it (BEHAVIOUR.md section 8): Accept with q-values and
 * parameters; a Table of image streams on reads; 406 before the body is read; a Content-Type Go's MIME
 * parser refuses is a 415.
 */
class NegotiationTest {

    private static final Api API = Api.shared();
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private static Api.Response send(Via via, String method, String path, String accept, String contentType, byte[] body) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Authorization", "Bearer " + Api.REGISTRY_TOKEN);
        if (accept != null) {
            h.put("Accept", accept);
        }
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        return API.send(via, method, path, h, body, false);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void getIsAsATableWithOpenShiftsColumns(Via via) {
        String ns = Api.unique("neg");
        API.createStream(ns, "ruby");
        assertEquals(201, E2e.post(API, Via.HTTP, mappings(ns), mapping(ns, "ruby", "3.3", "neg-" + ns)).code());
        API.createStream(ns, "empty");

        Api.Response r = send(via, "GET", streams(ns), TABLE, null, null);
        assertEquals(200, r.code(), r.body());
        JsonNode table = r.json();
        assertEquals("Table", table.path("kind").asText());
        assertEquals("meta.k8s.io/v1", table.path("apiVersion").asText());
        List<String> columns = new java.util.ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
        assertEquals(List.of("Name", "Image Repository", "Tags", "Updated"), columns);
        assertEquals(2, table.path("rows").size());
        JsonNode empty = table.at("/rows/0");
        assertEquals("[\"empty\",\"\",\"\",\"\"]", empty.path("cells").toString());
        JsonNode ruby = table.at("/rows/1");
        assertEquals("ruby", ruby.at("/cells/0").asText());
        assertEquals("3.3", ruby.at("/cells/2").asText());
        assertTrue(ruby.at("/cells/3").asText().endsWith(" ago"), ruby.toString());
        assertEquals("PartialObjectMetadata", ruby.at("/object/kind").asText());
        assertEquals(ns, ruby.at("/object/metadata/namespace").asText());

        Api.Response one = send(via, "GET", stream(ns, "ruby"), TABLE, null, null);
        assertEquals(1, one.json().path("rows").size(), one.body());
        assertFalse(one.json().path("metadata").path("resourceVersion").asText().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void acceptIsParsedWithQValuesAndParameters(Via via) {
        String ns = Api.unique("neg");
        API.createStream(ns, "ruby");
        // JSON preferred over a Table by q-value
        Api.Response json = send(via, "GET", stream(ns, "ruby"), "application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5, application/json", null, null);
        assertEquals("ImageStream", json.json().path("kind").asText(), json.body());
        for (String accept : List.of("*/*", "application/*", "application/json;charset=utf-8", "text/html;q=0.9, */*;q=0.1",
                "application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json")) {
            Api.Response r = send(via, "GET", stream(ns, "ruby"), accept, null, null);
            assertEquals(200, r.code(), accept + ": " + r.body());
            assertEquals("ImageStream", r.json().path("kind").asText(), accept);
        }
        // a Table only where one is served: an image is JSON or nothing
        Api.Response image = send(via, "GET", E2e.image(E2e.digest("none")), "application/json;as=Table;v=v1;g=meta.k8s.io", null, null);
        assertEquals(406, image.code(), image.body());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void notAcceptableBeforeTheBodyIsRead(Via via) {
        String ns = Api.unique("neg");
        for (String accept : List.of("text/plain", "application/yaml", "application/vnd.kubernetes.protobuf",
                "application/json;q=0", "application/json;stream=watch", "application/json;as=Table;v=v1;g=meta.k8s.io")) {
            // a body that would be a 400, to a stream that does not exist: the 406 comes first
            Api.Response r = send(via, "POST", mappings(ns), accept, "application/json", "{not json".getBytes());
            assertEquals(406, r.code(), accept + ": " + r.body());
            assertEquals("NotAcceptable", r.json().path("reason").asText());
            assertEquals("only the following media types are accepted: application/json", r.json().path("message").asText());
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void unparsableContentTypeIs415(Via via) {
        String ns = Api.unique("neg");
        for (String type : List.of("application/json; charset", "application/json;;", "application/json; a=1; a=2",
                "application/json; a=\"open", "application/", "/json")) {
            Api.Response r = send(via, "POST", streams(ns), null, type, "{\"metadata\":{\"name\":\"x\"}}".getBytes());
            assertEquals(415, r.code(), type + ": " + r.body());
            assertEquals("UnsupportedMediaType", r.json().path("reason").asText());
        }
        for (String type : List.of("application/json; charset=utf-8", "application/json;", "APPLICATION/JSON",
                "application/json; a=\"b;c\"")) {
            Api.Response r = send(via, "POST", streams(ns), null, type,
                    ("{\"metadata\":{\"name\":\"s" + Math.abs(type.hashCode()) + "\"}}").getBytes());
            assertEquals(201, r.code(), type + ": " + r.body());
        }
    }
}
