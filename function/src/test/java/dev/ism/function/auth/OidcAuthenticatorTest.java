package dev.ism.function.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OidcAuthenticatorTest {

    private TestIssuer idp;
    private MutableClock clock;
    private Instant now;

    @BeforeEach
    void start() throws IOException {
        idp = new TestIssuer();
        now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        clock = new MutableClock(now);
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private OidcAuthenticator authenticator(OidcSettings settings) {
        return new OidcAuthenticator(settings, clock, Duration.ofSeconds(10), Duration.ofMinutes(10),
                new DefaultResourceRetriever(5000, 5000, 1 << 20));
    }

    private OidcAuthenticator authenticator() {
        return authenticator(OidcSettings.of(idp.issuer, "client"));
    }

    private OidcSettings settings(String usernameClaim, String usernamePrefix, String groupsClaim, String groupsPrefix) {
        return OidcSettings.of(idp.issuer, "client").withUsername(usernameClaim, usernamePrefix).withGroups(groupsClaim, groupsPrefix);
    }

    private String rs256(JWTClaimsSet claims) {
        return TestIssuer.sign(TestIssuer.RSA_1, JWSAlgorithm.RS256, claims);
    }

    @Test
    void validRs256TokenAndLazyDiscovery() {
        OidcAuthenticator oidc = authenticator();
        assertEquals(0, idp.discoveryRequests.get() + idp.jwksRequests.get(), "nothing fetched at construction");
        UserInfo user = oidc.authenticate(rs256(idp.claims(now).build())).orElseThrow();
        assertEquals(idp.issuer + "#jane", user.name());
        assertEquals("", user.uid());
        assertEquals(List.of("system:authenticated"), user.groups());
        assertEquals(1, idp.discoveryRequests.get());
        assertEquals(1, idp.jwksRequests.get());
        oidc.authenticate(rs256(idp.claims(now).subject("john").build())).orElseThrow();
        assertEquals(1, idp.discoveryRequests.get(), "discovery cached");
        assertEquals(1, idp.jwksRequests.get(), "keys cached");
    }

    @Test
    void validEs256Token() {
        String token = TestIssuer.sign(TestIssuer.EC_256, JWSAlgorithm.ES256, idp.claims(now).build());
        assertEquals(idp.issuer + "#jane", authenticator().authenticate(token).orElseThrow().name());
    }

    @Test
    void otherAcceptedAlgorithms() {
        OidcAuthenticator oidc = authenticator();
        JWTClaimsSet claims = idp.claims(now).build();
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256)) {
            assertTrue(oidc.authenticate(TestIssuer.sign(TestIssuer.RSA_1, alg, claims)).isPresent(), alg.getName());
        }
        assertTrue(oidc.authenticate(TestIssuer.sign(TestIssuer.EC_384, JWSAlgorithm.ES384, claims)).isPresent());
    }

    @Test
    void tokenWithoutKidIsVerifiedAgainstTheKeys() {
        String token = TestIssuer.sign(TestIssuer.RSA_1, new JWSHeader(JWSAlgorithm.RS256), idp.claims(now).build());
        assertTrue(authenticator().authenticate(token).isPresent());
    }

    @Test
    void expiredToken() {
        OidcAuthenticator oidc = authenticator();
        JWTClaimsSet expired = idp.claims(now).expirationTime(Date.from(now.minusSeconds(3600))).build();
        assertFalse(oidc.authenticate(rs256(expired)).isPresent());
    }

    @Test
    void expiryWithinClockSkew() {
        OidcAuthenticator oidc = authenticator();
        assertTrue(oidc.authenticate(rs256(idp.claims(now).expirationTime(Date.from(now.minusSeconds(59))).build())).isPresent());
        assertTrue(oidc.authenticate(rs256(idp.claims(now).expirationTime(Date.from(now.minusSeconds(60))).build())).isPresent());
        assertFalse(oidc.authenticate(rs256(idp.claims(now).expirationTime(Date.from(now.minusSeconds(61))).build())).isPresent());
        OidcAuthenticator strict = authenticator(OidcSettings.of(idp.issuer, "client").withKeys(null, Duration.ZERO));
        assertFalse(strict.authenticate(rs256(idp.claims(now).expirationTime(Date.from(now.minusSeconds(1))).build())).isPresent());
    }

    @Test
    void expRequired() {
        JWTClaimsSet noExp = new JWTClaimsSet.Builder(idp.claims(now).build()).expirationTime(null).build();
        assertFalse(authenticator().authenticate(rs256(noExp)).isPresent());
    }

    @Test
    void notBeforeInTheFuture() {
        OidcAuthenticator oidc = authenticator();
        assertFalse(oidc.authenticate(rs256(idp.claims(now).notBeforeTime(Date.from(now.plusSeconds(3000))).build())).isPresent());
        assertFalse(oidc.authenticate(rs256(idp.claims(now).notBeforeTime(Date.from(now.plusSeconds(61))).build())).isPresent());
        assertTrue(oidc.authenticate(rs256(idp.claims(now).notBeforeTime(Date.from(now.plusSeconds(30))).build())).isPresent());
        assertTrue(oidc.authenticate(rs256(idp.claims(now).notBeforeTime(Date.from(now.minusSeconds(30))).build())).isPresent());
    }

    @Test
    void audience() {
        OidcAuthenticator oidc = authenticator();
        assertFalse(oidc.authenticate(rs256(idp.claims(now).audience("other-client").build())).isPresent());
        assertFalse(oidc.authenticate(rs256(idp.claims(now).audience(List.of()).build())).isPresent());
        assertTrue(oidc.authenticate(rs256(idp.claims(now).audience(List.of("other", "client")).build())).isPresent());
    }

    @Test
    void tokenOfAnotherIssuerIsNotOursAndFetchesNothing() {
        OidcAuthenticator oidc = authenticator();
        assertFalse(oidc.authenticate(rs256(idp.claims(now).issuer("https://other.example.com").build())).isPresent());
        assertFalse(oidc.authenticate(rs256(idp.claims(now).issuer(idp.issuer + "/").build())).isPresent());
        assertFalse(oidc.authenticate(rs256(idp.claims(now).issuer(null).build())).isPresent());
        assertEquals(0, idp.discoveryRequests.get() + idp.jwksRequests.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"opaque-token", "a.b", "a.b.c", "a.b.c.d.e", ""})
    void notAJwtIsNotOurs(String token) {
        assertFalse(authenticator().authenticate(token).isPresent());
        assertEquals(0, idp.discoveryRequests.get() + idp.jwksRequests.get());
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String payload = Base64URL.encode(idp.claims(now).build().toString().getBytes(StandardCharsets.UTF_8)).toString();
        OidcAuthenticator oidc = authenticator();
        assertFalse(oidc.authenticate(header + "." + payload + ".").isPresent());
        // a none header in front of a real signature does not help either
        String signed = rs256(idp.claims(now).build());
        assertFalse(oidc.authenticate(header + "." + payload + "." + signed.split("\\.")[2]).isPresent());
    }

    @Test
    void hmacTokensAreRejected() throws JOSEException {
        JWTClaimsSet claims = idp.claims(now).build();
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
        hs256.sign(new MACSigner(new byte[32]));
        OidcAuthenticator oidc = authenticator();
        assertFalse(oidc.authenticate(hs256.serialize()).isPresent());
        // the classic confusion attack: HMAC keyed with the issuer's public key
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
        confused.sign(new MACSigner(TestIssuer.RSA_1.toRSAPublicKey().getEncoded()));
        assertFalse(oidc.authenticate(confused.serialize()).isPresent());
        assertEquals(0, idp.jwksRequests.get(), "HMAC is refused before any key is looked up");
    }

    @Test
    void tokenSignedByUnknownKeyIsRejectedAndRefreshIsRateLimited() {
        OidcAuthenticator oidc = authenticator();
        String rogue = TestIssuer.sign(TestIssuer.ROGUE_RSA, JWSAlgorithm.RS256, idp.claims(now).build());
        assertFalse(oidc.authenticate(rogue).isPresent());
        assertEquals(1, idp.jwksRequests.get(), "first fetch; the refresh waits for the minimum interval");
        clock.advance(Duration.ofSeconds(10));
        assertFalse(oidc.authenticate(rogue).isPresent());
        assertEquals(2, idp.jwksRequests.get(), "unknown kid: one refresh");
        assertFalse(oidc.authenticate(rogue).isPresent());
        assertFalse(oidc.authenticate(rogue).isPresent());
        assertEquals(2, idp.jwksRequests.get(), "no more refreshes within the interval");
    }

    @Test
    void forgedSignatureWithKnownKidIsRejected() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestIssuer.RSA_1.getKeyID()).build();
        String forged = TestIssuer.sign(TestIssuer.ROGUE_RSA, header, idp.claims(now).build());
        assertFalse(authenticator().authenticate(forged).isPresent());
        // the signature of a valid token does not cover changed claims
        String[] valid = rs256(idp.claims(now).build()).split("\\.");
        String otherPayload = Base64URL.encode(idp.claims(now).subject("admin").build().toString()
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertFalse(authenticator().authenticate(valid[0] + "." + otherPayload + "." + valid[2]).isPresent());
    }

    @Test
    void keyRotation() {
        OidcAuthenticator oidc = authenticator();
        assertTrue(oidc.authenticate(rs256(idp.claims(now).build())).isPresent());
        idp.serve(TestIssuer.RSA_2);
        clock.advance(Duration.ofSeconds(11));
        now = clock.instant();
        String newKeyToken = TestIssuer.sign(TestIssuer.RSA_2, JWSAlgorithm.RS256, idp.claims(now).build());
        assertTrue(oidc.authenticate(newKeyToken).isPresent(), "unknown kid triggers a refresh");
        assertEquals(2, idp.jwksRequests.get());
        assertTrue(oidc.authenticate(newKeyToken).isPresent());
        assertEquals(2, idp.jwksRequests.get());
        // the old key is gone once the cache is refreshed
        assertFalse(oidc.authenticate(rs256(idp.claims(now).build())).isPresent());
    }

    @Test
    void keysAreRefetchedAfterTheirTimeToLive() {
        OidcAuthenticator oidc = authenticator();
        assertTrue(oidc.authenticate(rs256(idp.claims(now).build())).isPresent());
        idp.serve(TestIssuer.RSA_2);
        clock.advance(Duration.ofMinutes(10));
        now = clock.instant();
        assertFalse(oidc.authenticate(rs256(idp.claims(now).build())).isPresent(), "revoked key dropped");
        assertEquals(2, idp.jwksRequests.get());
    }

    @Test
    void failedRefreshKeepsKnownKeys() {
        OidcAuthenticator oidc = authenticator();
        assertTrue(oidc.authenticate(rs256(idp.claims(now).build())).isPresent());
        idp.jwksStatus = 500;
        clock.advance(Duration.ofMinutes(11));
        now = clock.instant();
        assertTrue(oidc.authenticate(rs256(idp.claims(now).build())).isPresent());
        assertEquals(2, idp.jwksRequests.get());
    }

    @Test
    void jwksUnavailableRejectsAndRetriesAfterTheInterval() {
        idp.jwksStatus = 503;
        OidcAuthenticator oidc = authenticator();
        String token = rs256(idp.claims(now).build());
        assertFalse(oidc.authenticate(token).isPresent());
        assertFalse(oidc.authenticate(token).isPresent());
        assertEquals(1, idp.jwksRequests.get(), "no retry within the interval");
        idp.jwksStatus = 200;
        clock.advance(Duration.ofSeconds(10));
        assertTrue(oidc.authenticate(token).isPresent());
        assertEquals(2, idp.jwksRequests.get());
    }

    @Test
    void discoveryIssuerMismatchIsRejected() {
        idp.discoveryIssuer = () -> "https://evil.example.com";
        assertFalse(authenticator().authenticate(rs256(idp.claims(now).build())).isPresent());
        assertEquals(0, idp.jwksRequests.get());
    }

    @Test
    void configuredJwksUriSkipsDiscovery() {
        OidcSettings settings = OidcSettings.of(idp.issuer, "client").withKeys(idp.jwksUri(), null);
        assertTrue(authenticator(settings).authenticate(rs256(idp.claims(now).build())).isPresent());
        assertEquals(0, idp.discoveryRequests.get());
        assertEquals(1, idp.jwksRequests.get());
    }

    @Test
    void unreachableIssuerNeedsNoNetworkAtConstruction() {
        OidcAuthenticator oidc = new OidcAuthenticator(OidcSettings.of("http://127.0.0.1:1", "client"));
        assertEquals(0, oidc.keyFetches());
        JWTClaimsSet claims = idp.claims(now).issuer("http://127.0.0.1:1").build();
        assertFalse(oidc.authenticate(rs256(claims)).isPresent());
    }

    @Test
    void usernamePrefixRules() {
        JWTClaimsSet claims = idp.claims(now).claim("email", "jane@example.com").claim("preferred_username", "jd").build();
        String token = rs256(claims);
        assertEquals(idp.issuer + "#jane", authenticator(settings(null, null, null, null)).authenticate(token).orElseThrow().name());
        assertEquals(idp.issuer + "#jane", authenticator(settings("sub", "", null, null)).authenticate(token).orElseThrow().name());
        assertEquals("jane", authenticator(settings("sub", "-", null, null)).authenticate(token).orElseThrow().name());
        assertEquals("oidc:jane", authenticator(settings("sub", "oidc:", null, null)).authenticate(token).orElseThrow().name());
        assertEquals("jane@example.com", authenticator(settings("email", null, null, null)).authenticate(token).orElseThrow().name());
        assertEquals("sso:jane@example.com", authenticator(settings("email", "sso:", null, null)).authenticate(token).orElseThrow().name());
        assertEquals(idp.issuer + "#jd", authenticator(settings("preferred_username", null, null, null)).authenticate(token).orElseThrow().name());
        assertFalse(authenticator(settings("name", null, null, null)).authenticate(token).isPresent(), "claim missing");
    }

    @Test
    void emailMustBeVerifiedWhenTheClaimSaysSo() {
        OidcAuthenticator oidc = authenticator(settings("email", null, null, null));
        JWTClaimsSet.Builder claims = idp.claims(now).claim("email", "jane@example.com");
        assertTrue(oidc.authenticate(rs256(claims.claim("email_verified", true).build())).isPresent());
        assertFalse(oidc.authenticate(rs256(claims.claim("email_verified", false).build())).isPresent());
        assertFalse(oidc.authenticate(rs256(claims.claim("email_verified", "true").build())).isPresent());
    }

    @Test
    void usernameClaimMustBeANonEmptyString() {
        OidcAuthenticator oidc = authenticator(settings("uname", null, null, null));
        assertFalse(oidc.authenticate(rs256(idp.claims(now).claim("uname", 42).build())).isPresent());
        assertFalse(oidc.authenticate(rs256(idp.claims(now).claim("uname", "").build())).isPresent());
        assertFalse(oidc.authenticate(rs256(idp.claims(now).claim("uname", List.of("a")).build())).isPresent());
    }

    @Test
    void reservedSystemNamesAreRefused() {
        OidcAuthenticator noPrefix = authenticator(settings("sub", "-", "groups", null));
        assertFalse(noPrefix.authenticate(rs256(idp.claims(now)
                .subject("system:serviceaccount:openshift-image-registry:registry").build())).isPresent());
        assertFalse(noPrefix.authenticate(rs256(idp.claims(now).claim("groups", List.of("devs", "system:masters")).build())).isPresent());
        OidcAuthenticator prefixed = authenticator(settings("sub", null, "groups", "oidc:"));
        UserInfo user = prefixed.authenticate(rs256(idp.claims(now).subject("system:admin")
                .claim("groups", List.of("system:masters")).build())).orElseThrow();
        assertEquals(idp.issuer + "#system:admin", user.name());
        assertEquals(List.of("oidc:system:masters", "system:authenticated"), user.groups());
    }

    @Test
    void groupsClaimAsStringOrArray() {
        OidcAuthenticator oidc = authenticator(settings(null, null, "groups", null));
        assertEquals(List.of("admins", "system:authenticated"),
                oidc.authenticate(rs256(idp.claims(now).claim("groups", "admins").build())).orElseThrow().groups());
        assertEquals(List.of("a", "b", "system:authenticated"),
                oidc.authenticate(rs256(idp.claims(now).claim("groups", List.of("a", "b")).build())).orElseThrow().groups());
        assertEquals(List.of("system:authenticated"),
                oidc.authenticate(rs256(idp.claims(now).build())).orElseThrow().groups(), "claim absent: no groups");
        assertFalse(oidc.authenticate(rs256(idp.claims(now).claim("groups", 7).build())).isPresent());
        assertFalse(oidc.authenticate(rs256(idp.claims(now).claim("groups", List.of("a", 7)).build())).isPresent());
    }

    @Test
    void groupsPrefix() {
        OidcAuthenticator oidc = authenticator(settings(null, null, "roles", "oidc:"));
        assertEquals(List.of("oidc:a", "oidc:b", "system:authenticated"),
                oidc.authenticate(rs256(idp.claims(now).claim("roles", List.of("a", "b")).build())).orElseThrow().groups());
        OidcAuthenticator noGroupsClaim = authenticator(settings(null, null, null, "oidc:"));
        assertEquals(List.of("system:authenticated"),
                noGroupsClaim.authenticate(rs256(idp.claims(now).claim("roles", List.of("a")).build())).orElseThrow().groups());
    }

    @Test
    void typHeaderIsIgnoredAsKubeDoes() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("at+jwt")).build();
        assertTrue(authenticator().authenticate(TestIssuer.sign(TestIssuer.RSA_1, header, idp.claims(now).build())).isPresent());
    }

    @Test
    void neverLogsTheToken() {
        try (LogCapture logs = new LogCapture()) {
            OidcAuthenticator oidc = authenticator();
            List<String> tokens = List.of(
                    rs256(idp.claims(now).build()),
                    rs256(idp.claims(now).audience("x").build()),
                    rs256(idp.claims(now).expirationTime(Date.from(now.minusSeconds(7200))).build()),
                    TestIssuer.sign(TestIssuer.ROGUE_RSA, JWSAlgorithm.RS256, idp.claims(now).build()),
                    rs256(idp.claims(now).issuer("https://other").build()));
            Authentication authentication = new Authentication(List.of(oidc));
            for (String token : tokens) {
                authentication.authenticate("Bearer " + token);
            }
            assertTrue(logs.anyContains("rejected"));
            for (String token : tokens) {
                logs.assertNoneContains(token);
                logs.assertNoneContains(token.substring(token.lastIndexOf('.') + 1));
            }
        }
    }

    @Test
    void unusedKeyTypesInTheSetAreIgnored() {
        JWK[] keys = {TestIssuer.EC_256, TestIssuer.RSA_2, TestIssuer.RSA_1};
        idp.serve(keys);
        assertEquals(Optional.of(idp.issuer + "#jane"), authenticator().authenticate(rs256(idp.claims(now).build())).map(UserInfo::name));
    }

    @Test
    void aNumericSubIsNotAUserName() {
        assertFalse(authenticator().authenticate(rs256(idp.claims(now).claim("sub", 42).build())).isPresent());
        assertFalse(authenticator().authenticate(rs256(idp.claims(now).claim("sub", true).build())).isPresent());
        assertTrue(authenticator().authenticate(rs256(idp.claims(now).claim("sub", "42").build())).isPresent());
    }

    @Test
    void oversizedJoseHeadersAreRefusedBeforeAnyKeyLookup() {
        OidcAuthenticator oidc = authenticator();
        JWSHeader hugeKid = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k".repeat(100_000)).build();
        assertFalse(oidc.authenticate(TestIssuer.sign(TestIssuer.RSA_1, hugeKid, idp.claims(now).build())).isPresent());
        JWSHeader longKid = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k".repeat(OidcAuthenticator.MAX_KID_CHARS + 1)).build();
        assertFalse(oidc.authenticate(TestIssuer.sign(TestIssuer.RSA_1, longKid, idp.claims(now).build())).isPresent());
        assertEquals(0, oidc.keyFetches(), "no JWKS fetched for them");
        JWSHeader padded = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .customParam("pad", "p".repeat(OidcAuthenticator.MAX_HEADER_CHARS)).build();
        assertFalse(oidc.authenticate(TestIssuer.sign(TestIssuer.RSA_1, padded, idp.claims(now).build())).isPresent());
        assertEquals(0, oidc.keyFetches());
        assertTrue(oidc.authenticate(rs256(idp.claims(now).build())).isPresent(), "the control");
    }
}
