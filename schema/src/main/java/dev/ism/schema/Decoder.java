package dev.ism.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One pass over a body's tokens that builds what the API server's decoder (sigs.k8s.io/json, Go's
 * {@code encoding/json}) would keep, guided by the {@link SchemaCheck.Shape} of the schema:
 * <ul>
 *   <li>unknown fields of an object are dropped and reported as {@code unknown field "spec.foo"};</li>
 *   <li>a key given twice is reported as {@code duplicate field "tag"}; the last value wins, and two
 *       objects for one key are merged, as Go decodes both into the same struct or map;</li>
 *   <li>{@code null} means absent (a later {@code null} for a map, a list or a free-form object clears
 *       it, for anything else it changes nothing, as in Go);</li>
 *   <li>strings have unpaired surrogates (escaped lone halves of a pair) replaced by U+FFFD;</li>
 *   <li>nesting deeper than {@link #MAX_DEPTH} is refused.</li>
 * </ul>
 * Paths are written as kube prints them: names joined by {@code .}, list indexes as {@code [i]}. At most
 * {@link #MAX_STRICT_ERRORS} distinct problems are kept, as sigs.k8s.io/json does. The walk recurses
 * at most {@link #MAX_DEPTH} levels, so that a tree handed in by a caller cannot overflow the stack.
 */
final class Decoder {

    static final int MAX_DEPTH = 1000;
    static final int MAX_STRICT_ERRORS = 100;
    /**
     * Items kept of the lists the schema types (layers, manifests, signatures, their conditions...), all
     * lists of a body together: the rest are counted and skipped, and each list cut short is a 422
     * {@code Too many}. Validating an item costs tens of microseconds (networknt's findings), so a 3 MiB
     * body of empty manifests, or nested lists, would otherwise take minutes.
     */
    static final int MAX_ITEMS = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The most keys a set of {@link #seen()} may have held and still be cleared for the next object. */
    private static final int REUSED_SEEN_KEYS = 64;

    /** A body the decoder refuses: {@code message} in the Go decoder's words. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A list of the schema longer than {@link #MAX_ITEMS}: its field path and its real length. */
    record TooMany(String field, long items) {
    }

    /** The decoded root (any JSON value), the strict-decoding problems in document order, the lists cut short. */
    record Result(JsonNode root, List<String> problems, List<TooMany> tooMany) {
    }

    private final JsonParser parser;
    /** The current field path, rendered only for a problem ({@link #path()}): a key, or an {@code Integer} list index. */
    private final List<Object> path = new ArrayList<>();
    /** The keys seen of the object at each depth, reused from object to object (one set per depth, not per object). */
    private final List<Set<String>> seenAtDepth = new ArrayList<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private final List<TooMany> tooMany = new ArrayList<>();
    private int itemsLeft = MAX_ITEMS;
    private int depth;

    private Decoder(JsonParser parser) {
        this.parser = parser;
    }

    /** Reads one JSON value from {@code parser} (which must hold nothing after it). */
    static Result decode(JsonParser parser, SchemaCheck.Shape root) throws IOException, Refused {
        Decoder d = new Decoder(parser);
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new Refused("unexpected end of JSON input");
        }
        JsonNode node = d.value(first, root, null);
        if (parser.nextToken() != null) {
            throw new Refused("invalid character after top-level value");
        }
        return new Result(node, List.copyOf(d.problems), List.copyOf(d.tooMany));
    }

    private JsonNode value(JsonToken token, SchemaCheck.Shape shape, JsonNode existing) throws IOException, Refused {
        switch (token) {
            case START_OBJECT:
                enter();
                ObjectNode target = existing instanceof ObjectNode o && shape != SchemaCheck.Shape.FREE ? o : NODES.objectNode();
                object(shape, target);
                depth--;
                return target;
            case START_ARRAY:
                enter();
                ArrayNode array = NODES.arrayNode();
                SchemaCheck.Shape item = shape.items == null ? SchemaCheck.Shape.FREE : shape.items;
                long skipped = 0;
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    if (shape.items != null && itemsLeft-- <= 0) {
                        parser.skipChildren();
                        skipped++;
                        continue;
                    }
                    path.add(array.size());
                    array.add(value(t, item, null));
                    path.remove(path.size() - 1);
                }
                if (skipped > 0 && tooMany.size() < MAX_STRICT_ERRORS) {
                    tooMany.add(new TooMany(path(), array.size() + skipped));
                }
                depth--;
                return array;
            case VALUE_STRING:
                return NODES.textNode(Utf8.withoutLoneSurrogates(parser.getText()));
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                double d = parser.getDoubleValue();
                if (Double.isInfinite(d) || Double.isNaN(d)) {
                    throw new Refused("json: cannot unmarshal number " + parser.getText() + " into Go value of type float64");
                }
                return NODES.numberNode(d);
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT:
                // only from a caller's tree: binary as Jackson writes it (base64), anything else is no JSON
                if (parser.getEmbeddedObject() instanceof byte[] bytes) {
                    return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
                }
                throw new Refused("json: unsupported value in the object tree");
            default:
                throw new Refused("invalid character looking for beginning of value");
        }
    }

    /**
     * The fields of an object into {@code target}. With properties (a struct), unknown keys are dropped
     * and reported; with values (a map), every key is kept; otherwise (free-form) everything is kept.
     */
    private void object(SchemaCheck.Shape shape, ObjectNode target) throws IOException, Refused {
        boolean struct = shape.properties != null;
        boolean checked = struct || shape.values != null;
        Set<String> seen = checked ? seen() : null;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = Utf8.withoutLoneSurrogates(parser.currentName());
            JsonToken v = parser.nextToken();
            if (!checked) {
                path.add(key);
                target.set(key, value(v, SchemaCheck.Shape.FREE, null));
                path.remove(path.size() - 1);
                continue;
            }
            SchemaCheck.Shape child = struct ? shape.properties.get(key) : shape.values;
            path.add(key);
            if (child == null) {
                problem("unknown field");
                parser.skipChildren();
            } else {
                if (!seen.add(key)) {
                    problem("duplicate field");
                }
                if (v == JsonToken.VALUE_NULL) {
                    if (child == SchemaCheck.Shape.FREE || child.items != null || child.values != null) {
                        target.remove(key);
                    }
                } else {
                    target.set(key, value(v, child, target.get(key)));
                }
            }
            path.remove(path.size() - 1);
        }
    }

    /**
     * An empty set for the keys of the object at the current depth. A set that held many keys is replaced, not
     * cleared: clearing costs its capacity, which a body could make large once and then pay for at every object.
     */
    private Set<String> seen() {
        while (seenAtDepth.size() <= depth) {
            seenAtDepth.add(new HashSet<>());
        }
        Set<String> seen = seenAtDepth.get(depth);
        if (seen.size() > REUSED_SEEN_KEYS) {
            seen = new HashSet<>();
            seenAtDepth.set(depth, seen);
        } else {
            seen.clear();
        }
        return seen;
    }

    private void enter() throws Refused {
        if (++depth > MAX_DEPTH) {
            throw new Refused("exceeded max depth");
        }
    }

    private void problem(String what) {
        if (problems.size() < MAX_STRICT_ERRORS) {
            problems.add(what + " " + FieldErrors.render(NODES.textNode(path())));
        }
    }

    /** The current field path: {@code image.dockerImageLayers[1].foo}. */
    private String path() {
        StringBuilder b = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof String key) {
                b.append('.').append(key);
            } else {
                b.append('[').append(segment).append(']');
            }
        }
        return b.length() > 0 && b.charAt(0) == '.' ? b.substring(1) : b.toString();
    }
}
