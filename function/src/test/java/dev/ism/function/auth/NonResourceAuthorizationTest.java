package dev.ism.function.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Non-resource requests: kube-apiserver's default roles ({@code system:discovery} for authenticated
 * users, {@code system:public-info-viewer} also for unauthenticated ones) and ABAC {@code nonResourcePath}
 * rules with kube's matching: {@code *}, the exact path, or a prefix ending in {@code *}; readonly rules
 * only for get; a resource rule never matches a path, a path rule never a resource.
 */
class NonResourceAuthorizationTest {

    private static final String V1 = "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"Policy\", \"spec\": ";
    private static final Subject ALICE = Subject.of(new UserInfo("alice", "", List.of("devs")));
    private static final Subject BOB = Subject.of(new UserInfo("bob", "", List.of()));

    private static Authorizer authorizer(String... specs) {
        return new Authorizer(AbacPolicy.parse(java.util.Arrays.stream(specs).map(s -> V1 + s + "}").toList()));
    }

    @Test
    void defaultRolesLetAuthenticatedUsersDiscover() {
        Authorizer none = Authorizer.denyAll();
        for (String path : List.of("/api", "/apis", "/apis/image.openshift.io/v1", "/openapi/v2", "/openapi/v3/apis/x",
                "/version", "/version/", "/healthz")) {
            assertTrue(none.authorizePath(BOB, "get", path), path);
        }
        assertFalse(none.authorizePath(BOB, "post", "/apis"), "the roles grant only get");
        assertFalse(none.authorizePath(BOB, "get", "/metrics"));
        assertFalse(none.authorizePath(BOB, "get", "/apisx"));
        assertFalse(none.authorizePath(BOB, "get", "/version/x"));
    }

    @Test
    void anonymousReadsOnlyPublicInfo() {
        Authorizer none = Authorizer.denyAll();
        assertTrue(none.authorizePath(Subject.ANONYMOUS, "get", "/version"));
        assertTrue(none.authorizePath(Subject.ANONYMOUS, "get", "/livez"));
        assertFalse(none.authorizePath(Subject.ANONYMOUS, "get", "/apis"));
        assertFalse(none.authorizePath(Subject.ANONYMOUS, "get", "/openapi/v2"));
    }

    @Test
    void abacNonResourcePathRules() {
        Authorizer a = authorizer("{\"user\": \"alice\", \"nonResourcePath\": \"/metrics\", \"readonly\": true}",
                "{\"group\": \"devs\", \"nonResourcePath\": \"/debug/*\"}",
                "{\"user\": \"bob\", \"nonResourcePath\": \"*\", \"readonly\": true}");
        assertTrue(a.authorizePath(ALICE, "get", "/metrics"));
        assertFalse(a.authorizePath(ALICE, "post", "/metrics"), "readonly");
        assertFalse(a.authorizePath(ALICE, "get", "/metrics/x"), "exact");
        assertTrue(a.authorizePath(ALICE, "post", "/debug/pprof"), "prefix, any verb");
        assertTrue(a.authorizePath(ALICE, "get", "/debug/"));
        assertFalse(a.authorizePath(ALICE, "get", "/debug"), "the prefix is /debug/");
        assertTrue(a.authorizePath(BOB, "get", "/anything/at/all"));
        assertFalse(a.authorizePath(BOB, "put", "/anything"));
    }

    @Test
    void userStarMeansAuthenticatedNotAnonymous() {
        Authorizer a = authorizer("{\"user\": \"*\", \"nonResourcePath\": \"*\"}",
                "{\"group\": \"system:unauthenticated\", \"nonResourcePath\": \"/healthz/ready\"}");
        assertTrue(a.authorizePath(BOB, "delete", "/x"));
        assertFalse(a.authorizePath(Subject.ANONYMOUS, "get", "/x"));
        assertTrue(a.authorizePath(Subject.ANONYMOUS, "get", "/healthz/ready"));
    }

    @Test
    void resourceAndPathRulesNeverCross() {
        Authorizer paths = authorizer("{\"user\": \"alice\", \"nonResourcePath\": \"*\"}");
        assertFalse(paths.authorize(new UserInfo("alice", "", List.of()),
                new Attributes("get", "image.openshift.io", "images", "", "x")).allowed());
        Authorizer resources = authorizer("{\"user\": \"alice\", \"namespace\": \"*\", \"resource\": \"*\", \"apiGroup\": \"*\"}");
        assertFalse(resources.authorizePath(ALICE, "get", "/metrics"));
    }
}
