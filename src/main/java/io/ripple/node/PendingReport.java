package io.ripple.node;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A run a replica still owes its master a report for, kept in its data-dir across a process restart: written before
 * the JVM exits with code 75, read by the next JVM, which reports once its server is Ready, then removed.
 *
 * @param runId            the run
 * @param requestedAtMillis epoch ms when the replica began the run, to measure it across the restart
 * @param summary          what the run changed, for the outcome's detail
 */
record PendingReport(String runId, long requestedAtMillis, String summary) {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final String FILE_NAME = "pending-report.json";

    static Optional<PendingReport> load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        return Files.exists(file) ? Optional.of(JSON.readValue(file.toFile(), PendingReport.class)) : Optional.empty();
    }

    void save(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        AtomicFiles.write(dataDir.resolve(FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    static void clear(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(FILE_NAME));
    }
}
