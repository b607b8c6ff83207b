package dev.ism.function.image;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A bound of the size of a JSON tree as Jackson writes it, found by a walk of the tree rather than by writing it: the
 * store's choice of how to keep an Image ({@code ItemCodec.keptAsString}), and a dry run's knowledge that an Image
 * fits without completing it ({@link ImageCompletion#jsonBound}).
 */
public final class JsonBound {

    private JsonBound() {
    }

    /**
     * At least as many bytes as Jackson writes for {@code node} in UTF-8: six per character of a name or a string (an
     * escape such as {@code \u001F} is six, a character four at most), numbers by their longest text (a decimal's
     * own), quotes, colons and commas counted, no less.
     */
    public static long of(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                long n = 2;
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    n += 4 + 6L * e.getKey().length() + of(e.getValue());
                }
                return n;
            }
            case ARRAY -> {
                long n = 2;
                for (JsonNode e : node) {
                    n += 1 + of(e);
                }
                return n;
            }
            case STRING -> {
                return 2 + 6L * node.textValue().length();
            }
            case NUMBER -> {
                return switch (node.numberType()) {
                    case INT, LONG -> 20;
                    case FLOAT, DOUBLE -> 32;
                    case BIG_INTEGER -> 2 + node.bigIntegerValue().bitLength() / 3; // log10(2) < 1/3
                    case BIG_DECIMAL -> 2 + node.decimalValue().toString().length();
                };
            }
            case BOOLEAN, NULL -> {
                return 5;
            }
            default -> {
                return Long.MAX_VALUE / 4; // binary, POJO: not in a decoded image; counted exactly
            }
        }
    }
}
