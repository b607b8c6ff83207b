package dev.ism.function.access;

import dev.ism.function.auth.MutableClock;

import dev.ism.function.auth.TestIssuer;

import com.nimbusds.jose.JWSAlgorithm;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.ism.function.access.Access.assertUnauthorized;
import static dev.ism.function.access.Access.expect;
import static dev.ism.function.access.Access.get;
import static dev.ism.function.access.Access.mapping;
import static dev.ism.function.access.Access.mappings;
import static dev.ism.function.access.Access.post;
import static dev.ism.function.access.Access.rule;
import static dev.ism.function.access.Access.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 4, key rotation, through the real function (all three ways in at every step): the issuer
 * publishes a new key, a token with the new kid is accepted (one JWKS refetch), the old key keeps
 * working while published, and once retired it is refused when the cached keys expire.
 *
 * <p>The authenticator refetches the JWKS for an unknown kid at most once per
 * {@code OidcAuthenticator.MIN_REFRESH_INTERVAL} (10 s) after the last fetch: a new kid seen within
 * that window is refused (401), unlike kube-apiserver's go-oidc, which refetches at once. The test
 * moves the authenticator's clock instead of waiting ({@link ManualClockOidcFactory}).
 */
class OidcKeyRotationTest {

    private static final String NS = "rotation";

    @TempDir
    static Path dir;
    private static TestIssuer idp;
    private static Api api;
    private static MutableClock clock;

    @BeforeAll
    static void start() {
        idp = new TestIssuer();
        idp.serve(TestIssuer.RSA_1);
        Path policy = Access.write(dir, "policy.jsonl",
                rule("user", idp.issuer + "#alice", "namespace", "*", "resource", "*", "apiGroup", "*"));
        api = new Api(Access.settings("access-key-rotation",
                ManualClockOidcFactory.PROPERTY, "true",
                "ism.auth.token-auth-file", "",
                "ism.auth.policy-file", policy.toString(),
                "ism.auth.oidc-issuer-url", idp.issuer,
                "ism.auth.oidc-client-id", Access.CLIENT));
        clock = api.context().getBean(ManualClockOidcFactory.Handle.class).clock();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    private String token(com.nimbusds.jose.jwk.JWK key, Instant now) {
        return TestIssuer.sign(key, JWSAlgorithm.RS256, idp.claims(Access.CLIENT, "alice", now).build());
    }

    private static void served(String token, String tag) {
        for (Via via : Via.values()) {
            expect(201, post(api, via, token, mappings(NS), mapping(NS, "app", tag + "-" + via.name().toLowerCase(), tag + via)));
            expect(200, get(api, via, token, stream(NS, "app")));
        }
    }

    private static void refused(String token) {
        for (Via via : Via.values()) {
            assertUnauthorized(get(api, via, token, stream(NS, "app")));
            assertUnauthorized(post(api, via, token, mappings(NS), mapping(NS, "app", "refused", "refused")));
        }
    }

    @Test
    void newKeyIsAcceptedOldKeyRetires() {
        Instant t0 = clock.instant();
        String old = token(TestIssuer.RSA_1, t0);
        String fresh = token(TestIssuer.RSA_2, t0);
        Access.createStream(api, old, NS, "app");
        served(old, "old");
        assertEquals(1, idp.jwksRequests.get(), "keys fetched once, then cached");

        // the issuer publishes the new key next to the old one
        idp.serve(TestIssuer.RSA_1, TestIssuer.RSA_2);
        // right after a fetch, an unknown kid does not cause another (rate limit): refused
        refused(fresh);
        assertEquals(1, idp.jwksRequests.get());

        clock.advance(Duration.ofSeconds(11));
        served(fresh, "new");
        assertEquals(2, idp.jwksRequests.get(), "one refetch for the new kid");
        served(old, "old-still");
        assertEquals(2, idp.jwksRequests.get());

        // the old key is retired: refused once the cached keys expire
        idp.serve(TestIssuer.RSA_2);
        clock.advance(Duration.ofMinutes(10));
        served(fresh, "after-ttl");
        assertEquals(3, idp.jwksRequests.get(), "refetched when the keys expired");
        refused(old);
    }
}
