package io.ripple.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.CyclicBufferAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Ripple's own launchers' logging (bin/ripple-node, bin/ripple) when nobody configured logback: built in code, because
 * parsing an XML configuration costs a JVM about 200 ms of its start. A {@code logback.xml} on the class path or a
 * {@code -Dlogback.configurationFile} always wins. Settings: {@code ripple.log.level} (default INFO) and
 * {@code ripple.log.target} ({@code stdout}, default, or {@code stderr}).
 *
 * <p>Lines go to the console and, until {@code bin/ripple-node}'s server has started, to the {@value #STARTUP}
 * buffer (see {@code io.ripple.sample.NodeLogFile}). The agent jar leaves this class out: there the host owns logging.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class RippleLogbackConfigurator extends ContextAwareBase implements Configurator {

    /** The appender that holds the lines written before a server's data-dir may be written to. */
    public static final String STARTUP = "STARTUP";
    /** The line format: time in UTC, level, the server's name, the class, the message. */
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX, UTC} %-5level [%property{ripple.server}] %logger{0} - %msg%n";
    private static final int STARTUP_LINES = 2000;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || hasResource("logback-test.xml")
                || hasResource("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("stderr".equals(System.getProperty("ripple.log.target")) ? "System.err" : "System.out");
        console.setEncoder(encoder);
        console.start();
        CyclicBufferAppender<ILoggingEvent> startup = new CyclicBufferAppender<>();
        startup.setContext(context);
        startup.setName(STARTUP);
        startup.setMaxSize(STARTUP_LINES);
        startup.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("ripple.log.level"), Level.INFO));
        root.addAppender(console);
        root.addAppender(startup);
        for (String noisy : new String[] {"org.jolokia", "javax.management", "sun.rmi"}) {
            context.getLogger(noisy).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean hasResource(String name) {
        return RippleLogbackConfigurator.class.getClassLoader().getResource(name) != null;
    }
}
