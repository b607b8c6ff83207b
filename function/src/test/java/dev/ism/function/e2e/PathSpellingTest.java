package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.digest;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A path spelled differently is authorized as what the router makes of it: a trailing slash (which
 * the router ignores) does not skip authorization, percent-encoded segments are read decoded, and
 * names no object can have (an encoded {@code /}) are not found rather than a fault.
 */
class PathSpellingTest {

    private static final Api API = Api.shared();

    private static JsonNode forbidden(String verb, String resource, String ns, String name) {
        ObjectNode s = example("response-403-forbidden.json").deepCopy();
        String where = ns.isEmpty() ? "at the cluster scope" : "in the namespace \"" + ns + "\"";
        s.put("message", resource + ".image.openshift.io" + (name.isEmpty() ? "" : " \"" + name + "\"") + " is forbidden: User \"nobody\""
                + " cannot " + verb + " resource \"" + resource + "\" in API group \"image.openshift.io\" " + where);
        ObjectNode details = E2e.JSON.createObjectNode();
        if (!name.isEmpty()) {
            details.put("name", name);
        }
        details.put("group", "image.openshift.io").put("kind", resource);
        s.set("details", details);
        return s;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aTrailingSlashIsAuthorizedLikeThePathWithoutIt(Via via) {
        String ns = Api.unique("spelling");
        API.createStream(ns, "ruby");
        String image = digest("spelling" + ns);
        assertEquals(201, post(API, Via.HTTP, mappings(ns), mapping(ns, "ruby", "latest", image, "quay.io/e2e/ruby@" + image)).code());

        JsonNode stream = forbidden("get", "imagestreams", ns, "ruby");
        assertExactly(stream, API.get(via, Api.NOBODY_TOKEN, E2e.stream(ns, "ruby")));
        assertExactly(stream, API.get(via, Api.NOBODY_TOKEN, E2e.stream(ns, "ruby") + "/"));
        assertExactly(stream, API.get(via, Api.NOBODY_TOKEN, E2e.stream(ns, "ruby") + "//"));
        assertExactly(forbidden("list", "imagestreams", ns, ""), API.get(via, Api.NOBODY_TOKEN, E2e.streams(ns) + "/"));
        JsonNode img = forbidden("get", "images", "", image);
        assertExactly(img, API.get(via, Api.NOBODY_TOKEN, E2e.image(image)));
        assertExactly(img, API.get(via, Api.NOBODY_TOKEN, E2e.image(image) + "/"));
        assertExactly(forbidden("create", "imagestreammappings", ns, ""),
                API.send(via, "POST", mappings(ns) + "/", E2e.headers(Api.NOBODY_TOKEN, "application/json"),
                        E2e.bytes(mapping(ns, "ruby", "other", "slash" + ns)), false));
        assertEquals(1, E2e.tags(E2e.getStream(API, ns, "ruby")).size(), "nothing was mapped");

        // and for a caller who may: the same stream either way
        Api.Response plain = API.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, "ruby"));
        Api.Response slashed = API.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, "ruby") + "/");
        assertEquals(200, plain.code());
        assertEquals(200, slashed.code(), slashed.body());
        assertEquals(plain.json(), slashed.json());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void encodedSpellingsAreNeverServedToACallerWithoutTheRight(Via via) {
        String ns = Api.unique("spelling");
        API.createStream(ns, "ruby");
        String b = E2e.BASE;
        for (String path : new String[]{
                b + "/namespaces/" + ns + "/imagestream%73/ruby",
                b + "/namespaces/" + ns + "/imagestreams/rub%79",
                b + "/namespaces/" + ns + "/imagestreams/ruby%2F",
                b + "/namespaces/" + ns + "%2Fimagestreams/ruby",
                b + "/namespaces/" + ns + "/imagestreams/ruby;x",
                b + "/namespaces/" + ns + "/imagestreams/./ruby",
                b + "/namespaces/x/../" + ns + "/imagestreams/ruby",
                "/apis/image.openshift.io/%761/namespaces/" + ns + "/imagestreams/ruby",
                "/%61pis/image.openshift.io/v1/namespaces/" + ns + "/imagestreams/ruby",
                b + "//namespaces/" + ns + "/imagestreams/ruby",
                b + "/namespaces/" + ns + "//imagestreams/ruby"}) {
            Api.Response r = API.get(via, Api.NOBODY_TOKEN, path);
            assertTrue(r.code() == 403 || r.code() == 404, path + " " + r.code() + " " + r.body());
            assertNotEquals("ImageStream", r.json().path("kind").asText(), path);
            E2e.assertStatus(r, r.code());
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void namesWithAnEncodedSlashAreNotFound(Via via) {
        String ns = Api.unique("spelling");
        API.createStream(ns, "ruby");
        JsonNode stream = assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, "a%2Fb")), 404);
        assertEquals("NotFound", stream.path("reason").asText());
        assertEquals("imagestreams.image.openshift.io \"a/b\" not found", stream.path("message").asText());
        assertEquals(404, assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.stream("a%2Fb", "ruby")), 404).path("code").asInt());
        JsonNode image = assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.image("sha256%2Fx")), 404);
        assertEquals("images.image.openshift.io \"sha256/x\" not found", image.path("message").asText());
        Api.Response list = API.get(via, Api.REGISTRY_TOKEN, E2e.streams("a%2Fb"));
        assertEquals(200, list.code(), list.body());
        assertEquals(0, list.json().path("items").size());
        // creating in such a namespace is invalid, not a fault
        assertEquals(422, post(API, via, E2e.streams("a%2Fb"), E2e.streamBody("ruby")).code());
        assertEquals(422, post(API, via, mappings("a%2Fb"), mapping("a/b", "ruby", "latest", "x")).code());
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), mapping(ns, "ruby", "latest", "still-fine" + ns)));
    }
}
