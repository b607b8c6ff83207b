package dev.ism.function.image;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

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
import java.util.function.Function;

/**
 * A Go struct filled from JSON the way Go's {@code encoding/json} fills it, so that the records of this package
 * decode a manifest or config exactly when the API server's {@code json.Unmarshal} does.
 *
 * <p>A record's reader ({@code Manifest::read}, say) asks a {@code GoStruct} for its fields by name and kind
 * ({@link #string}, {@link #int64}, ...). {@link #type} runs the reader once on a struct that records what it asks
 * for: that is the struct's type. {@link Type#decode} then reads the JSON in one pass of its tokens, each key
 * looked up in the type and its value decoded as Go decodes one into a field of that kind, and gives the reader the
 * values. So a reader must ask for the same fields whatever their values.
 * <ul>
 *   <li>A key names the field of that name, or else the field whose name it equals without regard to case (Go's
 *       rule); a key of no field is skipped. A key given twice is decoded twice: a later value replaces an earlier
 *       one, a later object is decoded into the struct or map an earlier one filled (Go merges them).</li>
 *   <li>A missing field, list element or map value is the Go zero value ({@code ""}, 0, false, empty,
 *       {@link GoTime#ZERO}, a struct of zero values). {@code null} sets a list, a map or a pointer to a struct
 *       ({@link #struct}) to nil and leaves a string, a number, a bool, a time or a struct held by value as it
 *       was.</li>
 *   <li>A value of the wrong JSON type (a string for an {@code int64}, 1.5 for an {@code int64}, a time that is
 *       not RFC 3339 as Go parses it) fails the whole decoding, as {@code Unmarshal} returns an error:
 *       {@link Type#decode} is then empty.</li>
 * </ul>
 * Not emulated: Go's {@code time.Time} reads the JSON string without unescaping it, so a {@code \}-escape inside
 * a time fails in Go and is read here.
 */
final class GoStruct {

    private static final JsonFactory JSON = new JsonFactory();

    private enum Kind {
        STRING, INT64, BOOL, TIME, STRINGS, SET, STRING_MAP,
        /** A pointer to a struct: {@code null} makes it nil. */
        STRUCT,
        /** A struct held by value: {@code null} changes nothing. */
        STRUCT_OR_EMPTY,
        STRUCTS;

        /** A struct, or a list of them: a field with fields of its own. */
        boolean nested() {
            return this == STRUCT || this == STRUCT_OR_EMPTY || this == STRUCTS;
        }

        /** What {@code null} sets to nil: the rest it leaves as they were. */
        boolean nilable() {
            return this == STRINGS || this == SET || this == STRING_MAP || this == STRUCT || this == STRUCTS;
        }
    }

    /** A field of a struct type: its name, its place among the struct's values, its kind, and for a struct its fields. */
    private record Field(String name, int index, Kind kind, Fields struct) {
    }

    /**
     * The fields of a struct type, by name and by folded name ({@link #fold}), and in the order its reader reads them.
     * Not modified once recorded.
     */
    private static final class Fields {
        private final Map<String, Field> byName = new HashMap<>();
        private final Map<String, Field> byFold = new HashMap<>();
        private final List<Field> reads = new ArrayList<>();

        /** Records that the reader reads {@code name} as {@code kind}. */
        Field add(String name, Kind kind) {
            Field field = byName.get(name);
            if (field == null) {
                field = new Field(name, byName.size(), kind, kind.nested() ? new Fields() : null);
                if (byFold.put(fold(name), field) != null) {
                    throw new IllegalStateException("two fields match " + name + " without regard to case");
                }
                byName.put(name, field);
            } else if (field.kind() != kind) {
                throw new IllegalStateException("field " + name + " read as " + field.kind() + " and as " + kind);
            }
            reads.add(field);
            return field;
        }

        /** The field a key fills, as Go finds it: the one of that name, else the one it equals ignoring case. */
        Field of(String key) {
            Field field = byName.get(key);
            return field != null ? field : byFold.get(fold(key));
        }

        Object[] zero() {
            return new Object[byName.size()];
        }
    }

    /** A struct type made from its reader ({@link #type}): decodes JSON into what the reader makes of it. */
    static final class Type<T> {
        private final Fields fields;
        private final Function<GoStruct, T> reader;

        private Type(Fields fields, Function<GoStruct, T> reader) {
            this.fields = fields;
            this.reader = reader;
        }

