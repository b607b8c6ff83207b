package dev.ism.function.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link OmitEmpty} against what Go's {@code encoding/json} writes for {@code omitempty} fields. */
class OmitEmptyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void zeroValuesAreLeftOut() {
        ObjectNode out = new OmitEmpty().string("s", "").int64("n", 0).bool("b", false).strings("l", List.of())
                .set("set", Set.of()).stringMap("m", Map.of()).node();
        assertTrue(out.isEmpty(), out.toString());
    }

    @Test
    void otherValuesAreWrittenInCallOrder() throws Exception {
        ObjectNode out = new OmitEmpty().bool("b", true).string("s", "x").int64("n", -1).strings("l", List.of(""))
                .set("set", Set.of("k")).stringMap("m", Map.of("k", "")).always("a", JSON.readTree("null")).node();
        assertEquals(JSON.readTree("{\"b\":true,\"s\":\"x\",\"n\":-1,\"l\":[\"\"],\"set\":{\"k\":{}},\"m\":{\"k\":\"\"},\"a\":null}"), out);
    }

    @Test
    void numbersAreTheNodesJacksonWouldParse() throws Exception {
        JsonNode parsed = JSON.readTree("{\"small\":2147483647,\"large\":2147483648}");
        ObjectNode out = new OmitEmpty().int64("small", Integer.MAX_VALUE).int64("large", Integer.MAX_VALUE + 1L).node();
        assertEquals(parsed, out);
        assertTrue(out.get("small").isInt());
        assertTrue(out.get("large").isLong());
    }

    /** Go sorts map keys by their UTF-8 bytes: U+FF01 before U+1F600, which UTF-16 order puts the other way round. */
    @Test
    void mapKeysInGoOrder() {
        String fullwidth = "\uFF01";
        String emoji = "\uD83D\uDE00";
        Map<String, String> labels = new LinkedHashMap<>();
        for (String k : List.of(emoji, "b", fullwidth, "B", "a.b", "a", "")) {
            labels.put(k, k);
        }
        List<String> expected = List.of("", "B", "a", "a.b", "b", fullwidth, emoji);
        assertEquals(expected, keys(new OmitEmpty().stringMap("m", labels).node().get("m")));
        assertEquals(expected, keys(new OmitEmpty().set("s", new LinkedHashSet<>(labels.keySet())).node().get("s")));
        assertTrue(emoji.compareTo(fullwidth) < 0, "String order differs, which is why Go's order is spelled out");
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
