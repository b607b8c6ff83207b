package dev.ism.function.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ism.schema.GoTime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A JSON object read the way Go's {@code encoding/json} fills a struct from it, so the records of
 * this package decode a manifest or config exactly when the API server's {@code json.Unmarshal} does.
 *
 * <ul>
 *   <li>A field is found by its name without regard to case; of several matching keys the last wins.</li>
 *   <li>A missing or {@code null} field, list element or map value is the Go zero value
 *       ({@code ""}, 0, false, empty, {@link GoTime#ZERO}, a struct of zero values).</li>
 *   <li>A value of the wrong JSON type (a string for an {@code int64}, 1.5 for an {@code int64}, a
 *       time that is not RFC 3339 as Go parses it) fails the whole decoding, as {@code Unmarshal}
 *       returns an error: {@link #decode} is then empty. Nested structs share that verdict.</li>
 * </ul>
 * Not emulated: Go's {@code time.Time} reads the JSON string without unescaping it, so a
 * {@code \}-escape inside a time fails in Go and is read here; and a struct or map given twice is
 * merged by Go, replaced here (the last one wins).
 */
final class GoStruct {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Objects of at most this many keys are scanned for a field rather than indexed ({@link #field}). */
    private static final int SCANNED = 4;
    /**
     * The folds of the field names the readers of this package look up: a fixed set of constants (never a key of
     * the input), each folded once rather than at every lookup.
     */
    private static final Map<String, String> FOLDED_NAMES = new ConcurrentHashMap<>();

    private final ObjectNode object;
    /** The decoding's verdict, one cell shared by a struct and every struct nested in it. */
    private final boolean[] failed;
    /** A larger object's fields by folded name ({@link #fold}), made at its first lookup ({@link #field}). */
    private Map<String, JsonNode> fields;

    private GoStruct(ObjectNode object, boolean[] failed) {
        this.object = object;
        this.failed = failed;
    }

    /** {@code object} read as a Go struct, for single fields (the verdict is not looked at). */
    static GoStruct of(ObjectNode object) {
        return new GoStruct(object, new boolean[1]);
    }

    /** {@code raw} decoded by {@code reader}; empty when it is not one JSON object or a field has the wrong type. */
    static <T> Optional<T> decode(String raw, Function<GoStruct, T> reader) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            // from UTF-8 bytes: Jackson's byte parser reads this faster than its parser of chars (measured in situ)
            tree = JSON.readTree(raw.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) { // JsonProcessingException: reading bytes in memory throws nothing else
            return Optional.empty();
        }
        if (!(tree instanceof ObjectNode object)) {
            return Optional.empty();
        }
        GoStruct struct = new GoStruct(object, new boolean[1]);
        T value = reader.apply(struct);
        return struct.failed[0] ? Optional.empty() : Optional.of(value);
    }

    String string(String name) {
        JsonNode v = field(name);
        return isNull(v) || !expect(v.isTextual()) ? "" : v.textValue();
    }

    long int64(String name) {
        JsonNode v = field(name);
        return isNull(v) || !expect(v.isIntegralNumber() && v.canConvertToLong()) ? 0 : v.longValue();
    }

    boolean bool(String name) {
        JsonNode v = field(name);
        return !isNull(v) && expect(v.isBoolean()) && v.booleanValue();
    }

    /** A {@code time.Time}: {@link GoTime#ZERO} when missing or null. */
    Instant time(String name) {
        JsonNode v = field(name);
        if (isNull(v) || !expect(v.isTextual())) {
            return GoTime.ZERO;
        }
        Optional<Instant> t = GoTime.parseRfc3339(v.textValue());
        expect(t.isPresent());
        return t.orElse(GoTime.ZERO);
    }

    /** A {@code []string}: a null element is {@code ""}. */
    List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array(name)) {
            out.add(isNull(e) || !expect(e.isTextual()) ? "" : e.textValue());
        }
        return Collections.unmodifiableList(out);
    }

    /** A {@code map[string]struct{}}: its keys, each value null or an object. */
    Set<String> set(String name) {
        Set<String> out = new LinkedHashSet<>();
        map(name).forEach((k, v) -> {
            if (isNull(v) || expect(v.isObject())) {
                out.add(k);
            }
        });
        return Collections.unmodifiableSet(out);
    }

    /** A {@code map[string]string}: a null value is {@code ""}. */
    Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        map(name).forEach((k, v) -> out.put(k, isNull(v) || !expect(v.isTextual()) ? "" : v.textValue()));
        return Collections.unmodifiableMap(out);
    }

    /** A pointer to a struct: null when missing or null. */
    GoStruct struct(String name) {
        JsonNode v = field(name);
        return isNull(v) || !expect(v.isObject()) ? null : new GoStruct((ObjectNode) v, failed);
    }

    /** A struct held by value: all zero values when missing or null. */
    GoStruct structOrEmpty(String name) {
        GoStruct s = struct(name);
        return s != null ? s : new GoStruct(JsonNodeFactory.instance.objectNode(), failed);
    }

    /** A slice of structs, each read by {@code element}: a null element is a struct of zero values. */
    <T> List<T> structs(String name, Function<GoStruct, T> element) {
        List<T> out = new ArrayList<>();
        for (JsonNode e : array(name)) {
            ObjectNode o = isNull(e) || !expect(e.isObject()) ? JsonNodeFactory.instance.objectNode() : (ObjectNode) e;
            out.add(element.apply(new GoStruct(o, failed)));
        }
        return Collections.unmodifiableList(out);
    }

    private Iterable<JsonNode> array(String name) {
        JsonNode v = field(name);
        return isNull(v) || !expect(v.isArray()) ? List.of() : v;
    }

    private Map<String, JsonNode> map(String name) {
        JsonNode v = field(name);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!isNull(v) && expect(v.isObject())) {
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * The field Go would fill: names compared without regard to case, the last matching key winning. An object of
     * a few keys (most of them: a history entry, a descriptor, an empty struct) is scanned, a key compared with
     * {@link String#equalsIgnoreCase} (which fails at once on another length); a larger one has its keys folded
     * once, into {@link #fields}, so that each of its many lookups (a config's 20 fields) is one hash lookup
     * instead of a scan. Either way the answer is the same.
     */
    private JsonNode field(String name) {
        if (object.size() <= SCANNED) {
            JsonNode last = null;
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    last = e.getValue();
                }
            }
            return last;
        }
        if (fields == null) {
            fields = new HashMap<>(object.size() * 2);
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                fields.put(fold(e.getKey()), e.getValue()); // a later key matching alike replaces an earlier one
            }
        }
        String folded = FOLDED_NAMES.get(name);
        if (folded == null) {
            folded = FOLDED_NAMES.computeIfAbsent(name, GoStruct::fold);
        }
        return fields.get(folded);
    }

    /**
     * {@code key} with each character folded as {@link String#equalsIgnoreCase} compares them (two characters
     * match when their upper cases match or the lower cases of those do): a key equals a field name (ASCII, as
     * every Go field name here) ignoring case exactly when their folds are equal ({@code GoStructTest} checks
     * every char). Surrogates are left as they are: no field name has a character outside the BMP. An ASCII
     * character folds to its lower case; only others need {@link Character}'s tables.
     */
    static String fold(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 0x80 ? Character.toLowerCase(Character.toUpperCase(c)) != c : c >= 'A' && c <= 'Z') {
                char[] folded = key.toCharArray();
                for (int j = i; j < folded.length; j++) {
                    char d = folded[j];
                    folded[j] = d >= 0x80 ? Character.toLowerCase(Character.toUpperCase(d))
                            : d >= 'A' && d <= 'Z' ? (char) (d + ('a' - 'A')) : d;
                }
                return new String(folded);
            }
        }
        return key;
    }

    private boolean expect(boolean typeFits) {
        if (!typeFits) {
            failed[0] = true;
        }
        return typeFits;
    }

    private static boolean isNull(JsonNode v) {
        return v == null || v.isNull();
    }
}