        /** {@code raw} decoded; empty when it is not one JSON object or a value has the wrong type. */
        Optional<T> decode(String raw) {
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            // from UTF-8 bytes: Jackson's byte parser reads this faster than its parser of chars (measured in situ)
            try (JsonParser parser = JSON.createParser(raw.getBytes(StandardCharsets.UTF_8))) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return Optional.empty();
                }
                Decoding decoding = new Decoding(parser);
                Object[] values = fields.zero();
                decoding.object(fields, values);
                if (parser.nextToken() != null || decoding.failed) {
                    return Optional.empty();
                }
                return Optional.of(reader.apply(new GoStruct(fields, values)));
            } catch (IOException e) { // JsonParseException: reading bytes in memory throws nothing else
                return Optional.empty();
            }
        }
    }

    /** One decoding's parser and its verdict. */
    private static final class Decoding {
        private final JsonParser parser;
        private boolean failed;

        Decoding(JsonParser parser) {
            this.parser = parser;
        }

        /** The keys of the object whose start the parser is on, into {@code values}. */
        void object(Fields fields, Object[] values) throws IOException {
            for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                Field field = fields.of(key);
                JsonToken token = parser.nextToken();
                if (field == null) {
                    parser.skipChildren();
                } else {
                    values[field.index()] = value(field, token, values[field.index()]);
                }
            }
        }

        /** The field's new value for the JSON value whose first token is {@code token}; {@code old}, its value so far. */
        private Object value(Field field, JsonToken token, Object old) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return field.kind().nilable() ? null : old;
            }
            switch (field.kind()) {
                case STRING:
                    if (token == JsonToken.VALUE_STRING) {
                        return parser.getText();
                    }
                    break;
                case INT64:
                    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        return parser.getLongValue();
                    }
                    break;
                case BOOL:
                    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                        return token == JsonToken.VALUE_TRUE;
                    }
                    break;
                case TIME:
                    if (token == JsonToken.VALUE_STRING) {
                        Optional<Instant> time = GoTime.parseRfc3339(parser.getText());
                        if (time.isPresent()) {
                            return time.get();
                        }
                    }
                    break;
                case STRINGS:
                    if (token == JsonToken.START_ARRAY) {
                        List<String> list = new ArrayList<>();
                        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                            list.add(t == JsonToken.VALUE_STRING ? parser.getText() : t == JsonToken.VALUE_NULL ? "" : mismatch(""));
                        }
                        return list;
                    }
                    break;
                case SET:
                case STRING_MAP:
                    if (token == JsonToken.START_OBJECT) {
                        return map(field.kind(), old);
                    }
                    break;
                case STRUCT:
                case STRUCT_OR_EMPTY:
                    if (token == JsonToken.START_OBJECT) {
                        Object[] values = old != null ? (Object[]) old : field.struct().zero();
                        object(field.struct(), values);
                        return values;
                    }
                    break;
                case STRUCTS:
                    if (token == JsonToken.START_ARRAY) {
                        List<Object[]> list = new ArrayList<>();
                        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                            Object[] values = field.struct().zero();
                            if (t == JsonToken.START_OBJECT) {
                                object(field.struct(), values);
                            } else if (t != JsonToken.VALUE_NULL) {
                                mismatch(null);
                            }
                            list.add(values);
                        }
                        return list;
                    }
                    break;
            }
            return mismatch(old);
        }

        /**
         * A {@code map[string]struct{}} ({@link Kind#SET}: a set of its keys) or a {@code map[string]string}, with
         * the keys of the object the parser is in added to the one an earlier value made, as in Go.
         */
        @SuppressWarnings("unchecked")
        private Object map(Kind kind, Object old) throws IOException {
            Set<String> set = kind == Kind.SET ? old != null ? (Set<String>) old : new LinkedHashSet<>() : null;
            Map<String, String> map = kind == Kind.STRING_MAP ? old != null ? (Map<String, String>) old : new LinkedHashMap<>() : null;
            for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                JsonToken t = parser.nextToken();
                if (set != null) {
                    if (t == JsonToken.START_OBJECT || t == JsonToken.VALUE_NULL) {
                        parser.skipChildren(); // struct{} has no fields: every key of the object is skipped
                        set.add(key);
                    } else {
                        mismatch(null);
                    }
                } else {
                    map.put(key, t == JsonToken.VALUE_STRING ? parser.getText() : t == JsonToken.VALUE_NULL ? "" : mismatch(""));
                }
            }
            return set != null ? set : map;
        }

        /** A value of the wrong type: the decoding fails, the value (all of it) is skipped, {@code kept} stays. */
        private <V> V mismatch(V kept) throws IOException {
            failed = true;
            parser.skipChildren();
            return kept;
        }
    }

    /** The struct type {@code reader} reads: what it asks for of a struct, each field by name and kind. */
    static <T> Type<T> type(Function<GoStruct, T> reader) {
        Fields fields = new Fields();
        reader.apply(new GoStruct(fields, null));
        return new Type<>(fields, reader);
    }

    private final Fields fields;
    /** The decoded values by {@link Field#index}; null while the type is recorded ({@link #type}). */
    private final Object[] values;
    /** How many fields the reader has read of this struct: the place in {@link Fields#reads} of the next. */
    private int read;

    private GoStruct(Fields fields, Object[] values) {
        this.fields = fields;
        this.values = values;
    }

    String string(String name) {
        Object v = value(name, Kind.STRING);
        return v == null ? "" : (String) v;
    }

    long int64(String name) {
        Object v = value(name, Kind.INT64);
        return v == null ? 0 : (Long) v;
    }

    boolean bool(String name) {
        return value(name, Kind.BOOL) == Boolean.TRUE;
    }

    /** A {@code time.Time}: {@link GoTime#ZERO} when missing or null. */
    Instant time(String name) {
        Object v = value(name, Kind.TIME);
        return v == null ? GoTime.ZERO : (Instant) v;
    }

    /** A {@code []string}: a null element is {@code ""}. */
    @SuppressWarnings("unchecked")
    List<String> strings(String name) {
        Object v = value(name, Kind.STRINGS);
        return v == null ? List.of() : Collections.unmodifiableList((List<String>) v);
    }

    /** A {@code map[string]struct{}}: its keys, each value null or an object. */
    @SuppressWarnings("unchecked")
    Set<String> set(String name) {
        Object v = value(name, Kind.SET);
        return v == null ? Set.of() : Collections.unmodifiableSet((Set<String>) v);
    }

    /** A {@code map[string]string}: a null value is {@code ""}. */
    @SuppressWarnings("unchecked")
    Map<String, String> stringMap(String name) {
        Object v = value(name, Kind.STRING_MAP);
        return v == null ? Map.of() : Collections.unmodifiableMap((Map<String, String>) v);
    }

    /** A pointer to a struct: null when missing or null (never while the type is recorded). */
    GoStruct struct(String name) {
        return nested(name, Kind.STRUCT, false);
    }

    /** A struct held by value: all zero values when missing or null. */
    GoStruct structOrEmpty(String name) {
        return nested(name, Kind.STRUCT_OR_EMPTY, true);
    }

    /** A slice of structs, each read by {@code element}: a null element is a struct of zero values. */
    @SuppressWarnings("unchecked")
    <T> List<T> structs(String name, Function<GoStruct, T> element) {
        if (values == null) {
            element.apply(new GoStruct(fields.add(name, Kind.STRUCTS).struct(), null));
            return List.of();
        }
        Field field = field(name, Kind.STRUCTS);
        List<Object[]> list = (List<Object[]>) values[field.index()];
        if (list == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(list.size());
        for (Object[] item : list) {
            out.add(element.apply(new GoStruct(field.struct(), item)));
        }
        return Collections.unmodifiableList(out);
    }

    private GoStruct nested(String name, Kind kind, boolean orEmpty) {
        if (values == null) {
            return new GoStruct(fields.add(name, kind).struct(), null);
        }
        Field field = field(name, kind);
        Object[] nested = (Object[]) values[field.index()];
        return nested != null ? new GoStruct(field.struct(), nested) : orEmpty ? new GoStruct(field.struct(), field.struct().zero()) : null;
    }

    /** The field's decoded value (null when missing), or while the type is recorded, null once recorded. */
    private Object value(String name, Kind kind) {
        if (values == null) {
            fields.add(name, kind);
            return null;
        }
        return values[field(name, kind).index()];
    }

    /**
     * The field the reader reads now: the next one it read while the type was recorded, found without a lookup when
     * it is (the same name constant: compared by identity, else looked up by name).
     */
    @SuppressWarnings("StringEquality")
    private Field field(String name, Kind kind) {
        if (read < fields.reads.size()) {
            Field next = fields.reads.get(read++);
            if (next.name() == name && next.kind() == kind) {
                return next;
            }
        }
        Field field = fields.byName.get(name);
        if (field == null || field.kind() != kind) {
            throw new IllegalStateException("field " + name + " (" + kind + ") was not read when the type was recorded:"
                    + " a reader must read the same fields whatever their values");
        }
        return field;
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
}
