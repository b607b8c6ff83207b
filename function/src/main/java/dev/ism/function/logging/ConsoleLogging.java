package dev.ism.function.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;

/**
 * The function's logging, configured in code: one line per event on stdout (what Lambda sends to
 * CloudWatch), {@code HH:mm:ss.SSS LEVEL logger - message}, INFO and above, the chatty libraries of the
 * local run at WARN.
 *
 * <p>In code rather than {@code logback.xml}: logback's XML configurator (Joran, with a SAX parser) loads
 * about 180 classes at every cold start to read five lines. Found by logback's {@code Configurator}
 * service before the XML one; a {@code logback-test.xml} or {@code logback.xml} on the class path, or
 * {@code -Dlogback.configurationFile}, still takes over, for whoever wants another configuration.
 *
 * <p>The lines are {@link #PATTERN}'s, written by {@link LineLayout} rather than by logback's pattern layout.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class ConsoleLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    static final Map<String, Level> LEVELS = Map.of(
            "com.amazonaws.services.dynamodbv2.local", Level.WARN,
            "software.amazon.dynamodb", Level.WARN,
            "org.eclipse.jetty", Level.WARN,
            "io.micronaut.context.env", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = ConsoleLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
