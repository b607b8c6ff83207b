package dev.ism.function.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps in UTC with seconds precision, as {@code metav1.Time} serializes them. */
public final class Timestamps {
    private Timestamps() {
    }

    public static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
