package dev.ism.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GoTime} against what Go's {@code time.Parse(time.RFC3339, s)} and {@code Format} do. */
class GoTimeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2026-01-02T03:04:05Z           | 2026-01-02T03:04:05Z",
        "2026-01-02T03:04:05.123+02:00  | 2026-01-02T01:04:05.123Z",
        "2026-01-02T03:04:05-00:30      | 2026-01-02T03:34:05Z",
        "2024-02-29T23:59:59Z           | 2024-02-29T23:59:59Z",
        "0000-02-29T00:00:00Z           | 0000-02-29T00:00:00Z",
        // what Go's layout parser (the fallback of its strict fast path) takes and java.time does not
        "2026-01-02T3:04:05Z            | 2026-01-02T03:04:05Z",
        "2026-01-02T03:04:05,5Z         | 2026-01-02T03:04:05.5Z",
        "2026-01-02T03:04:05.1234567891Z | 2026-01-02T03:04:05.123456789Z",
        "2026-01-02T00:00:00+24:00      | 2026-01-01T00:00:00Z",
        "2026-01-02T00:00:00-23:60      | 2026-01-03T00:00:00Z",
    })
    void acceptedAsGoReadsThem(String text, String instant) {
        assertEquals(Optional.of(Instant.parse(instant)), GoTime.parseRfc3339(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026-01-02", "2026-01-02T03:04Z", "2026-01-02 03:04:05Z", "2026-01-02t03:04:05Z", "2026-01-02T03:04:05z",
        "2026-01-02T03:04:05", "26-01-02T03:04:05Z", "2026-1-02T03:04:05Z", "2026-01-2T03:04:05Z", "2026-01-02T03:4:05Z",
        "2026-01-02T03:04:5Z", "2026-01-02T003:04:05Z", "+026-01-02T03:04:05Z", "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-01-02T24:00:00Z", "2026-01-02T23:60:00Z", "2026-12-31T23:59:60Z", "2026-01-02T03:04:05.Z",
        "2026-01-02T03:04:05.+01:00", "2026-01-02T03:04:05+25:00", "2026-01-02T03:04:05+01:61", "2026-01-02T03:04:05+0100",
        "2026-01-02T03:04:05+01", "2026-01-02T03:04:05*01:00", "2026-01-02T03:04:05ZZ", "2026-01-02T03:04:05+01:00Z",
        "2026-01-02T03:04:05Z ", " 2026-01-02T03:04:05Z", "2026-01-02T03:04:05UTC", "２０２６-01-02T03:04:05Z",
    })
    void refusedAsGoRefusesThem(String text) {
        assertFalse(GoTime.isRfc3339(text), text);
    }

    /** Wherever java.time's strict ISO parser reads an RFC 3339 form, Go reads the same instant. */
    @Test
    void agreesWithJavaTimeOnTheStrictForm() {
        Random random = new Random(3339);
        String[] fractions = {"", ".5", ".123456789", ".000"};
        String[] zones = {"Z", "+00:00", "-00:00", "+05:30", "-12:00", "+14:00", "+18:00"};
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = "%04d-%02d-%02dT%02d:%02d:%02d%s%s".formatted(random.nextInt(10_000), 1 + random.nextInt(13),
                    1 + random.nextInt(31), random.nextInt(25), random.nextInt(61), random.nextInt(61),
                    fractions[random.nextInt(fractions.length)], zones[random.nextInt(zones.length)]);
            Optional<Instant> java;
            try {
                java = Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                java = Optional.empty();
            }
            assertEquals(java, GoTime.parseRfc3339(text), text);
            accepted += java.isPresent() ? 1 : 0;
        }
        assertTrue(accepted > 5_000, "the sample holds valid times too: " + accepted);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "2026-01-02T03:04:05.999999999Z, 2026-01-02T03:04:05Z",
        "0001-01-01T00:00:00Z,           0001-01-01T00:00:00Z",
        "-0001-12-31T23:00:00Z,          -0001-12-31T23:00:00Z",
        "+10000-01-01T23:00:00Z,         10000-01-01T23:00:00Z",
    })
    void formatsAsGoFormatsUtc(String instant, String go) {
        assertEquals(go, GoTime.formatRfc3339Utc(Instant.parse(instant)));
    }

    @Test
    void extremeOffsetsReachPastYearsJavaCanWriteInFourDigits() {
        Instant late = GoTime.parseRfc3339("9999-12-31T23:00:00-24:00").orElseThrow();
        assertEquals("10000-01-01T23:00:00Z", GoTime.formatRfc3339Utc(late));
        Instant early = GoTime.parseRfc3339("0000-01-01T00:30:00+01:00").orElseThrow();
        assertEquals("-0001-12-31T23:30:00Z", GoTime.formatRfc3339Utc(early));
    }
}
