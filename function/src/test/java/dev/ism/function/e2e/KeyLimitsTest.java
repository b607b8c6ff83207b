package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.registry.storage.KeyLimits;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;

import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.digest;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.namespaceItems;
import static dev.ism.function.e2e.E2e.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names longer than a DynamoDB key can hold (partition keys 2048 bytes, sort keys 1024, UTF-8): a
 * create answers 422 naming the field and the limit, before any DynamoDB call, and writes nothing; a
 * read of such a name answers 404 (nothing can be stored under it). Names up to the limit work.
 */
class KeyLimitsTest {

    private static final Api API = Api.shared();

    private static void assertTooLong(Api.Response r, String field, int limit) {
        JsonNode s = assertStatus(r, 422);
        assertEquals("Invalid", s.path("reason").asText(), r.body());
        JsonNode cause = s.at("/details/causes/0");
        assertEquals("FieldValueTooLong", cause.path("reason").asText(), r.body());
        assertEquals(field, cause.path("field").asText(), r.body());
        assertEquals("Too long: may not be more than " + limit + " bytes", cause.path("message").asText(), r.body());
    }

    /** A mapping of an image named {@code imageName} (any path segment will do) into {@code ns/stream:tag}. */
    private static ObjectNode mappingOfImage(String ns, String stream, String tag, String imageName) {
        String d = digest(imageName);
        return mapping(ns, stream, tag, imageName, "quay.io/e2e/keys@" + d);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anImageNameOverThePartitionKeyLimitIs422AndNothingIsWritten(Via via) {
        String ns = Api.unique("keys");
        API.createStream(ns, "ruby");
        Set<?> before = namespaceItems(API, ns);
        String name = "x" + via.ordinal() + "y".repeat(KeyLimits.IMAGE_NAME_BYTES - 1);
        assertTooLong(post(API, via, mappings(ns), mappingOfImage(ns, "ruby", "latest", name)),
                "image.metadata.name", KeyLimits.IMAGE_NAME_BYTES);
        // multi-byte: 1021 characters are 2042 bytes
        assertTooLong(post(API, via, mappings(ns), mappingOfImage(ns, "ruby", "latest", "é".repeat(1021))),
                "image.metadata.name", KeyLimits.IMAGE_NAME_BYTES);
        assertEquals(before, namespaceItems(API, ns));
        assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.image(name)), 404);
    }

    @Test
    void anImageNameAtTheLimitIsStoredAndReadBack() {
        String ns = Api.unique("keys");
        API.createStream(ns, "ruby");
        String name = "z" + ns + "w".repeat(KeyLimits.IMAGE_NAME_BYTES - 1 - ns.length());
        assertStatus(post(API, Via.LAMBDA_V2, mappings(ns), mappingOfImage(ns, "ruby", "latest", name)), 201);
        Api.Response r = API.get(Via.LAMBDA_V2, Api.REGISTRY_TOKEN, E2e.image(name));
        assertEquals(200, r.code(), r.body());
        assertEquals(name, r.json().at("/metadata/name").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aStreamNameOverTheSortKeyLimitIs422OnCreateAnd404OnRead(Via via) {
        String ns = Api.unique("keys");
        String name = "s".repeat(KeyLimits.STREAM_NAME_BYTES + 1);
        Api.Response r = post(API, via, E2e.streams(ns), E2e.streamBody(name));
        assertEquals(422, r.code(), r.body());
        assertTrue(r.body().contains("FieldValueTooLong") || r.body().contains("must be no more than"), r.body());
        assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, name)), 404);
        assertTooLong(post(API, via, mappings(ns), mappingOfImage(ns, name, "latest", digest("long-stream"))), "metadata.name",
                KeyLimits.STREAM_NAME_BYTES);
        assertEquals(Set.of(), namespaceItems(API, ns));
    }

    @Test
    void aSpecTagNameOverTheSortKeyLimitIs422() {
        String ns = Api.unique("keys");
        ObjectNode stream = E2e.streamTracking("ruby", "t".repeat(KeyLimits.TAG_BYTES + 1), "latest");
        assertTooLong(post(API, Via.HTTP, E2e.streams(ns), stream), "spec.tags[0].name", KeyLimits.TAG_BYTES);
        assertEquals(Set.of(), namespaceItems(API, ns));
    }

    @ParameterizedTest
    @EnumSource(value = Via.class, names = {"LAMBDA_V2", "LAMBDA_V1"})
    void namesNoKeyCanHoldAre404OnEveryRead(Via via) {
        String longName = "n".repeat(3000);
        assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.image(longName)), 404);
        assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.stream(longName, "ruby")), 404);
        assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.stream("ns", longName)), 404);
        Api.Response list = API.get(via, Api.REGISTRY_TOKEN, E2e.streams(longName));
        assertEquals(200, list.code(), list.body());
        assertEquals(0, list.json().path("items").size(), list.body());
    }
}
