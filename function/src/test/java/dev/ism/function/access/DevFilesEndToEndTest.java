package dev.ism.function.access;

import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
import static dev.ism.function.access.Access.stream;
import static dev.ism.function.access.Access.streamBody;
import static dev.ism.function.access.Access.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 4: the dev files of the local run (dev/auth, as application-test.properties and
 * application-local.properties configure them) grant what dev/auth/README.md says, through the real function.
 */
class DevFilesEndToEndTest {

    private static final String IMAGE = Access.digest("dev-files-image");

    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(Access.settings("access-dev-files"));
        Access.createStream(api, Api.REGISTRY_TOKEN, "myproject", "app");
        Access.createStream(api, Api.REGISTRY_TOKEN, "other", "app");
        Access.createMapping(api, Api.REGISTRY_TOKEN, "myproject", "app", "v1", "dev-files-image");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void registryMayCreateStreamsAndMappingsAnywhereAndReadEverything(Via via) {
        for (String ns : new String[] {"myproject", Api.unique("anywhere"), "openshift"}) {
            String name = Api.unique("s");
            expect(201, post(api, via, Api.REGISTRY_TOKEN, streams(ns), streamBody(name)));
            expect(201, post(api, via, Api.REGISTRY_TOKEN, mappings(ns), mapping(ns, name, "latest", ns + name)));
            expect(200, get(api, via, Api.REGISTRY_TOKEN, stream(ns, name)));
            expect(200, get(api, via, Api.REGISTRY_TOKEN, streams(ns)));
            expect(200, get(api, via, Api.REGISTRY_TOKEN, image(Access.digest(ns + name))));
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void viewerMayOnlyReadStreamsInMyprojectAndImages(Via via) {
        var before = api.scanAll();
        var got = expect(200, get(api, via, Api.VIEWER_TOKEN, stream("myproject", "app")));
        assertEquals("v1", got.json().at("/status/tags/0/tag").asText());
        expect(200, get(api, via, Api.VIEWER_TOKEN, streams("myproject")));
        expect(200, get(api, via, Api.VIEWER_TOKEN, image(IMAGE)));
        assertForbidden(forbidden("developer", "get", "imagestreams", "other", "app"),
                get(api, via, Api.VIEWER_TOKEN, stream("other", "app")));
        assertForbidden(forbidden("developer", "list", "imagestreams", "other", ""),
                get(api, via, Api.VIEWER_TOKEN, streams("other")));
        assertForbidden(forbidden("developer", "create", "imagestreams", "myproject", ""),
                post(api, via, Api.VIEWER_TOKEN, streams("myproject"), streamBody("mine")));
        assertForbidden(EXAMPLE_FORBIDDEN,
                post(api, via, Api.VIEWER_TOKEN, mappings("myproject"), mapping("myproject", "app", "v2", "viewer")));
        assertForbidden(forbidden("developer", "create", "imagestreammappings", "other", ""),
                post(api, via, Api.VIEWER_TOKEN, mappings("other"), mapping("other", "app", "v2", "viewer")));
        assertEquals(before, api.scanAll());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void nobodyMayDoNothing(Via via) {
        var before = api.scanAll();
        assertForbidden(forbidden("nobody", "get", "imagestreams", "myproject", "app"),
                get(api, via, Api.NOBODY_TOKEN, stream("myproject", "app")));
        assertForbidden(forbidden("nobody", "list", "imagestreams", "myproject", ""),
                get(api, via, Api.NOBODY_TOKEN, streams("myproject")));
        assertForbidden(forbidden("nobody", "get", "images", "", IMAGE), get(api, via, Api.NOBODY_TOKEN, image(IMAGE)));
        assertForbidden(forbidden("nobody", "create", "imagestreams", "myproject", ""),
                post(api, via, Api.NOBODY_TOKEN, streams("myproject"), streamBody("mine")));
        assertForbidden(forbidden("nobody", "create", "imagestreammappings", "myproject", ""),
                post(api, via, Api.NOBODY_TOKEN, mappings("myproject"), mapping("myproject", "app", "v2", "nobody")));
        assertEquals(before, api.scanAll());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anyOtherTokenOrNoneIs401(Via via) {
        for (String token : new String[] {null, "dev-admin-token", "DEV-REGISTRY-TOKEN", "dev-registry-token2"}) {
            assertUnauthorized(post(api, via, token, mappings("myproject"), mapping("myproject", "app", "v2", "x")));
            assertUnauthorized(get(api, via, token, stream("myproject", "app")));
        }
    }
}
