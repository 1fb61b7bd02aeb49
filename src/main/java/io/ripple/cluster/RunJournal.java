package io.ripple.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run journal: every state change of every run as one JSON line in {@code data-dir/runs.jsonl}, so that the
 * status is still true after the master restarts itself and a run cut short by a crash is reported, not forgotten.
 */
public final class RunJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunJournal.class);
    static final ObjectMapper JSON = JsonMappers.files();

    private final Path file;
    private FileChannel channel;

    public RunJournal(Path dataDir) {
        this.file = dataDir.resolve("runs.jsonl");
    }

    /** Every event written so far; a last line torn by a crash is skipped. */
    public synchronized List<RunEvent> readAll() throws IOException {
        List<RunEvent> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        // decoded leniently: a write cut short inside a character spoils its own line, which is skipped, not the file
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JSON.readValue(line, RunEvent.class));
            } catch (IOException e) {
                log.warn("Skipping unreadable line {} of {}: {}", i + 1, file, e.getMessage());
            }
        }
        return events;
    }

    /**
     * Appends one event. {@code durable} forces it to disk before returning: for the events a restart must not lose
     * (a run's start and end, the master restarting itself).
     */
    public synchronized void append(RunEvent event, boolean durable) throws IOException {
        if (channel == null) {
            Files.createDirectories(file.getParent());
            boolean torn = endsInsideALine();
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (torn) {
                // end the line a crash cut short, so that it does not swallow this event
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
            }
        }
        byte[] line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(line);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable) {
                channel.force(false);
            }
        } catch (IOException e) {
            // part of the line may be written (a full disk takes what fits): the next append reopens and ends it first
            close();
            throw e;
        }
    }

    private boolean endsInsideALine() throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            if (in.size() == 0) {
                return false;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            in.read(last, in.size() - 1);
            return last.get(0) != '\n';
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Closing {}: {}", file, e.getMessage());
            }
            channel = null;
        }
    }
}
