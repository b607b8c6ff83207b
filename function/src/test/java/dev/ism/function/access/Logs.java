package dev.ism.function.access;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything logged while open, by every logger at its configured level (the function's own
 * {@code dev.ism} loggers lowered to DEBUG): messages, MDC, exceptions and their causes.
 */
final class Logs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("dev.ism");
    private final Level previous = ours.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    Logs() {
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.DEBUG);
    }

    private List<ILoggingEvent> events() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    /** Every text of every event: logger, message, MDC, exception classes, messages and stack frames. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent e : events()) {
            texts.add(e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage());
            for (Map.Entry<String, String> mdc : e.getMDCPropertyMap().entrySet()) {
                texts.add(mdc.getKey() + "=" + mdc.getValue());
            }
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    texts.add(frame.getSTEAsString());
                }
            }
        }
        return texts;
    }

    int count() {
        return events().size();
    }

    void assertNoneContains(String secret) {
        for (String text : texts()) {
            if (text != null && text.contains(secret)) {
                throw new AssertionError("the log contains a credential: " + text);
            }
        }
    }

    /** Whether an event of {@code level} from logger {@code logger} has a message containing {@code fragment}. */
    boolean has(Level level, String logger, String fragment) {
        return events().stream().anyMatch(e -> e.getLevel().equals(level) && e.getLoggerName().equals(logger)
                && e.getFormattedMessage().contains(fragment));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        ours.setLevel(previous);
    }
}
