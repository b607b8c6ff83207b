package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.ism.schema.ValidationTableTest.JSON;
import static dev.ism.schema.ValidationTableTest.VALIDATOR;
import static dev.ism.schema.ValidationTableTest.img;
import static dev.ism.schema.ValidationTableTest.meta;
import static dev.ism.schema.ValidationTableTest.registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crashers found by bounded fuzzing (issue 12), each now a Status, and the bounds that keep a
 * Status small: at most 100 causes plus one counting the rest, values cut in messages.
 */
class HardeningTest {

    @Test
    void aManifestDigestOfTenThousandGroupsIsA422NotAStackOverflow() {
        Status s = rejected(registry(m -> manifest(manifests(m, 1), 0).put("digest", "a.".repeat(10_000))), 422);
        assertEquals("image.dockerImageManifests[0].digest", s.details().causes().get(0).field());
        assertTrue(s.message().length() < 2_000, "the value is cut in the message");
    }

    @Test
    void anImageNameOfTenThousandDigestGroupsIsDefaultedWithoutOverflow() {
        String body = registry(m -> {
            img(m).remove("dockerImageReference");
            ((ObjectNode) img(m).get("metadata")).put("name", "a.".repeat(10_000));
        });
        Outcome o = ImageStreamMappingValidator.withInternalRegistry("r.local").validate(body.getBytes(StandardCharsets.UTF_8), "myproject");
        assertInstanceOf(Outcome.Rejected.class, o);
    }

    @Test
    void aNumberBeyondDoubleIsA400NotANumberFormatException() {
        String inImage = registry(m -> { }).replace("\"dockerImageReference\"", "\"dockerImageMetadataVersion\":1e400,\"dockerImageReference\"");
        assertTrue(rejected(inImage, 400).message().contains("cannot unmarshal number 1e400"));
        // an unknown field's value is skipped, as Go's decoder skips it: no error at all
        String unknown = registry(m -> { }).replace("\"tag\":\"latest\"", "\"tag\":\"latest\",\"x\":1e400");
        assertInstanceOf(Outcome.Valid.class, VALIDATOR.validate(unknown.getBytes(StandardCharsets.UTF_8), "myproject"));
    }

    @Test
    void eightThousandEmptyManifestsGiveOneHundredCausesAndACount() throws Exception {
        String body = registry(m -> manifests(m, 8_000));
        Status s = rejected(body, 422);
        List<Status.Cause> causes = s.details().causes();
        assertEquals(FieldErrors.MAX_CAUSES + 1, causes.size());
        Status.Cause last = causes.get(FieldErrors.MAX_CAUSES);
        assertEquals("FieldValueTooMany", last.reason());
        assertTrue(last.message().startsWith("Too many: "), last.message());
        assertTrue(s.message().endsWith(last.message() + "]"), "the message ends with the count");
        assertTrue(JSON.writeValueAsBytes(s).length < 64 * 1024, "a small Status");
    }

    @Test
    void listsHoldAThousandItemsInAllTheRestCountedNotValidated() {
        int n = 3 * 1024 * 1024 / 3;   // a 3 MiB body of empty manifests
        Status s = rejected(registry(m -> manifests(m, n)), 422);
        Status.Cause first = s.details().causes().get(0);
        assertEquals("image.dockerImageManifests", first.field());
        assertEquals("FieldValueTooMany", first.reason());
        assertEquals("Too many: " + n + ": must have at most 1000 items, all lists together", first.message());

        // nested lists share the budget: 100 signatures of 100 conditions each
        Status nested = rejected(registry(m -> {
            ArrayNode signatures = img(m).putArray("signatures");
            for (int i = 0; i < 100; i++) {
                ArrayNode conditions = signatures.addObject().put("type", "atomic").put("content", "").putArray("conditions");
                for (int j = 0; j < 100; j++) {
                    conditions.addObject().put("type", "Trusted").put("status", "True");
                }
            }
        }), 422);
        assertEquals("image.signatures[9].conditions", nested.details().causes().get(0).field(), nested::message);
    }

    @Test
    void aHundredCausesAreListedInFullWithoutACount() {
        Status s = rejected(registry(m -> {
            ArrayNode list = manifests(m, 10);
            list.forEach(n -> ((ObjectNode) n).put("digest", "sha256:" + "a".repeat(64)));
        }), 422);
        int perManifest = s.details().causes().size() / 10;
        assertTrue(perManifest >= 3 && s.details().causes().size() == perManifest * 10, s::message);
        assertTrue(s.details().causes().stream().noneMatch(c -> c.reason().equals("FieldValueTooMany")));
    }

    @Test
    void aTreeTenThousandLevelsDeepIsA400() {
        ObjectNode root = (ObjectNode) tree(registry(m -> { }));
        JsonNode deepest = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            deepest = JsonNodeFactory.instance.arrayNode().add(deepest);
        }
        ((ObjectNode) root.get("metadata")).putArray("managedFields").addObject().set("fieldsV1", deepest);
        Status s = assertInstanceOf(Outcome.Rejected.class, VALIDATOR.validate(root, "myproject")).status();
        assertEquals(400, s.code());
        assertTrue(s.message().endsWith("exceeded max depth"), s.message());
    }

    @Test
    void bytesNestedDeeperThanAThousandAreA400() {
        String deep = "[".repeat(1_001) + "]".repeat(1_001);
        String body = registry(m -> { }).replace("\"tag\":\"latest\"", "\"tag\":\"latest\",\"x\":" + deep);
        assertTrue(rejected(body, 400).message().contains("exceeded max depth"));
    }

    @Test
    void aMegabyteValueIsCutInItsCause() {
        Status s = rejected(registry(m -> m.put("tag", "-" + "x".repeat(1 << 20))), 422);
        assertTrue(s.message().length() < 1_000, () -> "message of " + s.message().length());
    }

    @Test
    void aMegabyteLabelKeyIsCutInItsCause() {
        Status s = rejected(registry(m -> meta(m).putObject("labels").put("-" + "k".repeat(1 << 20), "v")), 422);
        assertEquals("metadata.labels", s.details().causes().get(0).field());
        assertTrue(s.message().length() < 2_000, () -> "message of " + s.message().length());
    }

    @Test
    void aThousandUnknownFieldsGiveAHundredWarnings() {
        String body = registry(m -> {
            for (int i = 0; i < 1_000; i++) {
                img(m).put("unknown" + i, i);
            }
        });
        Outcome.Valid v = assertInstanceOf(Outcome.Valid.class, VALIDATOR.validate(body.getBytes(StandardCharsets.UTF_8), "myproject"));
        assertEquals(Decoder.MAX_STRICT_ERRORS, v.warnings().size());
    }

    static ArrayNode manifests(ObjectNode m, int n) {
        img(m).putArray("dockerImageLayers");
        ArrayNode list = img(m).putArray("dockerImageManifests");
        for (int i = 0; i < n; i++) {
            list.addObject();
        }
        return list;
    }

    static Status rejected(String body, int code) {
        Outcome o = VALIDATOR.validate(body.getBytes(StandardCharsets.UTF_8), "myproject");
        Status s = assertInstanceOf(Outcome.Rejected.class, o, () -> "expected a rejection, got " + o).status();
        assertEquals(code, s.code(), s::message);
        return s;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode manifest(ArrayNode list, int i) {
        return (ObjectNode) list.get(i);
    }
}
