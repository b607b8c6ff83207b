package dev.ism.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link Utf8#repaired} reads ASCII by words as it reads it by bytes: the same answer at every length and offset. */
class Utf8Test {

    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    @Test
    void wellFormedBytesAreTheSameArray() {
        byte[] ascii = "{\"metadata\":{\"name\":\"ruby\"}}".getBytes(StandardCharsets.UTF_8);
        assertSame(ascii, Utf8.repaired(ascii));
        byte[] mixed = "abcdefgh\u00e9ijklmnop\u4e2d\uD83D\uDE00qrstuvwx".getBytes(StandardCharsets.UTF_8);
        assertSame(mixed, Utf8.repaired(mixed));
    }

    @Test
    void eachBadByteBecomesOneReplacement() {
        byte[] bad = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', (byte) 0xC0, (byte) 0x80, 'i'};
        byte[] expected = concat("abcdefgh".getBytes(StandardCharsets.UTF_8), REPLACEMENT, REPLACEMENT, new byte[] {'i'});
        assertArrayEquals(expected, Utf8.repaired(bad));
    }

    @Test
    void wordsAndBytesAgree() {
        Random random = new Random(20261206);
        for (int round = 0; round < 50_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                // mostly ASCII, with runs long enough for words, and now and then any byte
                bytes[i] = random.nextInt(10) == 0 ? (byte) random.nextInt(256) : (byte) ('a' + random.nextInt(26));
            }
            byte[] byBytes = Utf8.repaired(bytes, false);
            byte[] byWords = Utf8.repaired(bytes, true);
            assertArrayEquals(byBytes, byWords);
            assertEquals(byBytes == bytes, byWords == bytes);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
