package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.digest;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.getImage;
import static dev.ism.function.e2e.E2e.getStream;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.items;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static dev.ism.function.e2e.E2e.registryPush;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Step 9's optional defaulting: with {@code ism.mapping.internal-registry-hostname} set, an empty
 * {@code dockerImageReference} becomes {@code <host>/<namespace>/<stream>@<image>} ({@code :} for
 * an image name that is not a digest), and streams get {@code status.dockerImageRepository}, which
 * the managed-image rule of section 4 uses. Without the setting an empty reference is invalid.
 */
class DefaultingTest {

    private static final String HOST = "registry.local:5000";
    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(Map.of("ism.mapping.internal-registry-hostname", HOST, "ism.dynamodb.table-name", "ism-test-defaulting"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void emptyReferenceOfADigestImageIsDefaultedWithAt(Via via) {
        String ns = Api.unique("defaulting");
        api.createStream(ns, "ruby");
        String name = digest("defaulted" + ns);
        ObjectNode m = mapping(ns, "ruby", "latest", name, "");
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns), m));
        String expected = HOST + "/" + ns + "/ruby@" + name;
        JsonNode stream = getStream(api, ns, "ruby");
        assertEquals(expected, items(stream, "latest").get(0).path("dockerImageReference").asText());
        assertEquals(HOST + "/" + ns + "/ruby", stream.at("/status/dockerImageRepository").asText());
        assertEquals(expected, getImage(api, name).path("dockerImageReference").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void absentReferenceOfAnImageNotNamedByDigestIsDefaultedWithColon(Via via) {
        String ns = Api.unique("defaulting");
        api.createStream(ns, "ruby");
        String name = "plain-image-name-" + ns;
        ObjectNode m = mapping(ns, "ruby", "v1", name, "");
        image(m).remove("dockerImageReference");
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns), m));
        assertEquals(HOST + "/" + ns + "/ruby:" + name,
                items(getStream(api, ns, "ruby"), "v1").get(0).path("dockerImageReference").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void givenReferenceIsKept(Via via) {
        String ns = Api.unique("defaulting");
        api.createStream(ns, "ruby");
        ObjectNode m = mapping(ns, "ruby", "latest", "kept" + ns);
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns), m));
        assertEquals(image(m).path("dockerImageReference").asText(),
                items(getStream(api, ns, "ruby"), "latest").get(0).path("dockerImageReference").asText());
    }

    /** Section 4: a managed image that already existed is referenced through this stream's repository. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void existingManagedImageIsReferencedThroughTheStreamRepository(Via via) {
        String ns = Api.unique("defaulting");
        api.createStream(ns, "ruby");
        api.createStream(ns, "copy");
        ObjectNode first = registryPush(ns, "ruby", "latest");
        String name = digest("managed" + ns);
        ((ObjectNode) image(first).get("metadata")).put("name", name);
        image(first).put("dockerImageReference", "image-registry.openshift-image-registry.svc:5000/" + ns + "/ruby@" + name);
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns), first));
        // the image did not exist: the request's reference
        assertEquals(image(first).path("dockerImageReference").asText(),
                items(getStream(api, ns, "ruby"), "latest").get(0).path("dockerImageReference").asText());

        ObjectNode second = first.deepCopy();
        ((ObjectNode) second.get("metadata")).put("name", "copy");
        second.put("tag", "mirrored");
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns), second));
        List<JsonNode> items = items(getStream(api, ns, "copy"), "mirrored");
        assertEquals(1, items.size());
        assertEquals(HOST + "/" + ns + "/copy@" + name, items.get(0).path("dockerImageReference").asText());
        assertEquals(name, items.get(0).path("image").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void withoutAnInternalRegistryAnEmptyReferenceIsRequired(Via via) {
        Api shared = Api.shared();
        String ns = Api.unique("defaulting");
        shared.createStream(ns, "ruby");
        JsonNode status = assertStatus(post(shared, via, mappings(ns), mapping(ns, "ruby", "latest", digest("none" + ns), "")), 422);
        assertEquals("ImageStreamMapping.image.openshift.io \"ruby\" is invalid: image.dockerImageReference: Required value",
                status.path("message").asText());
        assertEquals("FieldValueRequired", status.at("/details/causes/0/reason").asText());
    }
}
