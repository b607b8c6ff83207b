package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery, /version and OpenAPI through each way in, and who may read them: kube-apiserver's
 * default roles (every authenticated user reads discovery and OpenAPI; anyone, even without
 * credentials, reads /version), plus ABAC nonResourcePath rules (AuthorizationPathTest). A path
 * nothing serves is a 403 for whom no rule allows it, a 404 for whom one does, a 401 without credentials.
 */
class DiscoveryTest {

    private static final Api API = Api.shared();
    private static final String KUBECTL_DISCOVERY_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    static Api.Response get(Via via, String token, String path, String accept) {
        Map<String, String> h = new LinkedHashMap<>();
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            h.put("Accept", accept);
        }
        return API.send(via, "GET", path, h, null, false);
    }

    private static JsonNode ok(Via via, String path, String accept) {
        Api.Response r = get(via, Api.NOBODY_TOKEN, path, accept);
        assertEquals(200, r.code(), path + ": " + r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), path + ": " + r.headers());
        return r.json();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void groupListAnswersTheLegacyFormToAggregatedDiscoveryRequests(Via via) {
        JsonNode apis = ok(via, "/apis", KUBECTL_DISCOVERY_ACCEPT);
        assertEquals("APIGroupList", apis.path("kind").asText());
        assertEquals("image.openshift.io", apis.at("/groups/0/name").asText());
        assertEquals("image.openshift.io/v1", apis.at("/groups/0/preferredVersion/groupVersion").asText());
        assertEquals(1, apis.path("groups").size());

        JsonNode api = ok(via, "/api", KUBECTL_DISCOVERY_ACCEPT);
        assertEquals("APIVersions", api.path("kind").asText());
        assertEquals(0, api.path("versions").size(), "no core group here");

        JsonNode group = ok(via, "/apis/image.openshift.io", null);
        assertEquals("APIGroup", group.path("kind").asText());
        assertEquals("v1", group.at("/versions/0/version").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void resourceListIsWhatTheFunctionServes(Via via) {
        JsonNode list = ok(via, "/apis/image.openshift.io/v1", "application/json, */*");
        assertEquals("APIResourceList", list.path("kind").asText());
        assertEquals("image.openshift.io/v1", list.path("groupVersion").asText());
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        list.path("resources").forEach(r -> byName.put(r.path("name").asText(), r));
        assertEquals(List.of("images", "imagestreammappings", "imagestreams"), new ArrayList<>(byName.keySet()));
        assertEquals("[\"create\"]", byName.get("imagestreammappings").path("verbs").toString());
        assertEquals("ImageStreamMapping", byName.get("imagestreammappings").path("kind").asText());
        assertTrue(byName.get("imagestreammappings").path("namespaced").asBoolean());
        JsonNode is = byName.get("imagestreams");
        assertEquals("[\"create\",\"get\",\"list\"]", is.path("verbs").toString());
        assertEquals("[\"is\"]", is.path("shortNames").toString());
        assertEquals("[\"all\"]", is.path("categories").toString());
        assertEquals("imagestream", is.path("singularName").asText());
        assertEquals("[\"get\"]", byName.get("images").path("verbs").toString());
        assertTrue(!byName.get("images").path("namespaced").asBoolean());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void versionIsPublicEvenWithoutCredentials(Via via) {
        Api.Response r = get(via, null, "/version", null);
        assertEquals(200, r.code(), r.body());
        assertEquals("1", r.json().path("major").asText());
        assertEquals("v1.32.0", r.json().path("gitVersion").asText());
        // ... but a bad token is still a 401, as kube-apiserver answers it
        assertEquals(401, get(via, "not-a-token", "/version", null).code());
        // and discovery needs credentials
        Api.Response apis = get(via, null, "/apis", null);
        assertEquals(401, apis.code(), apis.body());
        assertEquals("Unauthorized", apis.json().path("reason").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void openApiDocumentsAndTheV3Index(Via via) {
        JsonNode index = ok(via, "/openapi/v3", "application/json");
        String url = index.at("/paths/apis~1image.openshift.io~1v1/serverRelativeURL").asText();
        assertTrue(url.startsWith("/openapi/v3/apis/image.openshift.io/v1?hash="), index.toString());
        JsonNode v3 = ok(via, url, "application/json");
        assertEquals("3.0.0", v3.path("openapi").asText());
        assertTrue(v3.at("/components/schemas/com.github.openshift.api.image.v1.ImageStreamMapping").isObject());
        JsonNode v2 = ok(via, "/openapi/v2", "application/json");
        assertEquals("2.0", v2.path("swagger").asText());
        assertEquals("ImageStreamMapping", v2.at("/definitions/com.github.openshift.api.image.v1.ImageStreamMapping"
                + "/x-kubernetes-group-version-kind/0/kind").asText());
    }

    /** client-go asks /openapi/v2 for protobuf only: it gets gnostic's Document, under a Content-Type Go can parse. */
    @ParameterizedTest
    @EnumSource(value = Via.class, names = "HTTP")
    void openApiV2InProtobuf(Via via) {
        Api.Response r = get(via, Api.NOBODY_TOKEN, "/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        assertEquals(200, r.code());
        assertEquals("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", r.header("Content-Type"));
        // field 1 (swagger), length 3, "2.0"
        assertTrue(r.body().startsWith("\n\u00032.0"), r.body().substring(0, 8));
        assertTrue(r.body().contains("com.github.openshift.api.image.v1.ImageStreamMapping"));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void otherPathsAreStatusesNeverGatewayErrors(Via via) {
        Api.Response forbidden = get(via, Api.NOBODY_TOKEN, "/healthz/../metrics", null);
        assertEquals(403, forbidden.code(), forbidden.body());
        Api.Response unknown = get(via, Api.NOBODY_TOKEN, "/nothing-here", null);
        assertEquals(403, unknown.code(), unknown.body());
        assertEquals("forbidden: User \"nobody\" cannot get path \"/nothing-here\"", unknown.json().path("message").asText());
        assertEquals("Forbidden", unknown.json().path("reason").asText());
        Api.Response discoveryPath = get(via, Api.NOBODY_TOKEN, "/apis/apps/v1", null);
        assertEquals(404, discoveryPath.code(), discoveryPath.body());
        assertEquals("NotFound", discoveryPath.json().path("reason").asText());
        Api.Response anonymous = get(via, null, "/nothing-here", null);
        assertEquals(401, anonymous.code(), anonymous.body());
        Api.Response post = API.send(via, "POST", "/apis", Map.of("Authorization", "Bearer " + Api.NOBODY_TOKEN), new byte[0], false);
        assertEquals(403, post.code(), "the discovery roles grant only get: " + post.body());
    }
}
