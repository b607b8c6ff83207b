package dev.ism.contracts.consumer;

import au.com.dius.pact.consumer.dsl.PactDslJsonArray;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies of the pacts, built from the spec's example files (copied under
 * {@code src/test/resources/examples/}) so that the example a provider replays is exactly what the
 * real caller sends, while the matching rules say what may vary.
 *
 * <p>{@link #typeMatched} turns an example into a {@link PactDslJsonBody}: the paths listed as pinned
 * match by equality; a digest ({@code sha256:<64 hex>}) or a by-digest reference matches a regex;
 * every other leaf matches by type. Paths are written {@code $.a.b}; {@code $.a.*} pins every direct
 * child of {@code $.a}; array items are {@code $.a[]}.
 */
final class ExampleBodies {

    static final String DIGEST_REGEX = "sha256:[0-9a-f]{64}";
    static final String DIGEST_REFERENCE_REGEX = "[^@\\s]+@sha256:[0-9a-f]{64}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExampleBodies() {
    }

    /** A spec example from {@code /examples/<name>} on the test classpath; a fresh copy every call. */
    static ObjectNode load(String name) {
        try (InputStream in = ExampleBodies.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /examples/" + name);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PactDslJsonBody typeMatched(ObjectNode example, Set<String> pinned) {
        PactDslJsonBody body = new PactDslJsonBody();
        fillObject(body, example, "$", pinned);
        return body;
    }

    private static boolean isPinned(String path, String parent, Set<String> pinned) {
        return pinned.contains(path) || pinned.contains(parent + ".*");
    }

    private static void fillObject(PactDslJsonBody body, JsonNode node, String path, Set<String> pinned) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String childPath = path + "." + name;
            boolean pin = isPinned(childPath, path, pinned);
            switch (value.getNodeType()) {
                case OBJECT -> {
                    PactDslJsonBody child = body.object(name);
                    fillObject(child, value, childPath, pinned);
                    child.closeObject();
                }
                case ARRAY -> {
                    PactDslJsonArray child = body.array(name);
                    fillArray(child, value, childPath + "[]", pinned);
                    child.closeArray();
                }
                case STRING -> {
                    String s = value.textValue();
                    if (pin) {
                        body.stringValue(name, s);
                    } else if (s.matches(DIGEST_REGEX)) {
                        body.stringMatcher(name, DIGEST_REGEX, s);
                    } else if (s.matches(DIGEST_REFERENCE_REGEX)) {
                        body.stringMatcher(name, DIGEST_REFERENCE_REGEX, s);
                    } else {
                        body.stringType(name, s);
                    }
                }
                case NUMBER -> {
                    if (pin) {
                        body.numberValue(name, value.numberValue());
                    } else if (value.isIntegralNumber()) {
                        body.integerType(name, Long.valueOf(value.longValue()));
                    } else {
                        body.decimalType(name, value.decimalValue());
                    }
                }
                case BOOLEAN -> {
                    if (pin) {
                        body.booleanValue(name, value.booleanValue());
                    } else {
                        body.booleanType(name, value.booleanValue());
                    }
                }
                case NULL -> body.nullValue(name);
                default -> throw new IllegalArgumentException("unsupported JSON node at " + childPath);
            }
        }
    }

    private static void fillArray(PactDslJsonArray array, JsonNode node, String itemPath, Set<String> pinned) {
        boolean pin = pinned.contains(itemPath);
        for (JsonNode value : node) {
            switch (value.getNodeType()) {
                case OBJECT -> {
                    PactDslJsonBody child = array.object();
                    fillObject(child, value, itemPath, pinned);
                    child.closeObject();
                }
                case ARRAY -> {
                    PactDslJsonArray child = array.array();
                    fillArray(child, value, itemPath + "[]", pinned);
                    child.closeArray();
                }
                case STRING -> {
                    String s = value.textValue();
                    if (pin) {
                        array.stringValue(s);
                    } else if (s.matches(DIGEST_REGEX)) {
                        array.stringMatcher(DIGEST_REGEX, s);
                    } else {
                        array.stringType(s);
                    }
                }
                case NUMBER -> {
                    if (pin) {
                        array.numberValue(value.numberValue());
                    } else if (value.isIntegralNumber()) {
                        array.integerType(value.longValue());
                    } else {
                        array.decimalType(value.decimalValue());
                    }
                }
                case BOOLEAN -> {
                    if (pin) {
                        array.booleanValue(value.booleanValue());
                    } else {
                        array.booleanType(value.booleanValue());
                    }
                }
                case NULL -> array.nullValue();
                default -> throw new IllegalArgumentException("unsupported JSON node at " + itemPath);
            }
        }
    }
}
