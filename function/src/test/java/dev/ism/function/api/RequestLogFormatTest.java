package dev.ism.function.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The request log line's values, formatted without a regex or a Formatter per request, as those did. */
class RequestLogFormatTest {

    @Test
    void durationsAsFormatWroteThem() {
        for (long micros : new long[] {0, 49, 50, 99, 100, 1234, 1249, 1250, 999_949, 999_950, 123_456_789}) {
            assertEquals(String.format("%.1f", micros / 1000.0), RequestLog.millis(micros), "micros " + micros);
        }
    }

    @Test
    void printableAsTheRegexMadeIt() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(300);
            for (int j = 0; j < n; j++) {
                int kind = random.nextInt(4);
                b.append(kind == 0 ? (char) random.nextInt(0x21) : kind == 1 ? (char) (0x7E + random.nextInt(3))
                        : kind == 2 ? (char) random.nextInt(0x3000) : (char) ('a' + random.nextInt(26)));
            }
            String value = b.toString();
            String cut = value.length() > 256 ? value.substring(0, 256) + "..." : value;
            assertEquals(cut.replaceAll("[\\p{Cntrl}\\s]", "_"), RequestLog.printable(value), value);
        }
    }
}
