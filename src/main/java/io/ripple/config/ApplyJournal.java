package io.ripple.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The redo log of one apply: written once everything is staged and verified, removed when the apply is done. A
 * replica that dies in between finds it at its next start and finishes the apply, so that its configuration is
 * entirely the new one, never a mixture.
 *
 * @param operations every file to put in place ({@code staged} set) or to remove ({@code staged} null)
 */
public record ApplyJournal(long version, String digest, String backupDir, List<Operation> operations) {

    /** One file: its manifest path and the staged file (relative to the staging folder) that replaces it. */
    public record Operation(String path, String staged) {
    }

    private static final ObjectMapper JSON = JsonMappers.files();

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    public static Optional<ApplyJournal> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(JSON.readValue(file.toFile(), ApplyJournal.class)) : Optional.empty();
    }
}
