package dev.ism.function.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object written as Go's {@code encoding/json} writes a struct whose fields are tagged
 * {@code omitempty} (as OpenShift's {@code DockerImage} and {@code DockerConfig} are): a field is left
 * out when it holds its type's zero value, and a map's keys come sorted as Go sorts them.
 */
final class OmitEmpty {

    /** Go's map key order: by UTF-8 bytes, which is code point order (not {@link String#compareTo}'s UTF-16 order). */
    static final Comparator<String> GO_KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final ObjectNode out = JsonNodeFactory.instance.objectNode();

    /** A field without {@code omitempty}: always written. */
    OmitEmpty always(String key, JsonNode value) {
        out.set(key, value);
        return this;
    }

    OmitEmpty string(String key, String value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
        return this;
    }

    OmitEmpty int64(String key, long value) {
        if (value != 0) {
            out.set(key, ImageJson.number(value));
        }
        return this;
    }

    OmitEmpty bool(String key, boolean value) {
        if (value) {
            out.put(key, true);
        }
        return this;
    }

    OmitEmpty strings(String key, List<String> value) {
        if (!value.isEmpty()) {
            value.forEach(out.putArray(key)::add);
        }
        return this;
    }

    /** A {@code map[string]struct{}}: each key with an empty object. */
    OmitEmpty set(String key, Set<String> value) {
        if (!value.isEmpty()) {
            ObjectNode map = out.putObject(key);
            sorted(value).forEach(map::putObject);
        }
        return this;
    }

    OmitEmpty stringMap(String key, Map<String, String> value) {
        if (!value.isEmpty()) {
            ObjectNode map = out.putObject(key);
            sorted(value.keySet()).forEach(k -> map.put(k, value.get(k)));
        }
        return this;
    }

    ObjectNode node() {
        return out;
    }

    private static List<String> sorted(Collection<String> keys) {
        List<String> list = new ArrayList<>(keys);
        list.sort(GO_KEY_ORDER);
        return list;
    }
}
