package dev.ism.function.access;

import dev.ism.function.auth.TestIssuer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Response;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ism.function.access.Access.assertUnauthorized;
import static dev.ism.function.access.Access.bearer;
import static dev.ism.function.access.Access.expect;
import static dev.ism.function.access.Access.headers;
import static dev.ism.function.access.Access.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4: every request without valid credentials is 401, exactly
 * {@code examples/response-401-unauthorized.json}, with nothing in the body saying why, nothing
 * written, and the credential nowhere in the log. The function has both authenticators (the dev
 * token file and an OIDC issuer) and a policy that lets the OIDC user alice do everything, so that
 * only the credential decides.
 */
class UnauthenticatedTest {

    private static final String NS = "team-a";
    private static final String STREAM = "app";

    @TempDir
    static Path dir;
    private static TestIssuer idp;
    private static Api api;
    private static String alice;

    @BeforeAll
    static void start() {
        idp = new TestIssuer();
        alice = idp.issuer + "#alice";
        Path policy = Access.write(dir, "policy.jsonl",
                rule("user", alice, "namespace", "*", "resource", "*", "apiGroup", "*"));
        api = new Api(Access.settings("access-unauthenticated",
                "ism.auth.policy-file", policy.toString(),
                "ism.auth.oidc-issuer-url", idp.issuer,
                "ism.auth.oidc-client-id", Access.CLIENT));
        Access.createStream(api, aliceToken(), NS, STREAM);
        Access.createMapping(api, aliceToken(), NS, STREAM, "v1", "unauthenticated-v1");
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

    private static String aliceToken() {
        return TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).build());
    }

    /** A way to be refused: the {@code Authorization} header (null: none) and the secret it carries. */
    record Refusal(String name, String header, String secret) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Refusal> refusals() {
        Instant now = Instant.now();
        String basic = Base64.getEncoder().encodeToString(
                "system:serviceaccount:openshift-image-registry:registry:dev-registry-token".getBytes(StandardCharsets.UTF_8));
        byte[] hmacSecret = new byte[32];
        new SecureRandom().nextBytes(hmacSecret);
        String expired = TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(3600))).build());
        String notYetValid = TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).notBeforeTime(Date.from(now.plusSeconds(600))).build());
        String unknownKey = TestIssuer.sign(TestIssuer.ROGUE_RSA, JWSAlgorithm.RS256, idp.claims(Access.CLIENT, "alice", Instant.now()).build());
        String forgedKid = TestIssuer.sign(TestIssuer.ROGUE_RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                idp.claims(Access.CLIENT, "alice", Instant.now()).build());
        String wrongAudience = TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).audience("another-client").build());
        String wrongIssuer = TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).issuer("https://issuer.example").build());
        String algNone = TestIssuer.none(idp.claims(Access.CLIENT, "alice", Instant.now()).build());
        String hs256 = TestIssuer.hs256(hmacSecret, "rsa-1", idp.claims(Access.CLIENT, "alice", Instant.now()).build());
        // the classic confusion: HMAC keyed with the issuer's published RSA public key
        String hs256PublicKey = TestIssuer.hs256(TestIssuer.publicKeyBytes(TestIssuer.RSA_1), "rsa-1",
                idp.claims(Access.CLIENT, "alice", Instant.now()).build());
        String noExp = TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).expirationTime(null).build());
        String numericSub = TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).claim("sub", 42).build());
        return List.of(
                new Refusal("no Authorization header", null, null),
                new Refusal("empty header", "", null),
                new Refusal("Basic credentials", "Basic " + basic, basic),
                new Refusal("Basic scheme with a valid token", "Basic dev-registry-token", "dev-registry-token"),
                new Refusal("token without a scheme", "dev-registry-token", "dev-registry-token"),
                new Refusal("Bearer with nothing", "Bearer", null),
                new Refusal("Bearer and blanks", "Bearer   ", null),
                new Refusal("two tokens", "Bearer dev-registry-token dev-registry-token", "dev-registry-token"),
                new Refusal("unknown static token", "Bearer unknown-static-token-7f3a9", "unknown-static-token-7f3a9"),
                new Refusal("expired JWT", bearer(expired), expired),
                new Refusal("JWT not yet valid", bearer(notYetValid), notYetValid),
                new Refusal("JWT signed by a key not in the JWKS", bearer(unknownKey), unknownKey),
                new Refusal("JWT naming a known kid, signed by another key", bearer(forgedKid), forgedKid),
                new Refusal("JWT for another audience", bearer(wrongAudience), wrongAudience),
                new Refusal("JWT of another issuer", bearer(wrongIssuer), wrongIssuer),
                new Refusal("JWT alg none", bearer(algNone), algNone),
                new Refusal("JWT HS256", bearer(hs256), hs256),
                new Refusal("JWT HS256 keyed with the RSA public key", bearer(hs256PublicKey), hs256PublicKey),
                new Refusal("JWT without exp", bearer(noExp), noExp),
                new Refusal("JWT whose sub is a number", bearer(numericSub), numericSub));
    }

    static Stream<Arguments> cases() {
        return Access.viaTimes(refusals());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void refusedWith401AndNoTrace(Via via, Refusal refusal) {
        var before = api.scanAll();
        try (Logs logs = new Logs()) {
            String body = Access.mapping(NS, STREAM, "refused", "refused-" + via + refusal.name());
            Map<String, String> post = headers(refusal.header(), "application/json");
            assertUnauthorized(api.send(via, "POST", Access.mappings(NS), post, body.getBytes(StandardCharsets.UTF_8), false));
            assertUnauthorized(api.send(via, "POST", Access.streams(NS), post,
                    Access.streamBody("refused").getBytes(StandardCharsets.UTF_8), false));
            Map<String, String> get = headers(refusal.header(), null);
            assertUnauthorized(api.send(via, "GET", Access.stream(NS, STREAM), get, null, false));
            assertUnauthorized(api.send(via, "GET", Access.streams(NS), get, null, false));
            assertUnauthorized(api.send(via, "GET", Access.image(Access.digest("unauthenticated-v1")), get, null, false));
            assertTrue(logs.count() > 0, "the capture saw the requests");
            if (refusal.secret() != null) {
                logs.assertNoneContains(refusal.secret());
                if (refusal.secret().chars().filter(c -> c == '.').count() == 2 && !refusal.secret().endsWith(".")) {
                    logs.assertNoneContains(refusal.secret().substring(refusal.secret().lastIndexOf('.') + 1));
                }
            }
        }
        assertEquals(before, api.scanAll(), "nothing written");
    }

    /** The control: the same requests with a valid token succeed, and that token is not logged either. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void validTokenIsServedAndNotLogged(Via via) {
        String token = aliceToken();
        try (Logs logs = new Logs()) {
            Response created = Access.post(api, via, token, Access.mappings(NS),
                    Access.mapping(NS, STREAM, "ok-" + via.name().toLowerCase(), "ok-" + via));
            expect(201, created);
            expect(200, Access.get(api, via, token, Access.stream(NS, STREAM)));
            expect(200, Access.get(api, via, token, Access.streams(NS)));
            expect(200, Access.get(api, via, token, Access.image(Access.digest("unauthenticated-v1"))));
            assertTrue(logs.has(ch.qos.logback.classic.Level.DEBUG, "dev.ism.function.auth.Authentication", alice),
                    "the capture saw the authentication of " + alice);
            logs.assertNoneContains(token);
            logs.assertNoneContains(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    /**
     * Credentials too large to be looked at: 401 through API Gateway (whose events carry them), 431 from the
     * local server (over its 8 KiB of headers); never a 500, never written, never logged.
     */
    @ParameterizedTest
    @EnumSource(Via.class)
    void oversizedCredentialsAreRefused(Via via) {
        String megabyte = "t".repeat(1 << 20);
        String hugeKid = TestIssuer.sign(TestIssuer.RSA_1, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k".repeat(100_000)).build(),
                idp.claims(Access.CLIENT, "alice", Instant.now()).build());
        var before = api.scanAll();
        try (Logs logs = new Logs()) {
            for (String token : List.of(megabyte, hugeKid)) {
                Response r = api.send(via, "GET", Access.streams(NS), headers(bearer(token), null), null, false);
                if (via == Via.HTTP) {
                    assertEquals(431, r.code(), r.body());
                    assertEquals(431, r.json().path("code").asInt(), r.body());
                } else {
                    assertUnauthorized(r);
                }
                logs.assertNoneContains(token.substring(token.length() - 64));
            }
        }
        assertEquals(before, api.scanAll(), "nothing written");
    }
}
