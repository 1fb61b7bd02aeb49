package io.ripple.sample;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.read.CyclicBufferAppender;
import io.ripple.logging.RippleLogbackConfigurator;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log file {@code bin/ripple-node} keeps under the data-dir. Until the server has started, its lines are held in
 * memory (the {@code STARTUP} appender of {@link RippleLogbackConfigurator} or of jmx-config/logback.xml), so that a configuration refused at start writes
 * nothing; once it runs, they are written to {@code data-dir/ripple-node.log} and every later line follows.
 */
final class NodeLogFile {

    static final String FILE_NAME = "ripple-node.log";

    private NodeLogFile() {
    }

    static void attach(Path dataDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another logging backend: it has its own configuration
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(RippleLogbackConfigurator.PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dataDir.resolve(FILE_NAME).toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        Appender<ILoggingEvent> startup = root.getAppender(RippleLogbackConfigurator.STARTUP);
        if (startup instanceof CyclicBufferAppender<ILoggingEvent> buffer) {
            for (int i = 0; i < buffer.getLength(); i++) {
                file.doAppend(buffer.get(i));
            }
            root.detachAppender(buffer);
            buffer.stop();
        }
        root.addAppender(file);
    }
}
