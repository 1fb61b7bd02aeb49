package io.ripple.config;

import io.ripple.util.MessageId;
import io.ripple.util.DaemonThreads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls published files from an {@link ObjectSource} into a staging folder of objects named by their SHA-256: small
 * ones several to a call, large ones in chunks of {@link ConfigSync#CHUNK_BYTES} with several reads under way at once
 * ({@link ChunkReads}), each verified and fetched again up to {@link ConfigSync#FETCH_ATTEMPTS} times when it arrives
 * corrupted.
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
                    StandardOpenOption.WRITE);
                 ChunkReads reads = new ChunkReads(entry, source)) {
                while (offset < entry.size()) {
                    int want = (int) Math.min(ConfigSync.CHUNK_BYTES, entry.size() - offset);
                    byte[] chunk = reads.next(offset);
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

    /**
     * The chunk reads of one file, up to {@link #READS_IN_FLIGHT} under way at once: over a link with a long round trip,
     * one read at a time waits a round trip per chunk, while reads in flight together keep the link busy. Chunks are
     * taken in order; each is still checked by the caller, and a short one makes the reads ahead of it start again
     * from where it ended.
     */
    static final class ChunkReads implements AutoCloseable {
        /** Reads of one file under way at once; each holds at most a chunk in memory. */
        static final int READS_IN_FLIGHT = 4;

        private record Ahead(long offset, Future<byte[]> read) {
        }

        private final ManifestEntry entry;
        private final ObjectSource source;
        private final ExecutorService readers;
        private final Deque<Ahead> ahead = new ArrayDeque<>();
        private long requested;

        ChunkReads(ManifestEntry entry, ObjectSource source) {
            this.entry = entry;
            this.source = source;
            this.readers = Executors.newFixedThreadPool(READS_IN_FLIGHT, DaemonThreads.numbered("ripple-chunk-read"));
        }

        /** The chunk at {@code offset}, the end of what was taken so far; asks for the next ones meanwhile. */
        byte[] next(long offset) throws IOException {
            if (ahead.isEmpty() || ahead.peekFirst().offset() != offset) {
                cancelAhead(); // a short chunk came before: what was asked after it starts at the wrong place
                requested = offset;
            }
            while (ahead.size() < READS_IN_FLIGHT && requested < entry.size()) {
                long at = requested;
                int want = (int) Math.min(ConfigSync.CHUNK_BYTES, entry.size() - at);
                ahead.addLast(new Ahead(at, readers.submit(() -> source.read(entry.sha256(), at, want))));
                requested += want;
            }
            Ahead first = ahead.removeFirst();
            try {
                return first.read().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while pulling '" + entry.path() + "'");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IOException(cause);
            }
        }

        /** Drops the reads ahead; one under way ends on its own (within the call time-out) and its answer is not used. */
        private void cancelAhead() {
            ahead.forEach(a -> a.read().cancel(false));
            ahead.clear();
        }

        @Override
        public void close() {
            cancelAhead();
            readers.shutdown();
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
