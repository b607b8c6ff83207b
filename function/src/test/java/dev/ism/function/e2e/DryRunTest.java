package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Set;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.digest;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static dev.ism.function.e2e.E2e.registryPush;
import static dev.ism.function.e2e.E2e.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code dryRun=All} (ours): every check of a create runs, the stream lookup included, and nothing at
 * all is written, proved by the whole table before and after. In a function of its own, so that no
 * other test writes meanwhile.
 */
class DryRunTest {

    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(Map.of("ism.dynamodb.table-name", "ism-test-dryrun"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String dry(String path) {
        return path + "?dryRun=All";
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aValidMappingAnswers201AndWritesNothing(Via via) {
        String ns = Api.unique("dryrun");
        api.createStream(ns, "ruby");
        Set<Map<String, AttributeValue>> before = snapshot(api);

        ObjectNode push = registryPush(ns, "ruby", "latest");
        ((ObjectNode) image(push).get("metadata")).put("name", digest("dry" + ns));
        assertExactly(example("response-201-success.json"), post(api, via, dry(mappings(ns)), push));
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns) + "?dryRun=All&dryRun=All",
                mapping(ns, "ruby", "other", "dry-other" + ns)));
        assertEquals(before, snapshot(api));
        assertEquals(404, api.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.image(digest("dry" + ns))).code());
        assertEquals(E2e.tags(E2e.getStream(api, ns, "ruby")).size(), 0);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void theStreamLookupRuns(Via via) {
        String ns = Api.unique("dryrun");
        Set<Map<String, AttributeValue>> before = snapshot(api);
        ObjectNode push = registryPush(ns, "ruby", "latest");
        ((ObjectNode) image(push).get("metadata")).put("name", digest("missing" + ns));
        assertExactly(example("response-404-stream-not-found.json"), post(api, via, dry(mappings(ns)), push));
        assertEquals(before, snapshot(api));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void validationRuns(Via via) {
        String ns = Api.unique("dryrun");
        api.createStream(ns, "ruby");
        Set<Map<String, AttributeValue>> before = snapshot(api);
        ObjectNode m = registryPush(ns, "ruby", "latest");
        m.remove("tag");
        ((ObjectNode) image(m).get("metadata")).remove("name");
        image(m).put("dockerImageReference", "Quay.io/Foo/Bar");
        assertExactly(example("response-422-invalid.json"), post(api, via, dry(mappings(ns)), m));
        assertEquals(before, snapshot(api));
    }

    /** A mapping that changes an existing history: still nothing written. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void anExistingHistoryIsNotChanged(Via via) {
        String ns = Api.unique("dryrun");
        api.createStream(ns, "ruby");
        assertStatus(post(api, Via.HTTP, mappings(ns), mapping(ns, "ruby", "latest", "first" + ns)), 201);
        JsonNode streamBefore = E2e.getStream(api, ns, "ruby");
        Set<Map<String, AttributeValue>> before = snapshot(api);
        // the same image again (nothing to change), another image (prepend), another tag
        for (ObjectNode m : new ObjectNode[]{mapping(ns, "ruby", "latest", "first" + ns),
                mapping(ns, "ruby", "latest", "second" + ns), mapping(ns, "ruby", "other", "third" + ns)}) {
            assertExactly(example("response-201-success.json"), post(api, via, dry(mappings(ns)), m));
        }
        assertEquals(before, snapshot(api));
        assertEquals(streamBefore, E2e.getStream(api, ns, "ruby"));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void creatingAStreamWritesNothing(Via via) {
        String ns = Api.unique("dryrun");
        api.createStream(ns, "existing");
        Set<Map<String, AttributeValue>> before = snapshot(api);
        Api.Response created = post(api, via, dry(E2e.streams(ns)), E2e.streamBody("fresh"));
        assertEquals(201, created.code(), created.body());
        assertEquals("fresh", created.json().at("/metadata/name").asText());
        JsonNode exists = assertStatus(post(api, via, dry(E2e.streams(ns)), E2e.streamBody("existing")), 409);
        assertEquals("AlreadyExists", exists.path("reason").asText());
        assertEquals(before, snapshot(api));
        assertEquals(404, api.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.stream(ns, "fresh")).code());
    }
}
