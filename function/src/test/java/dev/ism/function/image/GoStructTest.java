package dev.ism.function.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ism.schema.GoTime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link GoStruct} against what Go's {@code json.Unmarshal} does with the same JSON and struct. */
class GoStructTest {

    /** Reads every kind of field once, so that any type mismatch shows as an empty decoding. */
    private static final Function<GoStruct, List<Object>> ALL_FIELDS = s -> List.of(
            s.string("s"), s.int64("n"), s.bool("b"), s.time("t"), s.strings("l"), s.set("set"), s.stringMap("m"),
            s.structs("items", item -> item.string("name")));

    @Test
    void namesMatchWithoutCaseAndTheLastKeyWins() {
        assertEquals(Optional.of("second"), GoStruct.decode("{\"Name\":\"first\",\"NAME\":\"second\"}", s -> s.string("name")));
        assertEquals(Optional.of(7L), GoStruct.decode("{\"schemaversion\":7}", s -> s.int64("schemaVersion")));
        // Go's case folding, as equalsIgnoreCase's: the Kelvin sign is a K, the long s an S
        assertEquals(Optional.of("kelvin"), GoStruct.decode("{\"\u212Aind\":\"kelvin\",\"x\":1}", s -> s.string("kind")));
        assertEquals(Optional.of(3L), GoStruct.decode("{\"\u017Fize\":3}", s -> s.int64("Size")));
        assertEquals(Optional.of(""), GoStruct.decode("{\"sizes\":3,\"siz\":4}", s -> s.string("size")));
    }

    /** A small object is scanned for a field, a large one indexed by folded key: the same field either way. */
    @ParameterizedTest
    @ValueSource(ints = {0, 5, 6, 7, 20})
    void smallAndLargeObjectsFindTheSameField(int others) {
        StringBuilder fill = new StringBuilder();
        for (int i = 0; i < others; i++) {
            fill.append("\"other").append(i).append("\":").append(i).append(',');
        }
        String json = "{" + fill + "\"Name\":\"first\",\"\u212Aind\":\"kelvin\",\"NAME\":\"second\"}";
        assertEquals(Optional.of(List.of("second", "kelvin", "", "", 0L)), GoStruct.decode(json,
                s -> List.of(s.string("name"), s.string("kind"), s.string("nam"), s.string("names"), s.int64("Other"))));
    }

    /** The folded keys the fields are found by are equal exactly when the keys are equal ignoring case. */
    @Test
    void foldingMatchesEqualsIgnoreCase() {
        String names = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_\u00e9\u00c9\u00df";
        for (int n = 0; n < names.length(); n++) {
            String name = String.valueOf(names.charAt(n));
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                String key = String.valueOf((char) c);
                assertEquals(key.equalsIgnoreCase(name), GoStruct.fold(key).equals(GoStruct.fold(name)), () -> key + " vs " + name);
            }
        }
        assertEquals("config", GoStruct.fold("Config"));
        assertEquals("config", GoStruct.fold("CONFIG"));
    }

    @Test
    void missingAndNullAreZeroValues() {
        for (String json : List.of("{}", "{\"s\":null,\"n\":null,\"b\":null,\"t\":null,\"l\":null,\"set\":null,\"m\":null,\"items\":null}")) {
            assertEquals(Optional.of(List.of("", 0L, false, GoTime.ZERO, List.of(), Set.of(), Map.of(), List.of())),
                    GoStruct.decode(json, ALL_FIELDS), json);
        }
        assertEquals(Optional.of(List.of("", "x")), GoStruct.decode("{\"l\":[null,\"x\"]}", s -> s.strings("l")));
        assertEquals(Optional.of(Map.of("a", "")), GoStruct.decode("{\"m\":{\"a\":null}}", s -> s.stringMap("m")));
        assertEquals(Optional.of(Set.of("80/tcp")), GoStruct.decode("{\"set\":{\"80/tcp\":null}}", s -> s.set("set")));
        assertEquals(Optional.of(List.of("")), GoStruct.decode("{\"items\":[null]}", s -> s.structs("items", i -> i.string("name"))));
    }

    @Test
    void valuesOfTheirTypesAreRead() {
        Optional<List<Object>> read = GoStruct.decode("""
                {"s":"x","n":-9223372036854775808,"b":true,"t":"2026-01-02T3:04:05+01:00","l":["a"],
                 "set":{"k":{"ignored":1}},"m":{"k":"v"},"items":[{"NAME":"i"}],"unknown":[1,{}]}""", ALL_FIELDS);
        assertEquals(Optional.of(List.of("x", Long.MIN_VALUE, true, Instant.parse("2026-01-02T02:04:05Z"), List.of("a"),
                Set.of("k"), Map.of("k", "v"), List.of("i"))), read);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"s\":1}", "{\"s\":true}", "{\"n\":\"1\"}", "{\"n\":1.0}", "{\"n\":1e2}", "{\"n\":9223372036854775808}",
        "{\"b\":0}", "{\"t\":\"yesterday\"}", "{\"t\":1}", "{\"l\":\"a\"}", "{\"l\":[1]}", "{\"set\":[]}",
        "{\"set\":{\"k\":1}}", "{\"m\":{\"k\":1}}", "{\"m\":\"x\"}", "{\"items\":{}}", "{\"items\":[1]}",
        "{\"items\":[{\"name\":1}]}",
    })
    void aValueOfTheWrongTypeFailsTheWholeDecoding(String json) {
        assertEquals(Optional.empty(), GoStruct.decode(json, ALL_FIELDS), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "null", "\"x\"", "{\"s\":\"x\"", "{} {}", "{}x"})
    void onlyOneJsonObjectDecodes(String raw) {
        assertEquals(Optional.empty(), GoStruct.decode(raw, ALL_FIELDS), raw);
    }

    @Test
    void nestedStructsShareTheVerdict() {
        assertFalse(GoStruct.decode("{\"p\":{\"n\":\"1\"}}", s -> s.struct("p").int64("n")).isPresent());
        assertFalse(GoStruct.decode("{\"p\":{\"n\":\"1\"}}", s -> s.structOrEmpty("p").int64("n")).isPresent());
        assertFalse(GoStruct.decode("{\"p\":[]}", s -> s.structOrEmpty("p")).isPresent(), "a list for a struct");
        assertTrue(GoStruct.decode("{\"p\":null}", s -> s.struct("p") == null).orElseThrow());
        assertEquals(Optional.of(0L), GoStruct.decode("{}", s -> s.structOrEmpty("p").int64("n")));
    }

    @Test
    void aSingleFieldIsReadWithoutAVerdict() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("Size", "12");
        assertEquals(0, GoStruct.of(metadata).int64("size"), "a mismatch reads as zero");
        metadata.put("Size", 12);
        assertEquals(12, GoStruct.of(metadata).int64("size"));
        assertFalse(GoStruct.decode("{\"p\":1}", s -> s.struct("p")).isPresent(), "a number for a struct");
    }
}
