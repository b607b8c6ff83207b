package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.bytes;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.namespaceItems;
import static dev.ism.function.e2e.E2e.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sections 1 (steps 1 and 2), 6 and 7, through each way in with the dev token file and ABAC
 * policy: no or bad credentials are a 401, a caller without the permission a 403, both before
 * anything else, so that such a request writes nothing and learns nothing (the same answer whether
 * the stream exists or not, whether the body is valid or not).
 */
class AccessBasicsTest {

    private static final Api API = Api.shared();
    /** The namespace the dev policy lets the viewer ("developer") read streams in. */
    private static final String MYPROJECT = "myproject";

    private static Api.Response send(Via via, String method, String path, Map<String, String> headers, byte[] body) {
        return API.send(via, method, path, headers, body, false);
    }

    private static Map<String, String> authorization(String value) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        if (value != null) {
            h.put("Authorization", value);
        }
        return h;
    }

    private static Map<String, String> bearer(String token) {
        return authorization("Bearer " + token);
    }

    private static JsonNode forbidden(String user, String verb, String resource, String ns, String name) {
        ObjectNode s = example("response-403-forbidden.json").deepCopy();
        String qualified = resource + ".image.openshift.io" + (name == null ? "" : " \"" + name + "\"");
        s.put("message", qualified + " is forbidden: User \"" + user + "\" cannot " + verb + " resource \"" + resource
                + "\" in API group \"image.openshift.io\" in the namespace \"" + ns + "\"");
        ObjectNode details = E2e.JSON.createObjectNode();
        if (name != null) {
            details.put("name", name);
        }
        details.put("group", "image.openshift.io").put("kind", resource);
        s.set("details", details);
        return s;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void withoutValidCredentialsEverythingIs401(Via via) {
        String ns = Api.unique("authz");
        API.createStream(ns, "ruby");
        JsonNode unauthorized = example("response-401-unauthorized.json");
        byte[] body = bytes(mapping(ns, "ruby", "latest", "unauthorized" + ns));
        Set<Map<String, AttributeValue>> before = namespaceItems(API, ns);
        for (String credentials : new String[]{null, "Bearer not-a-known-token", "Bearer ", "Basic ZGV2OmRldg==",
                "bearer-without-scheme " + Api.REGISTRY_TOKEN, Api.REGISTRY_TOKEN}) {
            Map<String, String> h = authorization(credentials);
            assertExactly(unauthorized, send(via, "POST", mappings(ns), h, body));
            assertExactly(unauthorized, send(via, "POST", mappings(ns), h, "{not json".getBytes(StandardCharsets.UTF_8)));
            assertExactly(unauthorized, send(via, "POST", mappings(ns) + "?dryRun=foo", h, body));
            assertExactly(unauthorized, send(via, "GET", E2e.stream(ns, "ruby"), h, null));
            assertExactly(unauthorized, send(via, "GET", E2e.stream(ns, "missing"), h, null));
            assertExactly(unauthorized, send(via, "GET", streams(ns), h, null));
            assertExactly(unauthorized, send(via, "POST", streams(ns), h, bytes(E2e.streamBody("new"))));
            assertExactly(unauthorized, send(via, "GET", E2e.image(E2e.digest("unauthorized" + ns)), h, null));
            assertExactly(unauthorized, send(via, "DELETE", mappings(ns), h, null));
        }
        assertEquals(before, namespaceItems(API, ns), "a 401 writes nothing");
        assertEquals(404, API.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.image(E2e.digest("unauthorized" + ns))).code());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aUserWithoutPermissionIs403AndLearnsNothing(Via via) {
        String ns = Api.unique("authz");
        API.createStream(ns, "ruby");
        Set<Map<String, AttributeValue>> before = namespaceItems(API, ns);
        Map<String, String> nobody = bearer(Api.NOBODY_TOKEN);
        JsonNode createMapping = forbidden("nobody", "create", "imagestreammappings", ns, null);
        // the same answer for an existing and a missing stream, a valid and an invalid body, bad options
        assertExactly(createMapping, send(via, "POST", mappings(ns), nobody, bytes(mapping(ns, "ruby", "latest", "nobody" + ns))));
        assertExactly(createMapping, send(via, "POST", mappings(ns), nobody, bytes(mapping(ns, "missing", "latest", "nobody" + ns))));
        assertExactly(createMapping, send(via, "POST", mappings(ns), nobody, "{not json".getBytes(StandardCharsets.UTF_8)));
        assertExactly(createMapping, send(via, "POST", mappings(ns) + "?dryRun=foo", nobody, bytes(mapping(ns, "ruby", "", ""))));
        assertExactly(forbidden("nobody", "get", "imagestreams", ns, "ruby"), send(via, "GET", E2e.stream(ns, "ruby"), nobody, null));
        assertExactly(forbidden("nobody", "get", "imagestreams", ns, "missing"), send(via, "GET", E2e.stream(ns, "missing"), nobody, null));
        assertExactly(forbidden("nobody", "list", "imagestreams", ns, null), send(via, "GET", streams(ns), nobody, null));
        assertExactly(forbidden("nobody", "create", "imagestreams", ns, null),
                send(via, "POST", streams(ns), nobody, bytes(E2e.streamBody("other"))));
        assertEquals(before, namespaceItems(API, ns), "a 403 writes nothing");
        assertEquals(404, API.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.image(E2e.digest("nobody" + ns))).code());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void theViewerReadsStreamsInMyprojectButCannotMap(Via via) {
        String stream = Api.unique("viewed");
        API.createStream(MYPROJECT, stream);
        Map<String, String> viewer = bearer(Api.VIEWER_TOKEN);

        Api.Response got = send(via, "GET", E2e.stream(MYPROJECT, stream), viewer, null);
        assertEquals(200, got.code(), got.body());
        assertEquals(stream, got.json().at("/metadata/name").asText());
        Api.Response list = send(via, "GET", streams(MYPROJECT), viewer, null);
        assertEquals(200, list.code(), list.body());
        assertEquals("ImageStreamList", list.json().path("kind").asText());

        Set<Map<String, AttributeValue>> before = namespaceItems(API, MYPROJECT);
        // exactly the spec's example: user "developer", namespace "myproject"
        assertExactly(example("response-403-forbidden.json"),
                send(via, "POST", mappings(MYPROJECT), viewer, bytes(mapping(MYPROJECT, stream, "latest", "viewer" + stream))));
        assertExactly(forbidden("developer", "create", "imagestreams", MYPROJECT, null),
                send(via, "POST", streams(MYPROJECT), viewer, bytes(E2e.streamBody("viewer-made"))));
        assertEquals(before, namespaceItems(API, MYPROJECT), "the viewer wrote nothing");
        assertEquals(404, API.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.stream(MYPROJECT, "viewer-made")).code());

        // only myproject
        String elsewhere = Api.unique("authz");
        API.createStream(elsewhere, "ruby");
        assertExactly(forbidden("developer", "get", "imagestreams", elsewhere, "ruby"),
                send(via, "GET", E2e.stream(elsewhere, "ruby"), viewer, null));
        assertExactly(forbidden("developer", "create", "imagestreammappings", elsewhere, null),
                send(via, "POST", mappings(elsewhere), viewer, bytes(mapping(elsewhere, "ruby", "latest", "viewer-elsewhere"))));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void theRegistryMayDoEverything(Via via) {
        String ns = Api.unique("authz");
        Map<String, String> registry = bearer(Api.REGISTRY_TOKEN);
        assertEquals(201, send(via, "POST", streams(ns), registry, bytes(E2e.streamBody("ruby"))).code());
        assertExactly(example("response-201-success.json"),
                send(via, "POST", mappings(ns), registry, bytes(mapping(ns, "ruby", "latest", "registry" + ns))));
        assertEquals(200, send(via, "GET", E2e.stream(ns, "ruby"), registry, null).code());
        assertEquals(200, send(via, "GET", streams(ns), registry, null).code());
        assertEquals(200, send(via, "GET", E2e.image(E2e.digest("registry" + ns)), registry, null).code());
    }
}
