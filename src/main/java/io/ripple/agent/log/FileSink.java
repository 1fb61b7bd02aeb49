package io.ripple.agent.log;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.event.Level;

/**
 * Ripple's own log file, for a host without SLF4J: {@code ripple-agent.log} in the data-dir, at INFO unless
 * {@code -Dripple.log.level} says otherwise. Until the agent names the file, lines go to standard error.
 */
final class FileSink implements LogSink {

    static final String LEVEL_PROPERTY = "ripple.log.level";

    private final Level threshold;
    private volatile Path file;

    FileSink() {
        Level level = Level.INFO;
        try {
            level = Level.valueOf(System.getProperty(LEVEL_PROPERTY, "INFO").trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException ignored) {
            // an unknown level keeps INFO
        }
        this.threshold = level;
    }

    void useFile(Path logFile) {
        this.file = logFile;
    }

    @Override
    public boolean enabled(String logger, Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public synchronized void write(String logger, Level level, String message, Throwable error) {
        StringBuilder line = new StringBuilder().append(Instant.now()).append(' ').append(String.format("%-5s", level))
                .append(' ').append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ").append(message)
                .append(System.lineSeparator());
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        Path target = file;
        if (target != null) {
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return;
            } catch (IOException e) {
                // fall back to standard error below
            }
        }
        System.err.print("ripple-agent: " + line);
    }
}
