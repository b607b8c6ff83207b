package dev.ism.function.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LineLayout} writes what logback's pattern layout of {@link ConsoleLogging#PATTERN} writes, line for line. */
class LineLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final PatternLayout logback = new PatternLayout();
    private final LineLayout ours = new LineLayout();

    LineLayoutTest() {
        logback.setContext(context);
        logback.setPattern(ConsoleLogging.PATTERN);
        logback.start();
        ours.setContext(context);
        ours.start();
    }

    @Test
    void theRequestLineAsLogbackWritesIt() {
        LoggingEvent e = event("dev.ism.function.requests", Level.INFO, 1_765_000_000_123L,
                "request_id={} status={} duration_ms={}", null, "abc", 201, "3.4");
        String line = ours.doLayout(e);
        assertEquals(logback.doLayout(e), line);
        assertTrue(line.contains(" INFO  d.ism.function.requests - request_id=abc status=201 duration_ms=3.4"), line);
    }

    @Test
    void loggerNamesShortenedAsLogbackDoes() {
        List<String> names = new ArrayList<>(List.of("", ".", "..", "a", "a.b", "requests", ".leading", "trailing.",
                "a..b", "dev.ism.function.requests", "io.micronaut.context.env.DefaultEnvironment",
                "software.amazon.awssdk.services.dynamodb.DynamoDbClient", "exactly.twenty.four.ch", "exactly.twenty.four.cha",
                "exactly.twenty.four.char", "exactly.twenty.four.chars", "x.averyveryveryverylongsegmentname",
                "com.amazonaws.services.dynamodbv2.local", "ünïcödé.späcé.nämes.übersetzung"));
        Random random = new Random(5);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                b.append(random.nextInt(4) == 0 ? '.' : (char) ('a' + random.nextInt(26)));
            }
            names.add(b.toString());
        }
        for (String name : names) {
            for (int target : new int[] {0, 1, 5, LineLayout.LOGGER_LENGTH, 40}) {
                assertEquals(new TargetLengthBasedClassNameAbbreviator(target).abbreviate(name),
                        LineLayout.abbreviate(name, target), name + " to " + target);
            }
            LoggingEvent e = event(name, Level.WARN, 1_765_000_000_000L, "m", null);
            assertEquals(logback.doLayout(e), ours.doLayout(e), name);
        }
    }

    @Test
    void timesLevelsAndMessagesAsLogbackWritesThem() {
        Random random = new Random(7);
        Level[] levels = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
        long t = 1_765_000_000_000L;
        for (int i = 0; i < 5_000; i++) {
            t += random.nextInt(4) == 0 ? random.nextInt(100_000_000) : random.nextInt(1_500); // same second, or not
            String message = random.nextInt(10) == 0 ? null : "value {} and {} " + "x".repeat(random.nextInt(50));
            LoggingEvent e = event("dev.ism.function.api.ApiHandler", levels[random.nextInt(levels.length)], t, message,
                    null, random.nextInt(), "{}");
            assertEquals(logback.doLayout(e), ours.doLayout(e), "at " + t);
        }
    }

    @Test
    void aLineWithAThrowableCarriesItsStackTraceAsLogbackWritesIt() {
        Exception cause = new IllegalStateException("inner");
        Exception thrown = new RuntimeException("outer", cause);
        thrown.addSuppressed(new IllegalArgumentException("suppressed"));
        LoggingEvent e = event("dev.ism.function.server.ServerErrors", Level.ERROR, 1_765_000_000_001L, "failed", thrown);
        String line = ours.doLayout(e);
        assertEquals(logback.doLayout(e), line);
        assertTrue(line.contains("Caused by: java.lang.IllegalStateException: inner"), line);
    }

    private LoggingEvent event(String logger, Level level, long millis, String message, Throwable t, Object... args) {
        Logger l = context.getLogger(logger.isEmpty() ? "x" : logger);
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), l, level, message, t, args.length == 0 ? null : args);
        e.setLoggerName(logger);
        e.setTimeStamp(millis);
        return e;
    }
}
