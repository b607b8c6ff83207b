package dev.ism.function.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lines of {@link ConsoleLogging#PATTERN} ({@code %d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n}) written
 * directly: the same text as logback's {@link PatternLayout} of that pattern ({@code LineLayoutTest} compares them),
 * without parsing the pattern into a chain of converters at start-up nor running that chain for every line. A line
 * with a throwable, whose stack trace logback's layout writes (its implicit {@code %ex}), is left to that layout,
 * built at the first such line.
 */
public final class LineLayout extends LayoutBase<ILoggingEvent> {

    /** {@code %logger{24}}. */
    static final int LOGGER_LENGTH = 24;

    private final ZoneId zone = ZoneId.systemDefault();
    private final Map<String, String> loggers = new ConcurrentHashMap<>();
    /** The current second's {@code HH:mm:ss.} (lines come in bursts within a second). */
    private volatile Second second = new Second(Long.MIN_VALUE, "");
    private volatile PatternLayout withThrowable;

    private record Second(long epochSecond, String text) {
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        if (event.getThrowableProxy() != null) {
            return withThrowable().doLayout(event);
        }
        String message = event.getFormattedMessage();
        long millis = event.getTimeStamp();
        long epochSecond = Math.floorDiv(millis, 1000);
        int ms = (int) Math.floorMod(millis, 1000);
        Second s = second;
        if (s.epochSecond() != epochSecond) {
            s = new Second(epochSecond, clock(epochSecond));
            second = s;
        }
        StringBuilder b = new StringBuilder(64 + (message == null ? 4 : message.length()));
        b.append(s.text());
        if (ms < 100) {
            b.append('0');
        }
        if (ms < 10) {
            b.append('0');
        }
        b.append(ms).append(' ');
        String level = event.getLevel().toString();
        b.append(level);
        for (int i = level.length(); i < 5; i++) {
            b.append(' ');
        }
        b.append(' ').append(logger(event.getLoggerName())).append(" - ").append(message).append(CoreConstants.LINE_SEPARATOR);
        return b.toString();
    }

    private String clock(long epochSecond) {
        LocalTime t = LocalTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
        char[] c = {digit(t.getHour() / 10), digit(t.getHour() % 10), ':', digit(t.getMinute() / 10),
                digit(t.getMinute() % 10), ':', digit(t.getSecond() / 10), digit(t.getSecond() % 10), '.'};
        return new String(c);
    }

    private static char digit(int d) {
        return (char) ('0' + d);
    }

    private String logger(String name) {
        if (name == null) {
            return "null";
        }
        String shortened = loggers.get(name);
        if (shortened == null) {
            shortened = abbreviate(name, LOGGER_LENGTH);
            if (loggers.size() < 4096) { // logger names are few; a bound all the same
                loggers.put(name, shortened);
            }
        }
        return shortened;
    }

    /**
     * A logger's name shortened towards {@code target} characters as logback's {@code %logger{n}} does: the last
     * segment whole, the segments before it cut to their first character from the left, until the name fits.
     */
    static String abbreviate(String name, int target) {
        int length = name.length();
        int lastDot = name.lastIndexOf('.');
        if (length < target || lastDot < 0) {
            return name;
        }
        int lastSegment = length - lastDot; // with its dot
        int leftTarget = Math.max(0, target - lastSegment);
        int mayTrim = (length - lastSegment) - leftTarget;
        StringBuilder b = new StringBuilder(length);
        int trimmed = 0;
        boolean afterDot = true;
        int i = 0;
        for (; i < lastDot; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (trimmed >= mayTrim) {
                    break;
                }
                b.append(c);
                afterDot = true;
            } else if (afterDot) {
                b.append(c);
                afterDot = false;
            } else {
                trimmed++;
            }
        }
        return b.append(name, i, length).toString();
    }

    private PatternLayout withThrowable() {
        PatternLayout layout = withThrowable;
        if (layout == null) {
            synchronized (this) {
                layout = withThrowable;
                if (layout == null) {
                    layout = new PatternLayout();
                    layout.setContext(getContext());
                    layout.setPattern(ConsoleLogging.PATTERN);
                    layout.start();
                    withThrowable = layout;
                }
            }
        }
        return layout;
    }
}
