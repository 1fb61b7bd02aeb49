package io.ripple.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.config.AtomicFiles;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A run a replica still owes its master a report for, kept in its data-dir across a process restart: written before
 * the JVM exits with code 75, read by the next JVM, which reports once its server is Ready, then removed.
 *
 * <p>A JVM started for a new version that does not come up puts back the version before it and restarts the process
 * once more: it writes the report again with {@code failure} set, so that the next JVM starts on the version before
 * without syncing first, reports the run FAILED with the revert, and does not revert again.
 *
 * @param runId             the run
 * @param requestedAtMillis epoch ms when the replica began the run, to measure it across the restart
 * @param summary           what the run changed, for the outcome's detail
 * @param failedVersion     the version the run applied (0 in a report written before reverts existed)
 * @param before            what the replica held before the run's apply, to go back to; null when the run applied
 *                          nothing it could undo (a version an earlier run synced)
 * @param failure           null until the new version failed; then why it failed, and the process restarts on
 *                          {@code before}
 */
record PendingReport(String runId, long requestedAtMillis, String summary, long failedVersion, NodeState before,
                     String failure) {

    private static final ObjectMapper JSON = JsonMappers.files();
    static final String FILE_NAME = "pending-report.json";

    PendingReport(String runId, long requestedAtMillis, String summary) {
        this(runId, requestedAtMillis, summary, 0, null, null);
    }

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

    /** True when this JVM starts on the version before a failed one: the revert is under way, and not done twice. */
    boolean reverting() {
        return failure != null && !failure.isEmpty();
    }

    /** The same report, owed after the process restarts on the version before, {@code why} the new one failed. */
    PendingReport revertedBecause(String why) {
        return new PendingReport(runId, requestedAtMillis, summary, failedVersion, before, why);
    }
}
