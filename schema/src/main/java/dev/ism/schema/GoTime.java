package dev.ism.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * RFC 3339 times as Go reads and writes them: the project's one reading of a timestamp, so that the
 * validator (a {@code metav1.Time} such as {@code metadata.creationTimestamp} or
 * {@code dockerImageMetadata.Created}) and the image completion (an image config's {@code created},
 * a {@code time.Time}) accept the same strings the API server does.
 *
 * <p>Both Go types end in {@code time.Parse(time.RFC3339, s)} ({@code metav1.Time} calls it;
 * {@code time.Time}'s JSON decoding calls the same parser, as its strict checks are switched off,
 * golang/go#54580), which is more lenient than RFC 3339 and than {@code java.time}: its fast path
 * takes the strict form, and its general layout parser also takes a one-digit hour, a ',' before the
 * fraction, any number of fraction digits (the first nine count, the rest are ignored) and zone
 * offsets up to {@code ±24:60}. Both paths want a four-digit year, two-digit month, day, minute and
 * second, days that exist in their month, hours up to 23, no leap second, and an upper-case {@code T}
 * and {@code Z}.
 */
public final class GoTime {

    /** Go's zero {@code time.Time}, which {@code metav1.Time} writes as JSON null. */
    public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private GoTime() {
    }

    /** Whether Go's {@code time.Parse(time.RFC3339, s)} accepts {@code s}. */
    public static boolean isRfc3339(String s) {
        return parseRfc3339(s).isPresent();
    }

    /** The instant {@code time.Parse(time.RFC3339, s)} reads from {@code s}; empty where Go returns an error. */
    public static Optional<Instant> parseRfc3339(String s) {
        Cursor c = new Cursor(s);
        int year = c.digits(4);
        c.expect('-');
        int month = c.digits(2);
        c.expect('-');
        int day = c.digits(2);
        c.expect('T');
        int hour = c.digits(c.isDigitAt(1) ? 2 : 1); // Go's layout parser takes "15" as one or two digits
        c.expect(':');
        int minute = c.digits(2);
        c.expect(':');
        int second = c.digits(2);
        int nano = c.fraction();
        int offset = c.zone();
        if (!c.atEnd() || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400
                + hour * 3_600L + minute * 60L + second - offset;
        return Optional.of(Instant.ofEpochSecond(epochSecond, nano));
    }

    /**
     * {@code t.UTC().Format(time.RFC3339)}: whole seconds (a fraction is cut, not rounded), the year
     * at least four digits wide and signed when negative, as Go writes it.
     */
    public static String formatRfc3339Utc(Instant t) {
        LocalDateTime u = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = u.getYear();
        return (year < 0 ? "-" : "") + pad(Math.abs(year), 4) + '-' + pad(u.getMonthValue(), 2) + '-' + pad(u.getDayOfMonth(), 2)
                + 'T' + pad(u.getHour(), 2) + ':' + pad(u.getMinute(), 2) + ':' + pad(u.getSecond(), 2) + 'Z';
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static int daysIn(int year, int month) {
        return Month.of(month).length(Year.isLeap(year)); // as LocalDate's lengthOfMonth, without a LocalDate per parse
    }

    /**
     * A left-to-right reader that turns {@code failed} on at the first mismatch and from then on
     * returns zeros, so the parse above reads as the layout it checks.
     */
    private static final class Cursor {
        private final String s;
        private int i;
        private boolean failed;

        Cursor(String s) {
            this.s = s;
        }

        boolean isDigitAt(int ahead) {
            return i + ahead < s.length() && isDigit(s.charAt(i + ahead));
        }

        int digits(int count) {
            if (failed || i + count > s.length()) {
                failed = true;
                return 0;
            }
            int value = 0;
            for (int end = i + count; i < end; i++) {
                char ch = s.charAt(i);
                if (!isDigit(ch)) {
                    failed = true;
                    return 0;
                }
                value = value * 10 + (ch - '0');
            }
            return value;
        }

        void expect(char ch) {
            if (failed || i >= s.length() || s.charAt(i) != ch) {
                failed = true;
            } else {
                i++;
            }
        }

        /** An optional fraction of a second, '.' or ',' then digits: its nanoseconds, the tenth digit on ignored. */
        int fraction() {
            if (failed || i + 1 >= s.length() || s.charAt(i) != '.' && s.charAt(i) != ',' || !isDigit(s.charAt(i + 1))) {
                return 0;
            }
            i++;
            int nano = 0;
            int scale = 100_000_000;
            for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                nano += (s.charAt(i) - '0') * scale;
                scale /= 10;
            }
            return nano;
        }

        /** {@code Z} or {@code ±hh:mm} (up to 24 hours and 60 minutes, as Go's layout parser allows): the offset in seconds. */
        int zone() {
            if (failed || i >= s.length()) {
                failed = true;
                return 0;
            }
            char sign = s.charAt(i++);
            if (sign == 'Z') {
                return 0;
            }
            int hours = digits(2);
            expect(':');
            int minutes = digits(2);
            if (sign != '+' && sign != '-' || hours > 24 || minutes > 60) {
                failed = true;
                return 0;
            }
            return (sign == '-' ? -1 : 1) * (hours * 3_600 + minutes * 60);
        }

        boolean atEnd() {
            return !failed && i == s.length();
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
