package dev.ism.function.access;

import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Response;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static dev.ism.function.access.Access.EXAMPLE_FORBIDDEN;
import static dev.ism.function.access.Access.assertForbidden;
import static dev.ism.function.access.Access.assertUnauthorized;
import static dev.ism.function.access.Access.expect;
import static dev.ism.function.access.Access.forbidden;
import static dev.ism.function.access.Access.get;
import static dev.ism.function.access.Access.image;
import static dev.ism.function.access.Access.mapping;
import static dev.ism.function.access.Access.mappings;
import static dev.ism.function.access.Access.post;
import static dev.ism.function.access.Access.rule;
import static dev.ism.function.access.Access.stream;
import static dev.ism.function.access.Access.streamBody;
import static dev.ism.function.access.Access.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 4, authorization: the 403 of BEHAVIOUR.md section 6 in kube-apiserver's words for every verb
 * and resource (cluster scope for images), read-only rules, namespace-scoped rules that do not
 * leak, and the {@code *} wildcards (user, namespace, resource, apiGroup), by the function's own
 * token file and ABAC policy.
 */
class AuthorizationTest {

    private static final String IMAGE = Access.digest("authorization-image");

    @TempDir
    static Path dir;
    private static Api api;

    @BeforeAll
    static void start() {
        Path tokens = Access.write(dir, "tokens.csv",
                "t-admin,admin,u-1",
                "t-developer,developer,u-2,developers",
                "t-reader,reader,u-3",
                "t-pusher,pusher,u-4",
                "t-ops,opsuser,u-5,\"ops,other\"",
                "t-anyone,anyone,u-6",
                "t-imager,imager,u-7");
        Path policy = Access.write(dir, "policy.jsonl",
                "# admin: every namespace, resource and group (and so cluster scope too)",
                rule("user", "admin", "namespace", "*", "resource", "*", "apiGroup", "*"),
                "# reader: read-only, everything of the group in team-a",
                rule("user", "reader", "namespace", "team-a", "resource", "*", "apiGroup", "image.openshift.io", "readonly", true),
                "# pusher: only mappings, only in team-a",
                rule("user", "pusher", "namespace", "team-a", "resource", "imagestreammappings", "apiGroup", "image.openshift.io"),
                "# group ops: read-only, everywhere",
                rule("group", "ops", "namespace", "*", "resource", "*", "apiGroup", "*", "readonly", true),
                "# every authenticated user: read streams in public",
                rule("user", "*", "namespace", "public", "resource", "imagestreams", "apiGroup", "image.openshift.io", "readonly", true),
                "# imager: images only; namespace \"\" is the cluster scope only",
                rule("user", "imager", "resource", "images", "apiGroup", "image.openshift.io", "readonly", true));
        api = new Api(Access.settings("access-authorization",
                "ism.auth.token-auth-file", tokens.toString(),
                "ism.auth.policy-file", policy.toString()));
        for (String ns : new String[] {"team-a", "team-b", "public", "myproject"}) {
            Access.createStream(api, "t-admin", ns, "app");
        }
        Access.createMapping(api, "t-admin", "team-a", "app", "v1", "authorization-image");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** developer has no rule: the example 403 of the spec, byte for byte, whether the stream exists or not. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void createMappingIsTheSpecExample(Via via) {
        var before = api.scanAll();
        assertForbidden(EXAMPLE_FORBIDDEN,
                post(api, via, "t-developer", mappings("myproject"), mapping("myproject", "app", "v2", "dev")));
        assertForbidden(EXAMPLE_FORBIDDEN,
                post(api, via, "t-developer", mappings("myproject"), mapping("myproject", "absent", "v2", "dev")));
        assertEquals(before, api.scanAll());
    }

    /** The verb and resource of each request in the message; the name when it has one; images at cluster scope. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void forbiddenNamesVerbResourceAndScope(Via via) {
        assertForbidden(forbidden("developer", "get", "imagestreams", "team-a", "app"),
                get(api, via, "t-developer", stream("team-a", "app")));
        assertForbidden(forbidden("developer", "get", "imagestreams", "team-a", "absent"),
                get(api, via, "t-developer", stream("team-a", "absent")));
        assertForbidden(forbidden("developer", "list", "imagestreams", "team-a", ""),
                get(api, via, "t-developer", streams("team-a")));
        assertForbidden(forbidden("developer", "create", "imagestreams", "team-a", ""),
                post(api, via, "t-developer", streams("team-a"), streamBody("new")));
        assertForbidden(forbidden("developer", "get", "images", "", IMAGE),
                get(api, via, "t-developer", image(IMAGE)));
        assertForbidden(forbidden("developer", "get", "images", "", Access.digest("no such image")),
                get(api, via, "t-developer", image(Access.digest("no such image"))));
        assertForbidden(forbidden("developer", "create", "imagestreammappings", "team-a", ""),
                post(api, via, "t-developer", mappings("team-a"), mapping("team-a", "app", "v2", "dev")));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void readonlyRuleAllowsGetAndListNotCreate(Via via) {
        expect(200, get(api, via, "t-reader", stream("team-a", "app")));
        assertEquals(1, expect(200, get(api, via, "t-reader", streams("team-a"))).json().path("items").size());
        expect(404, get(api, via, "t-reader", stream("team-a", "absent")));
        assertForbidden(forbidden("reader", "create", "imagestreams", "team-a", ""),
                post(api, via, "t-reader", streams("team-a"), streamBody("new")));
        assertForbidden(forbidden("reader", "create", "imagestreammappings", "team-a", ""),
                post(api, via, "t-reader", mappings("team-a"), mapping("team-a", "app", "v2", "reader")));
        // the rule is for team-a: images are cluster-scoped
        assertForbidden(forbidden("reader", "get", "images", "", IMAGE), get(api, via, "t-reader", image(IMAGE)));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void namespaceRulesDoNotLeak(Via via) {
        String tag = "push-" + via.name().toLowerCase();
        expect(201, post(api, via, "t-pusher", mappings("team-a"), mapping("team-a", "app", tag, "pusher-" + via)));
        var before = api.scanAll();
        assertForbidden(forbidden("pusher", "create", "imagestreammappings", "team-b", ""),
                post(api, via, "t-pusher", mappings("team-b"), mapping("team-b", "app", tag, "pusher-" + via)));
        assertForbidden(forbidden("pusher", "create", "imagestreammappings", "team-a2", ""),
                post(api, via, "t-pusher", mappings("team-a2"), mapping("team-a2", "app", tag, "pusher-" + via)));
        // a rule for one resource does not grant another in the same namespace
        assertForbidden(forbidden("pusher", "get", "imagestreams", "team-a", "app"),
                get(api, via, "t-pusher", stream("team-a", "app")));
        assertForbidden(forbidden("pusher", "create", "imagestreams", "team-a", ""),
                post(api, via, "t-pusher", streams("team-a"), streamBody("new")));
        assertForbidden(forbidden("reader", "get", "imagestreams", "team-b", "app"),
                get(api, via, "t-reader", stream("team-b", "app")));
        assertForbidden(forbidden("reader", "list", "imagestreams", "team-b", ""),
                get(api, via, "t-reader", streams("team-b")));
        assertEquals(before, api.scanAll());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void wildcards(Via via) {
        // user admin, namespace/resource/apiGroup "*": everything, cluster scope included
        String ns = Api.unique("wild");
        expect(201, post(api, via, "t-admin", streams(ns), streamBody("app")));
        expect(201, post(api, via, "t-admin", mappings(ns), mapping(ns, "app", "v1", "authorization-image")));
        expect(200, get(api, via, "t-admin", image(IMAGE)));

        // group ops, read-only "*": reads anything anywhere, writes nothing
        expect(200, get(api, via, "t-ops", stream("team-b", "app")));
        expect(200, get(api, via, "t-ops", streams(ns)));
        expect(200, get(api, via, "t-ops", image(IMAGE)));
        assertForbidden(forbidden("opsuser", "create", "imagestreammappings", "team-b", ""),
                post(api, via, "t-ops", mappings("team-b"), mapping("team-b", "app", "v9", "ops")));

        // user "*" (every authenticated user): read streams in public, nothing more
        expect(200, get(api, via, "t-anyone", stream("public", "app")));
        expect(200, get(api, via, "t-developer", streams("public")));
        assertForbidden(forbidden("anyone", "get", "imagestreams", "team-a", "app"),
                get(api, via, "t-anyone", stream("team-a", "app")));
        assertForbidden(forbidden("anyone", "create", "imagestreams", "public", ""),
                post(api, via, "t-anyone", streams("public"), streamBody("new")));
        // ... but not anonymous callers: "*" means authenticated
        assertUnauthorized(get(api, via, null, stream("public", "app")));

        // namespace "" (absent): cluster-scoped requests only
        expect(200, get(api, via, "t-imager", image(IMAGE)));
        assertForbidden(forbidden("imager", "get", "imagestreams", "team-a", "app"),
                get(api, via, "t-imager", stream("team-a", "app")));
    }

    /** A 403 is a Status like every error: reason, code, and JSON whatever the caller accepts. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void forbiddenIsAStatus(Via via) {
        Response r = post(api, via, "t-developer", mappings("myproject"), mapping("myproject", "app", "v2", "dev"));
        assertEquals("Forbidden", r.json().path("reason").asText());
        assertEquals(403, r.json().path("code").asInt());
        assertEquals("Failure", r.json().path("status").asText());
    }
}
