package dev.ism.function.registry;

import java.time.Clock;
import java.time.Instant;

/** RFC 3339 timestamps in UTC with seconds precision, as {@code metav1.Time} serializes them. */
public final class Timestamps {

    /** A second and its text: a request writes one or two timestamps, almost always of a second already written. */
    private record Second(long epochSecond, String text) {
    }

    /** The last second written (shared by all threads: a {@link Second} is immutable, and a stale one is only a miss). */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private Timestamps() {
    }

    public static String now(Clock clock) {
        long second = Math.floorDiv(clock.millis(), 1000L);
        Second cached = last;
        if (cached.epochSecond() == second) {
            return cached.text();
        }
        // Instant's own text, cut to the second: the formatting is what a cache hit saves (about 0.7 us per request)
        String text = Instant.ofEpochSecond(second).toString();
        last = new Second(second, text);
        return text;
    }
}
