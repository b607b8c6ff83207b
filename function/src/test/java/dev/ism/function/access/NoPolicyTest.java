package dev.ism.function.access;

import ch.qos.logback.classic.Level;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.ism.function.access.Access.assertForbidden;
import static dev.ism.function.access.Access.assertUnauthorized;
import static dev.ism.function.access.Access.forbidden;
import static dev.ism.function.access.Access.get;
import static dev.ism.function.access.Access.mapping;
import static dev.ism.function.access.Access.mappings;
import static dev.ism.function.access.Access.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4: with no policy file every authenticated request is 403 (the dev registry token included),
 * unauthenticated ones still 401, and the start-up log says so.
 */
class NoPolicyTest {

    private static final String REGISTRY = "system:serviceaccount:openshift-image-registry:registry";

    private static Api api;
    private static List<String> startupLog;
    private static boolean warned;

    @BeforeAll
    static void start() {
        try (Logs logs = new Logs()) {
            api = new Api(Access.settings("access-no-policy", "ism.auth.policy-file", ""));
            startupLog = logs.texts();
            warned = logs.has(Level.WARN, "dev.ism.function.auth.AuthFactory", "no policy file configured");
        }
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void startUpLogSaysEveryRequestIsDenied() {
        assertTrue(warned, () -> "start-up log: " + String.join("\n", startupLog));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void authenticatedRequestsAre403(Via via) {
        var before = api.scanAll();
        String ns = "myproject";
        String img = Access.digest("no-policy");
        assertForbidden(forbidden(REGISTRY, "create", "imagestreammappings", ns, ""),
                post(api, via, Api.REGISTRY_TOKEN, mappings(ns), mapping(ns, "app", "v1", "no-policy")));
        assertForbidden(forbidden(REGISTRY, "create", "imagestreams", ns, ""),
                post(api, via, Api.REGISTRY_TOKEN, Access.streams(ns), Access.streamBody("app")));
        assertForbidden(forbidden(REGISTRY, "get", "imagestreams", ns, "app"),
                get(api, via, Api.REGISTRY_TOKEN, Access.stream(ns, "app")));
        assertForbidden(forbidden(REGISTRY, "list", "imagestreams", ns, ""),
                get(api, via, Api.REGISTRY_TOKEN, Access.streams(ns)));
        assertForbidden(forbidden(REGISTRY, "get", "images", "", img), get(api, via, Api.REGISTRY_TOKEN, Access.image(img)));
        assertForbidden(Access.EXAMPLE_FORBIDDEN,
                post(api, via, Api.VIEWER_TOKEN, mappings(ns), mapping(ns, "app", "v1", "no-policy")));
        assertUnauthorized(post(api, via, null, mappings(ns), mapping(ns, "app", "v1", "no-policy")));
        assertUnauthorized(get(api, via, "not-a-token", Access.stream(ns, "app")));
        assertEquals(before, api.scanAll());
    }
}
