package dev.ism.function.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(Optional.of("second"), GoStruct.type(s -> s.string("name")).decode("{\"Name\":\"first\",\"NAME\":\"second\"}"));
        assertEquals(Optional.of(7L), GoStruct.type(s -> s.int64("schemaVersion")).decode("{\"schemaversion\":7}"));
        // Go's case folding, as equalsIgnoreCase's: the Kelvin sign is a K, the long s an S
        assertEquals(Optional.of("kelvin"), GoStruct.type(s -> s.string("kind")).decode("{\"\u212Aind\":\"kelvin\",\"x\":1}"));
        assertEquals(Optional.of(3L), GoStruct.type(s -> s.int64("Size")).decode("{\"\u017Fize\":3}"));
        assertEquals(Optional.of(""), GoStruct.type(s -> s.string("size")).decode("{\"sizes\":3,\"siz\":4}"));
    }

    /** Keys of no field, however many, are skipped: they neither match a field nor change what the others read. */
    @ParameterizedTest
    @ValueSource(ints = {0, 5, 20})
    void otherKeysAreSkipped(int others) {
        StringBuilder fill = new StringBuilder();
        for (int i = 0; i < others; i++) {
            fill.append("\"other").append(i).append("\":").append(i % 2 == 0 ? "[{\"name\":1}]" : "{\"kind\":[]}").append(',');
        }
        String json = "{" + fill + "\"Name\":\"first\",\"\u212Aind\":\"kelvin\",\"NAME\":\"second\"}";
        assertEquals(Optional.of(List.of("second", "kelvin", "", "", 0L)), GoStruct.type(
                s -> List.of(s.string("name"), s.string("kind"), s.string("nam"), s.string("names"), s.int64("Other"))).decode(json));
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
                    GoStruct.type(ALL_FIELDS).decode(json), json);
        }
        assertEquals(Optional.of(List.of("", "x")), GoStruct.type(s -> s.strings("l")).decode("{\"l\":[null,\"x\"]}"));
        assertEquals(Optional.of(Map.of("a", "")), GoStruct.type(s -> s.stringMap("m")).decode("{\"m\":{\"a\":null}}"));
        assertEquals(Optional.of(Set.of("80/tcp")), GoStruct.type(s -> s.set("set")).decode("{\"set\":{\"80/tcp\":null}}"));
        assertEquals(Optional.of(List.of("")), GoStruct.type(s -> s.structs("items", i -> i.string("name"))).decode("{\"items\":[null]}"));
    }

    @Test
    void valuesOfTheirTypesAreRead() {
        Optional<List<Object>> read = GoStruct.type(ALL_FIELDS).decode("""
                {"s":"x","n":-9223372036854775808,"b":true,"t":"2026-01-02T3:04:05+01:00","l":["a"],
                 "set":{"k":{"ignored":1}},"m":{"k":"v"},"items":[{"NAME":"i"}],"unknown":[1,{}]}""");
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
        assertEquals(Optional.empty(), GoStruct.type(ALL_FIELDS).decode(json), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "null", "\"x\"", "{\"s\":\"x\"", "{} {}", "{}x"})
    void onlyOneJsonObjectDecodes(String raw) {
        assertEquals(Optional.empty(), GoStruct.type(ALL_FIELDS).decode(raw), raw);
    }

    @Test
    void nestedStructsShareTheVerdict() {
        assertFalse(GoStruct.type(s -> s.struct("p").int64("n")).decode("{\"p\":{\"n\":\"1\"}}").isPresent());
        assertFalse(GoStruct.type(s -> s.structOrEmpty("p").int64("n")).decode("{\"p\":{\"n\":\"1\"}}").isPresent());
        assertFalse(GoStruct.type(s -> s.structOrEmpty("p")).decode("{\"p\":[]}").isPresent(), "a list for a struct");
        assertTrue(GoStruct.type(s -> s.struct("p") == null).decode("{\"p\":null}").orElseThrow());
        assertEquals(Optional.of(0L), GoStruct.type(s -> s.structOrEmpty("p").int64("n")).decode("{}"));
        assertFalse(GoStruct.type(s -> s.struct("p")).decode("{\"p\":1}").isPresent(), "a number for a struct");
    }

    /** A key given twice is decoded twice, into the same field, as Go does (not only the last one read). */
    @Test
    void aKeyGivenTwiceIsDecodedTwiceAsInGo() {
        // null leaves a string, number, bool, time or struct held by value as it was; nils a list, a map, a pointer
        assertEquals(Optional.of(List.of("x", 7L, true, Instant.parse("2026-01-02T03:04:05Z"), List.of(), Set.of(), Map.of(), List.of())),
                GoStruct.type(ALL_FIELDS).decode("""
                        {"s":"x","n":7,"b":true,"t":"2026-01-02T03:04:05Z","l":["a"],"set":{"k":{}},"m":{"k":"v"},"items":[{}],
                         "S":null,"N":null,"B":null,"T":null,"L":null,"Set":null,"M":null,"Items":null}"""));
        assertEquals(Optional.of(1L), GoStruct.type(s -> s.structOrEmpty("p").int64("n")).decode("{\"p\":{\"n\":1},\"p\":null}"));
        assertTrue(GoStruct.type(s -> s.struct("p") == null).decode("{\"p\":{\"n\":1},\"p\":null}").orElseThrow());
        // a later object fills the map or struct an earlier one made; a later list replaces an earlier one
        assertEquals(Optional.of(Map.of("a", "1", "b", "3")),
                GoStruct.type(s -> s.stringMap("m")).decode("{\"m\":{\"a\":\"1\",\"b\":\"2\"},\"M\":{\"b\":\"3\"}}"));
        assertEquals(Optional.of(Set.of("80/tcp", "443/tcp")),
                GoStruct.type(s -> s.set("set")).decode("{\"set\":{\"80/tcp\":{}},\"set\":{\"443/tcp\":{}}}"));
        assertEquals(Optional.of(List.of(1L, "x")), GoStruct.type(s -> List.of(s.struct("p").int64("n"), s.struct("p").string("s")))
                .decode("{\"p\":{\"n\":1},\"P\":{\"s\":\"x\"}}"));
        assertEquals(Optional.of(List.of("b")), GoStruct.type(s -> s.strings("l")).decode("{\"l\":[\"a\",\"c\"],\"l\":[\"b\"]}"));
        // a wrong type fails the decoding even when a later value of the key is right: Go keeps the first error
        assertEquals(Optional.empty(), GoStruct.type(s -> s.int64("n")).decode("{\"n\":\"1\",\"n\":2}"));
    }

    @Test
    void aTypeIsWhatItsReaderReadsWhateverTheValues() {
        assertThrows(IllegalStateException.class, () -> GoStruct.type(s -> List.of(s.string("a"), s.int64("a"))), "two kinds");
        assertThrows(IllegalStateException.class, () -> GoStruct.type(s -> List.of(s.string("Name"), s.string("name"))),
                "two fields Go could not tell apart");
        GoStruct.Type<String> conditional = GoStruct.type(s -> s.bool("b") ? s.string("x") : "");
        assertEquals(Optional.of(""), conditional.decode("{\"x\":\"y\"}"));
        assertThrows(IllegalStateException.class, () -> conditional.decode("{\"b\":true}"), "a field read only for some values");
        // names made anew at each read, and read in another order than recorded, are found by name
        GoStruct.Type<List<String>> made = GoStruct.type(s -> s.bool("b")
                ? List.of(s.string(new String("y")), s.string(new String("x"))) : List.of(s.string(new String("x")), s.string("y")));
        assertEquals(Optional.of(List.of("2", "1")), made.decode("{\"x\":\"1\",\"y\":\"2\",\"b\":true}"));
    }
}
