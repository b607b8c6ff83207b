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

import static dev.ism.function.access.Access.assertUnauthorized;
import static dev.ism.function.access.Access.get;
import static dev.ism.function.access.Access.mapping;
import static dev.ism.function.access.Access.mappings;
import static dev.ism.function.access.Access.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4: with no authenticator configured (no token file, no OIDC issuer; the test profile's
 * token file overridden by an empty setting) every request is 401, even with the dev tokens that
 * another function would accept, and the start-up log says why.
 */
class NoAuthenticatorTest {

    private static Api api;
    private static List<String> startupLog;
    private static boolean warned;

    @BeforeAll
    static void start() {
        try (Logs logs = new Logs()) {
            api = new Api(Access.settings("access-no-authenticator",
                    "ism.auth.token-auth-file", "",
                    "ism.auth.oidc-issuer-url", "",
                    "ism.auth.oidc-client-id", ""));
            startupLog = logs.texts();
            warned = logs.has(Level.WARN, "dev.ism.function.auth.AuthFactory",
                    "no authenticator configured (ism.auth.token-auth-file, ism.auth.oidc-issuer-url): every request is refused with 401");
        }
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void startUpLogSaysEveryRequestIsRefused() {
        assertTrue(warned, () -> "start-up log: " + String.join("\n", startupLog));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void everyRequestIs401(Via via) {
        var before = api.scanAll();
        for (String token : new String[] {Api.REGISTRY_TOKEN, Api.VIEWER_TOKEN, Api.NOBODY_TOKEN, null}) {
            assertUnauthorized(post(api, via, token, mappings("myproject"), mapping("myproject", "app", "v1", "x")));
            assertUnauthorized(post(api, via, token, Access.streams("myproject"), Access.streamBody("app")));
            assertUnauthorized(get(api, via, token, Access.stream("myproject", "app")));
            assertUnauthorized(get(api, via, token, Access.streams("myproject")));
            assertUnauthorized(get(api, via, token, Access.image(Access.digest("x"))));
        }
        assertEquals(before, api.scanAll());
    }
}
