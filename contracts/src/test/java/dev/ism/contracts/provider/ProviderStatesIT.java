package dev.ism.contracts.provider;

import dev.ism.function.auth.Authentication;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Response;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider states mean what the catalogue (contracts/README.md) says, driven as the Pact CLI drives
 * them: {@code POST /_pact/provider-states} on the function's Netty server, then requests to the API.
 */
class ProviderStatesIT {

    private static final String BASE = "/apis/image.openshift.io/v1";
    private final Api api = FunctionUnderTest.shared();

    @BeforeEach
    void reset() {
        FunctionUnderTest.states(api).reset();
    }

    @Test
    void aTokenMayCreateMappingsAndStreamsInItsNamespaceOnly() {
        assertEquals(200, state(ProviderStates.TOKEN_MAY_CREATE, Map.of("token", "t-1", "namespace", "ns-a"), "setup").code());

        assertEquals(201, api.post(Via.HTTP, "t-1", BASE + "/namespaces/ns-a/imagestreams", "{\"metadata\":{\"name\":\"s\"}}").code());
        assertEquals(200, api.get(Via.HTTP, "t-1", BASE + "/namespaces/ns-a/imagestreams/s").code());
        assertEquals(200, api.get(Via.HTTP, "t-1", BASE + "/namespaces/ns-a/imagestreams").code());
        assertEquals(404, api.get(Via.HTTP, "t-1", BASE + "/images/sha256:0000000000000000000000000000000000000000000000000000000000000000").code(),
                "images may be read (404: authorized, and absent)");
        assertEquals(422, api.post(Via.HTTP, "t-1", BASE + "/namespaces/ns-a/imagestreammappings", "{\"metadata\":{\"name\":\"s\"}}").code(),
                "mappings may be created (422: authorized, then validated)");

        Response elsewhere = api.post(Via.HTTP, "t-1", BASE + "/namespaces/ns-b/imagestreammappings", "{\"metadata\":{\"name\":\"s\"}}");
        assertEquals(403, elsewhere.code(), elsewhere.body());
        assertEquals(403, api.get(Via.HTTP, "t-1", BASE + "/namespaces/ns-b/imagestreams/s").code());

        assertEquals(200, state(ProviderStates.TOKEN_MAY_CREATE, Map.of("token", "t-1", "namespace", "ns-a"), "teardown").code());
        assertEquals(401, api.get(Via.HTTP, "t-1", BASE + "/namespaces/ns-a/imagestreams/s").code(), "the token is gone");
    }

    @Test
    void aTokenWithoutRightsAuthenticatesAndMayDoNothing() {
        assertEquals(200, state(ProviderStates.TOKEN_NO_RIGHTS, Map.of("token", "t-2"), "setup").code());
        Response r = api.post(Via.LAMBDA_V2, "t-2", BASE + "/namespaces/ns-a/imagestreammappings", "{}");
        assertEquals(403, r.code(), r.body());
        assertTrue(r.body().contains("User \\\"pact:t-2\\\" cannot create"), r.body());
        assertEquals(403, api.get(Via.LAMBDA_V1, "t-2", BASE + "/images/x").code());

        assertEquals(200, state(ProviderStates.TOKEN_NO_RIGHTS, Map.of("token", "t-2"), "teardown").code());
        assertEquals(401, api.post(Via.HTTP, "t-2", BASE + "/namespaces/ns-a/imagestreammappings", "{}").code());
    }

    @Test
    void streamStatesCreateAndDelete() {
        state(ProviderStates.TOKEN_MAY_CREATE, Map.of("token", "t-3", "namespace", "ns-c"), "setup");
        String stream = BASE + "/namespaces/ns-c/imagestreams/web";
        assertEquals(404, api.get(Via.HTTP, "t-3", stream).code());

        assertEquals(200, state(ProviderStates.STREAM_EXISTS, Map.of("name", "web", "namespace", "ns-c"), "setup").code());
        Response r = api.get(Via.HTTP, "t-3", stream);
        assertEquals(200, r.code(), r.body());
        assertEquals("web", r.json().path("metadata").path("name").asText());
        assertEquals("ns-c", r.json().path("metadata").path("namespace").asText());
        assertEquals(200, state(ProviderStates.STREAM_EXISTS, Map.of("name", "web", "namespace", "ns-c"), "teardown").code());
        assertEquals(404, api.get(Via.HTTP, "t-3", stream).code());

        // "does not exist" deletes a stream that is there, and its teardown what the interaction created.
        assertEquals(201, api.post(Via.HTTP, "t-3", BASE + "/namespaces/ns-c/imagestreams", "{\"metadata\":{\"name\":\"web\"}}").code());
        assertEquals(200, state(ProviderStates.STREAM_MISSING, Map.of("name", "web", "namespace", "ns-c"), "setup").code());
        assertEquals(404, api.get(Via.HTTP, "t-3", stream).code());
        assertEquals(201, api.post(Via.HTTP, "t-3", BASE + "/namespaces/ns-c/imagestreams", "{\"metadata\":{\"name\":\"web\"}}").code());
        assertEquals(200, state(ProviderStates.STREAM_MISSING, Map.of("name", "web", "namespace", "ns-c"), "teardown").code());
        assertEquals(404, api.get(Via.HTTP, "t-3", stream).code());
    }

    @Test
    void unknownStatesAndMissingParametersAreRefused() {
        Response unknown = state("the moon is made of cheese", Map.of(), "setup");
        assertEquals(400, unknown.code(), unknown.body());
        assertTrue(unknown.body().contains(ProviderStates.STREAM_EXISTS), "the answer lists the known states: " + unknown.body());
        Response missing = state(ProviderStates.TOKEN_MAY_CREATE, Map.of("token", "t-4"), "setup");
        assertEquals(400, missing.code(), missing.body());
        assertTrue(missing.body().contains("namespace"), missing.body());
    }

    @Test
    void onlyTheStateTokensAuthenticateAndOnlyTheStatePathIsOpen() {
        assertEquals(List.of(api.context().getBean(GrantedTokens.class)),
                api.context().getBean(Authentication.class).authenticators(), "the provider states' tokens, nothing else");
        assertEquals(401, api.get(Via.HTTP, Api.REGISTRY_TOKEN, BASE + "/namespaces/myproject/imagestreams").code(),
                "the dev token file is not in use");
        assertEquals(401, api.get(Via.HTTP, null, BASE + "/namespaces/myproject/imagestreams").code());
        assertEquals(401, api.get(Via.HTTP, null, ProviderStateSettings.STATE_PATH + "/more").code(),
                "only the state path itself gets through without a token");
    }

    private Response state(String state, Map<String, Object> params, String action) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        StringBuilder p = new StringBuilder("{");
        params.forEach((k, v) -> p.append(p.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
        p.append('}');
        String body = "{\"state\":\"" + state + "\",\"params\":" + p + ",\"action\":\"" + action + "\"}";
        return api.send(Via.HTTP, "POST", ProviderStateSettings.STATE_PATH, headers, body.getBytes(StandardCharsets.UTF_8), false);
    }
}
