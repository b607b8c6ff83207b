package dev.ism.function.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The sort keys of tag events: ASCII digits whatever the default locale, ordered as their sequence numbers. */
class KeyLayoutTest {

    @Test
    void eventKeysHoldTheirSequenceInNineteenAsciiDigits() {
        assertEquals(KeyLayout.TAG_SK_PREFIX + "latest/0000000000000000001", KeyLayout.eventSk("latest", 1));
        assertEquals("0000000000000000000", KeyLayout.zeroPadded(0));
        assertEquals(String.valueOf(Long.MAX_VALUE), KeyLayout.zeroPadded(Long.MAX_VALUE));
        assertTrue(KeyLayout.eventSk("t", 9).compareTo(KeyLayout.eventSk("t", 10)) < 0, "keys sort as their numbers");
        assertEquals("t", KeyLayout.tagOf(KeyLayout.eventSk("t", 42)));
    }

    /** String.format("%019d") wrote a Thai locale's digits into the key. */
    @Test
    void theDefaultLocaleDoesNotChangeAKey() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
            assertEquals(KeyLayout.TAG_SK_PREFIX + "latest/0000000000000000007", KeyLayout.eventSk("latest", 7));
        } finally {
            Locale.setDefault(before);
        }
    }
}
