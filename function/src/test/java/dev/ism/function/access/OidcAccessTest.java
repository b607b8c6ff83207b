package dev.ism.function.access;

import java.time.Instant;

import dev.ism.function.auth.TestIssuer;

import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static dev.ism.function.access.Access.assertForbidden;
import static dev.ism.function.access.Access.expect;
import static dev.ism.function.access.Access.forbidden;
import static dev.ism.function.access.Access.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 4: valid OIDC ID tokens (RS256, ES256) through the real function, with the OIDC
 * authenticator alone (no token file), kube's username prefix default ({@code <issuer URL>#<sub>})
 * and a groups claim with a groups prefix.
 */
class OidcAccessTest {

    private static final String GROUPS_PREFIX = "oidc:";

    @TempDir
    static Path dir;
    private static TestIssuer idp;
    private static Api api;
    /** The same issuer, with {@code oidc-username-claim} and {@code oidc-username-prefix} set. */
    private static Api custom;

    @BeforeAll
    static void start() {
        idp = new TestIssuer();
        String issuer = idp.issuer;
        Path policy = Access.write(dir, "policy.jsonl",
                "# alice, by her prefixed name: everything in image.openshift.io",
                rule("user", issuer + "#alice", "namespace", "*", "resource", "*", "apiGroup", "image.openshift.io"),
                "# bob by his bare sub: never matches, the name is always prefixed",
                rule("user", "bob", "namespace", "*", "resource", "*", "apiGroup", "*"),
                "# the pushers group of the IdP, prefixed: streams and mappings in team-g",
                rule("group", GROUPS_PREFIX + "pushers", "namespace", "team-g", "resource", "imagestreams", "apiGroup", "image.openshift.io"),
                rule("group", GROUPS_PREFIX + "pushers", "namespace", "team-g", "resource", "imagestreammappings", "apiGroup", "image.openshift.io"),
                "# the bare group name: never matches",
                rule("group", "pushers", "namespace", "team-bare", "resource", "*", "apiGroup", "*"));
        api = new Api(Access.settings("access-oidc",
                "ism.auth.token-auth-file", "",
                "ism.auth.policy-file", policy.toString(),
                "ism.auth.oidc-issuer-url", issuer,
                "ism.auth.oidc-client-id", Access.CLIENT,
                "ism.auth.oidc-groups-claim", "groups",
                "ism.auth.oidc-groups-prefix", GROUPS_PREFIX));
        Path customPolicy = Access.write(dir.resolve("custom"), "policy.jsonl",
                rule("user", "corp:alice", "namespace", "*", "resource", "*", "apiGroup", "image.openshift.io"));
        custom = new Api(Access.settings("access-oidc-custom",
                "ism.auth.token-auth-file", "",
                "ism.auth.policy-file", customPolicy.toString(),
                "ism.auth.oidc-issuer-url", issuer,
                "ism.auth.oidc-client-id", Access.CLIENT,
                "ism.auth.oidc-username-claim", "preferred_username",
                "ism.auth.oidc-username-prefix", "corp:"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (custom != null) {
            custom.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    private static void streamAndMapping(Via via, String token, String ns, String stream) {
        expect(201, Access.post(api, via, token, Access.streams(ns), Access.streamBody(stream)));
        expect(201, Access.post(api, via, token, Access.mappings(ns), Access.mapping(ns, stream, "v1", ns + "/" + stream)));
        var got = expect(200, Access.get(api, via, token, Access.stream(ns, stream)));
        assertEquals("v1", got.json().at("/status/tags/0/tag").asText(), got.body());
        assertEquals(Access.digest(ns + "/" + stream), got.json().at("/status/tags/0/items/0/image").asText(), got.body());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void rs256TokenCreatesAStreamAndAMapping(Via via) {
        String ns = Api.unique("rs");
        streamAndMapping(via, TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).build()), ns, "app");
        expect(200, Access.get(api, via, TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).build()), Access.image(Access.digest(ns + "/app"))));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void es256TokenCreatesAStreamAndAMapping(Via via) {
        String ns = Api.unique("es");
        streamAndMapping(via, TestIssuer.es256(idp.claims(Access.CLIENT, "alice", Instant.now()).build()), ns, "app");
    }

    /** The policy names users as the function sees them: {@code <issuer>#<sub>}; a bare sub matches nothing. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void usernameIsPrefixedWithTheIssuer(Via via) {
        String bob = TestIssuer.rs256(idp.claims(Access.CLIENT, "bob", Instant.now()).build());
        assertForbidden(forbidden(idp.issuer + "#bob", "create", "imagestreams", "team-a", ""),
                Access.post(api, via, bob, Access.streams("team-a"), Access.streamBody("app")));
        assertForbidden(forbidden(idp.issuer + "#bob", "create", "imagestreammappings", "team-a", ""),
                Access.post(api, via, bob, Access.mappings("team-a"), Access.mapping("team-a", "app", "v1", "bob")));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void groupFromTheGroupsClaimAuthorizes(Via via) {
        String carol = TestIssuer.rs256(idp.claims(Access.CLIENT, "carol", Instant.now()).claim("groups", List.of("pushers")).build());
        streamAndMapping(via, carol, "team-g", Api.unique("grp"));
        // the group rule grants streams and mappings in team-g, nothing else
        assertForbidden(forbidden(idp.issuer + "#carol", "create", "imagestreams", "team-h", ""),
                Access.post(api, via, carol, Access.streams("team-h"), Access.streamBody("app")));
        // the groups prefix is applied: the bare group name of the rule does not match
        assertForbidden(forbidden(idp.issuer + "#carol", "create", "imagestreams", "team-bare", ""),
                Access.post(api, via, carol, Access.streams("team-bare"), Access.streamBody("app")));
        // a single string is a group too
        String single = TestIssuer.es256(idp.claims(Access.CLIENT, "dave", Instant.now()).claim("groups", "pushers").build());
        streamAndMapping(via, single, "team-g", Api.unique("one"));
        // without the group, carol may do nothing
        String plain = TestIssuer.rs256(idp.claims(Access.CLIENT, "carol", Instant.now()).build());
        assertForbidden(forbidden(idp.issuer + "#carol", "create", "imagestreams", "team-g", ""),
                Access.post(api, via, plain, Access.streams("team-g"), Access.streamBody("other")));
        assertForbidden(forbidden(idp.issuer + "#carol", "create", "imagestreammappings", "team-g", ""),
                Access.post(api, via, plain, Access.mappings("team-g"), Access.mapping("team-g", "other", "v1", "carol")));
    }

    /** The configured claim and prefix name the user: {@code corp:} + {@code preferred_username}, not the sub. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void configuredUsernameClaimAndPrefix(Via via) {
        String ns = Api.unique("custom");
        String alice = TestIssuer.rs256(idp.claims(Access.CLIENT, "subject-1234", Instant.now()).claim("preferred_username", "alice").build());
        expect(201, Access.post(custom, via, alice, Access.streams(ns), Access.streamBody("app")));
        expect(201, Access.post(custom, via, alice, Access.mappings(ns), Access.mapping(ns, "app", "v1", ns)));
        String bob = TestIssuer.es256(idp.claims(Access.CLIENT, "alice", Instant.now()).claim("preferred_username", "bob").build());
        assertForbidden(forbidden("corp:bob", "create", "imagestreammappings", ns, ""),
                Access.post(custom, via, bob, Access.mappings(ns), Access.mapping(ns, "app", "v2", ns)));
        // no preferred_username: not a user at all
        Access.assertUnauthorized(Access.get(custom, via, TestIssuer.rs256(idp.claims(Access.CLIENT, "alice", Instant.now()).build()), Access.stream(ns, "app")));
    }
}
