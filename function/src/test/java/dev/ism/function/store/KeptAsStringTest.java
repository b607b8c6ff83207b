package dev.ism.function.store;

import dev.ism.function.image.JsonBound;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.registry.storage.KeyLimits;
import dev.ism.schema.Utf8;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ItemCodec#keptAsString}, which a dry run asks instead of building the image's item, says what
 * {@link ItemCodec#encodeObject} does: a String of JSON, or gzip'ed bytes.
 */
class KeptAsStringTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void aStringOfJsonAlwaysFitsInAnItem() {
        // why a dry run needs no item to know that such an image fits: the largest key and the largest String
        long largestKey = "images/".length() + KeyLimits.IMAGE_NAME_BYTES + 64;
        assertTrue(largestKey + ItemCodec.OBJ.length() + ItemCodec.COMPRESS_OVER < ItemSizes.MAX_ITEM_BYTES);
    }

    @Test
    void theRegistrysImagesAsEncoded() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (String body : new String[] {"ism-registry-push-schema2.json"}) {
            try (InputStream in = KeptAsStringTest.class.getResourceAsStream("/manifests/" + body)) {
                ObjectNode image = (ObjectNode) mapper.readTree(in).get("image");
                assertAgrees(image);
                assertTrue(ItemCodec.keptAsString(image), body);
            }
        }
    }

    @Test
    void atTheBoundaryAsEncoded() {
        // {"a":"..."}: 8 bytes around the value; 'x' one byte, 'é' two, '€' three, an emoji four
        for (String unit : new String[] {"x", "é", "€", "\uD83D\uDE00", "\n", "\""}) {
            for (int extra = -8; extra <= 8; extra++) {
                String value = unit.repeat(Math.max(0, (ItemCodec.COMPRESS_OVER - 8) / utf8Escaped(unit) + extra));
                ObjectNode o = NODES.objectNode().put("a", value);
                assertAgrees(o);
            }
        }
        ObjectNode exact = NODES.objectNode().put("a", "x".repeat(ItemCodec.COMPRESS_OVER - 8));
        assertTrue(ItemCodec.keptAsString(exact));
        assertFalse(ItemCodec.keptAsString(NODES.objectNode().put("a", "x".repeat(ItemCodec.COMPRESS_OVER - 7))));
    }

    @Test
    void theBoundHoldsForTheLongestTexts() {
        ObjectNode o = NODES.objectNode();
        o.put("\u0001\u001F", "\u0000\u0007\u001E\u007F\"\\\uD83D\uDE00\uFFFF");
        o.put("long", Long.MIN_VALUE).put("int", Integer.MIN_VALUE).put("double", -Double.MIN_VALUE).put("max", -Double.MAX_VALUE);
        o.put("float", -Float.MIN_VALUE).put("big", new BigInteger("-" + "9".repeat(400)));
        o.put("decimal", new BigDecimal("-1.000000000000000000001E-1000")).put("plain", new BigDecimal("-0.000000123"));
        o.putArray("array").add(true).add(false).addNull().add(NODES.objectNode()).add(NODES.arrayNode());
        assertAgrees(o);
    }

    @Test
    void randomObjectsAsEncoded() {
        Random random = new Random(17);
        for (int i = 0; i < 400; i++) {
            ObjectNode o = NODES.objectNode();
            int budget = random.nextInt(3) == 0 ? 40_000 : 2_000;
            fill(o, random, budget, 0);
            assertAgrees(o);
        }
    }

    @Test
    void unpairedSurrogatesNeverPassForAStringOfJson() {
        // The decoder replaces them, so they do not reach an image; were one there, the answer is the item's or false
        for (int n = 1; n < 3; n++) {
            for (String half : new String[] {"\uD800", "\uDFFF", "\uDC00\uD800"}) {
                for (int size : new int[] {10, ItemCodec.COMPRESS_OVER - 20, ItemCodec.COMPRESS_OVER - 8 - 3 * n, ItemCodec.COMPRESS_OVER}) {
                    ObjectNode o = NODES.objectNode().put("a", half.repeat(n) + "x".repeat(Math.max(0, size - 8 - 3 * n)));
                    boolean plain = ItemCodec.encodeObject(o).containsKey(ItemCodec.OBJ);
                    assertTrue(plain || !ItemCodec.keptAsString(o), "gzip'ed, yet taken for a String: " + size);
                }
            }
        }
    }

    private static void assertAgrees(ObjectNode o) {
        boolean plain = ItemCodec.encodeObject(o).containsKey(ItemCodec.OBJ);
        assertEquals(plain, ItemCodec.keptAsString(o), () -> "JSON of " + o.toString().length() + " chars");
        long bytes = Utf8.length(o.toString());
        assertTrue(JsonBound.of(o) >= bytes, () -> "bound " + JsonBound.of(o) + " under " + bytes);
    }

    private static int utf8Escaped(String unit) {
        return switch (unit) {
            case "x" -> 1;
            case "é" -> 2;
            case "€" -> 3;
            case "\n", "\"" -> 2;
            default -> 4;
        };
    }

    private static int fill(ObjectNode o, Random random, int budget, int depth) {
        int used = 0;
        while (used < budget) {
            String key = text(random, 1 + random.nextInt(12));
            int kind = depth > 4 ? random.nextInt(6) : random.nextInt(8);
            JsonNode value = switch (kind) {
                case 0 -> NODES.textNode(text(random, random.nextInt(Math.max(1, budget / 4))));
                case 1 -> NODES.numberNode(random.nextLong());
                case 2 -> NODES.numberNode(new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(20) - 10));
                case 3 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 4 -> NODES.booleanNode(random.nextBoolean());
                case 5 -> NODES.nullNode();
                case 6 -> {
                    ObjectNode child = NODES.objectNode();
                    used += fill(child, random, budget / 3, depth + 1);
                    yield child;
                }
                default -> {
                    ArrayNode array = NODES.arrayNode();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        array.add(text(random, random.nextInt(30)));
                    }
                    yield array;
                }
            };
            o.set(key, value);
            used += key.length() + 8 + (value.isTextual() ? value.textValue().length() : 10);
        }
        return used;
    }

    /** Text of every kind JSON escapes or encodes differently: ASCII, controls, quotes, two-, three- and four-byte. */
    private static String text(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(7)) {
                case 0 -> b.append((char) random.nextInt(0x20));
                case 1 -> b.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> b.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> b.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
                case 4 -> b.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
                case 5 -> b.append((char) (0x7F + random.nextInt(2)));
                default -> b.append((char) ('a' + random.nextInt(26)));
            }
        }
        return b.toString();
    }
}
