package dev.ism.function.registry;

import dev.ism.function.auth.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The timestamps' text is the clock's second, whatever second was written last (the text of a second is kept). */
class TimestampsTest {

    @Test
    void theClocksSecondInRfc3339() {
        assertEquals("2026-12-06T16:55:07Z", Timestamps.now(Clock.fixed(Instant.parse("2026-12-06T16:55:07.999Z"), ZoneOffset.UTC)));
        assertEquals("1969-12-31T23:59:59Z", Timestamps.now(Clock.fixed(Instant.parse("1969-12-31T23:59:59.500Z"), ZoneOffset.UTC)));
        assertEquals("1970-01-01T00:00:00Z", Timestamps.now(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
    }

    @Test
    void followsTheClockForwardAndBack() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T16:55:07.100Z"));
        assertEquals("2026-12-06T16:55:07Z", Timestamps.now(clock));
        clock.advance(Duration.ofMillis(899));
        assertEquals("2026-12-06T16:55:07Z", Timestamps.now(clock));
        clock.advance(Duration.ofMillis(1));
        assertEquals("2026-12-06T16:55:08Z", Timestamps.now(clock));
        clock.advance(Duration.ofDays(-400));
        assertEquals("2025-11-01T16:55:08Z", Timestamps.now(clock));
    }

    @Test
    void sameTextAsTheInstantCutToTheSecond() {
        for (long s = -3; s < 3; s++) {
            Instant t = Instant.parse("2024-02-29T23:59:59.250Z").plusSeconds(s * 86_399);
            assertEquals(t.truncatedTo(ChronoUnit.SECONDS).toString(), Timestamps.now(Clock.fixed(t, ZoneOffset.UTC)));
        }
    }
}
