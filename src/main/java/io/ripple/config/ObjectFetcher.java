package io.ripple.config;

import io.ripple.util.MessageId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls published files from an {@link ObjectSource} into a staging folder of objects named by their SHA-256: small
 * ones several to a call, large ones in chunks of {@link ConfigSync#CHUNK_BYTES}, each verified and fetched again up to
 * {@link ConfigSync#FETCH_ATTEMPTS} times when it arrives corrupted.
 */
final class ObjectFetcher {

    private static final Logger log = LoggerFactory.getLogger(ObjectFetcher.class);

    private final Path objects;

    ObjectFetcher(Path objects) {
        this.objects = objects;
    }

    /** Whole files below this size travel together, several to a call. */
    static final int SMALL_FILE_BYTES = 256 * 1024;

    /** Pulls every missing file into staging: small ones several to a call, large ones in chunks. */
    List<Path> fetchAll(List<ManifestEntry> missing, ObjectSource source, Pulled pulled) throws ConfigException, IOException {
        List<Path> staged = new ArrayList<>();
        Files.createDirectories(objects);
        List<ManifestEntry> batch = new ArrayList<>();
        long batchBytes = 0;
        for (ManifestEntry entry : missing) {
            Path target = objects.resolve(entry.sha256());
            staged.add(target);
            if (entry.size() > SMALL_FILE_BYTES || entry.size() == 0) {
                fetch(entry, source, 1, pulled);
                continue;
            }
            if (batchBytes + entry.size() > ConfigSync.CHUNK_BYTES && !batch.isEmpty()) {
                fetchBatch(batch, source, pulled);
                batch.clear();
                batchBytes = 0;
            }
            batch.add(entry);
            batchBytes += entry.size();
        }
        if (!batch.isEmpty()) {
            fetchBatch(batch, source, pulled);
        }
        return staged;
    }

    private void fetchBatch(List<ManifestEntry> batch, ObjectSource source, Pulled pulled) throws ConfigException, IOException {
        List<byte[]> contents = source.readAll(batch);
        if (contents.size() != batch.size()) {
            throw new ConfigException("The master sent " + contents.size() + " files where " + batch.size() + " were asked for.");
        }
        for (int i = 0; i < batch.size(); i++) {
            ManifestEntry entry = batch.get(i);
            Path target = objects.resolve(entry.sha256());
            if (Hashing.sha256Hex(contents.get(i)).equals(entry.sha256()) && contents.get(i).length == entry.size()) {
                Files.write(target, contents.get(i));
                pulled.add(entry.size());
            } else {
                // a corrupted one is fetched again on its own: the batch was its first try
                fetch(entry, source, 2, pulled);
            }
        }
    }

    /**
     * Pulls one file in chunks into {@code objects/SHA-256}, verifies it, and fetches it again when it arrived corrupted.
     *
     * @param firstAttempt 1, or 2 when a batch was its first try
     */
    void fetch(ManifestEntry entry, ObjectSource source, int firstAttempt, Pulled pulled) throws ConfigException, IOException {
        Path stagedObject = objects.resolve(entry.sha256());
        Files.createDirectories(objects);
        for (int attempt = firstAttempt; ; attempt++) {
            MessageDigest md = Hashing.sha256();
            long offset = 0;
            try (OutputStream out = Files.newOutputStream(stagedObject, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                while (offset < entry.size()) {
                    int want = (int) Math.min(ConfigSync.CHUNK_BYTES, entry.size() - offset);
                    byte[] chunk = source.read(entry.sha256(), offset, want);
                    if (chunk.length == 0 || chunk.length > want) {
                        throw new ConfigException("The master sent " + chunk.length + " bytes of '" + entry.path()
                                + "' at offset " + offset + " where " + want + " were asked for.");
                    }
                    md.update(chunk);
                    out.write(chunk);
                    offset += chunk.length;
                    if (attempt == firstAttempt) {
                        pulled.add(chunk.length); // a file fetched again counts once
                    }
                    if (offset < entry.size()) {
                        FaultPoints.pause(FaultPoints.PULLING);
                    }
                }
            }
            String actual = Hashing.hex(md.digest());
            if (actual.equals(entry.sha256())) {
                return;
            }
            log.warn(MessageId.FILE_CORRUPTED.line("'{}' arrived corrupted (SHA-256 {} instead of {}), attempt {} of {}"), entry.path(), actual,
                    entry.sha256(), attempt, ConfigSync.FETCH_ATTEMPTS);
            if (attempt == ConfigSync.FETCH_ATTEMPTS) {
                throw new ConfigException("'" + entry.path() + "' arrived corrupted " + ConfigSync.FETCH_ATTEMPTS
                        + " times: SHA-256 " + actual + " instead of " + entry.sha256() + ". Nothing was applied.");
            }
        }
    }

    /** The bytes of one sync's pull so far, told to its {@link PullProgress}. */
    static final class Pulled {
        static final Pulled UNCOUNTED = new Pulled(List.of(), PullProgress.NONE);
        private final long total;
        private final PullProgress progress;
        private long done;

        Pulled(List<ManifestEntry> missing, PullProgress progress) {
            this.total = missing.stream().mapToLong(ManifestEntry::size).sum();
            this.progress = progress;
        }

        void add(long bytes) {
            done = Math.min(total, done + bytes);
            if (total > 0) {
                progress.pulled(done, total);
            }
        }
    }
}
