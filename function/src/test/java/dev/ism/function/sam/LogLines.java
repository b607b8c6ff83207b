package dev.ism.function.sam;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Captures what one logger (and its children) logs, while open. */
final class LogLines implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogLines(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    boolean any(String... fragments) {
        return lines().stream().anyMatch(l -> {
            for (String f : fragments) {
                if (!l.contains(f)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
