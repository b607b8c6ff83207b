package dev.ism.function.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every event logged (by any logger, at its configured level) while open, and a wait for an event that
 * must come: tests wait on what the server logs, not on the clock.
 */
public final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<ILoggingEvent> events = new ArrayList<>();

    public LogWatch() {
        start();
        root.addAppender(this);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
        notifyAll();
    }

    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Waits until an event matches, at most {@code timeout}; the event, or an AssertionError. */
    public synchronized ILoggingEvent await(Predicate<ILoggingEvent> match, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < events.size(); seen++) {
                if (match.test(events.get(seen))) {
                    return events.get(seen);
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such log event within " + timeout + "; logged: " + events.size() + " events");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
