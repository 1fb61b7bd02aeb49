package io.ripple.config;

import io.ripple.util.MessageId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls published files from an {@link ObjectSource} into a staging folder of objects named by their SHA-256: small
 * ones several to a call, large ones in chunks, with several reads under way at once across files ({@link ReadsAhead})
 * and a chunk size fitted to the link ({@link ChunkSizer}, at most {@link ConfigSync#CHUNK_BYTES}). Each file is hashed
 * as it is written and fetched again up to {@link ConfigSync#FETCH_ATTEMPTS} times when it arrives corrupted. Unless
 * told otherwise, each file that arrived whole is forced to disk while the next reads are on the wire
 * ({@link ForcedAsTheyLand}), and is on disk when a pull returns.
 */
final class ObjectFetcher {

    private static final Logger log = LoggerFactory.getLogger(ObjectFetcher.class);

    /** Whole files up to this size travel together, several to a call. */
    static final int SMALL_FILE_BYTES = 256 * 1024;

    private final Path objects;
    /** One sizer for the whole pull: what the first files taught about the link holds for the next. */
    private final ChunkSizer sizer;
    private final boolean forced;

    ObjectFetcher(Path objects) {
        this(objects, ConfigSync.CHUNK_BYTES);
    }

    /** @param maxChunkBytes the largest chunk this replica asks for */
    ObjectFetcher(Path objects, int maxChunkBytes) {
        this(objects, maxChunkBytes, true);
    }

    /**
     * @param forced whether what it stages is forced to disk; not for a file only read, which no apply puts in place
     */
    ObjectFetcher(Path objects, int maxChunkBytes, boolean forced) {
        this.objects = objects;
        this.sizer = new ChunkSizer(maxChunkBytes);
        this.forced = forced;
    }

    /** Pulls every missing file into staging; returns where each one is staged. */
    List<Path> fetchAll(List<ManifestEntry> missing, ObjectSource source, Pulled pulled) throws ConfigException, IOException {
        Files.createDirectories(objects);
        List<Path> staged = new ArrayList<>();
        missing.forEach(e -> staged.add(objects.resolve(e.sha256())));
        Map<ManifestEntry, String> corrupted = pull(missing, true, source, pulled, 1);
        for (ManifestEntry entry : corrupted.keySet()) {
            fetch(entry, source, 2, Pulled.UNCOUNTED); // its bytes were counted on its first attempt
        }
        return staged;
    }

    /**
     * Pulls one file into {@code objects/SHA-256}, verifies it, and fetches it again when it arrived corrupted.
     *
     * @param firstAttempt 1, or 2 when a batch was its first try
     */
    void fetch(ManifestEntry entry, ObjectSource source, int firstAttempt, Pulled pulled) throws ConfigException, IOException {
        Files.createDirectories(objects);
        for (int attempt = firstAttempt; ; attempt++) {
            // a file fetched again counts once
            Map<ManifestEntry, String> corrupted = pull(List.of(entry), false, source,
                    attempt == firstAttempt ? pulled : Pulled.UNCOUNTED, attempt);
            if (corrupted.isEmpty()) {
                return;
            }
            if (attempt >= ConfigSync.FETCH_ATTEMPTS) {
                throw new ConfigException("'" + entry.path() + "' arrived corrupted " + ConfigSync.FETCH_ATTEMPTS
                        + " times: SHA-256 " + corrupted.get(entry) + " instead of " + entry.sha256() + ". Nothing was applied.");
            }
        }
    }

    /**
     * One pass over {@code entries}, reads under way together, answers taken in order (each file is written and hashed
     * from its start), the next reads asked as soon as any call ends; returns the files that arrived corrupted, each
     * with the SHA-256 it arrived with.
     */
    private Map<ManifestEntry, String> pull(List<ManifestEntry> entries, boolean batchSmall, ObjectSource source, Pulled pulled,
                                            int attempt) throws ConfigException, IOException {
        Map<ManifestEntry, String> corrupted = new LinkedHashMap<>();
        ReadPlan plan = new ReadPlan(entries, batchSmall);
        Staging file = null;
        long bytesUnderWay = 0;
        try (ReadsAhead<ReadPlan.Read> reads = new ReadsAhead<>(ChunkSizer.MAX_READS, "ripple-chunk-read");
             ForcedAsTheyLand landed = new ForcedAsTheyLand()) {
            while (true) {
                long answers = reads.finished();
                while (plan.hasNext() && sizer.mayAsk(reads.running(), reads.size(), bytesUnderWay)) {
                    ReadPlan.Read read = plan.next(sizer.chunkBytes());
                    reads.submit(read, () -> read.fetch(source));
                    bytesUnderWay += read.bytes();
                }
                if (reads.size() == 0) {
                    landed.awaitAll();
                    return corrupted;
                }
                if (plan.hasNext() && !reads.oldestAnswered()) {
                    // a younger read's answer frees a call for the next read before the slow oldest one comes
                    reads.awaitAnotherAnswer(answers);
                    continue;
                }
                ReadsAhead.Answer<ReadPlan.Read> answer = reads.next();
                ReadPlan.Read read = answer.read();
                bytesUnderWay -= read.bytes();
                sizer.answered(read.plannedAt(), read.full(), answer.nanos());
                if (read instanceof ReadPlan.Batch batch) {
                    takeBatch(batch, answer.value(), pulled, attempt, corrupted, landed);
                    continue;
                }
                ReadPlan.Chunk chunk = (ReadPlan.Chunk) read;
                if (chunk.offset() == 0) {
                    file = new Staging(chunk.entry(), landed);
                }
                file.append(chunk, (byte[]) answer.value(), source, pulled);
                if (chunk.last()) {
                    String actual = file.finish();
                    file = null;
                    if (!actual.equals(chunk.entry().sha256())) {
                        warnCorrupted(chunk.entry(), actual, attempt);
                        corrupted.put(chunk.entry(), actual);
                    }
                } else {
                    FaultPoints.pause(FaultPoints.PULLING);
                }
            }
        } finally {
            if (file != null) {
                file.abandon();
            }
        }
    }

    private void takeBatch(ReadPlan.Batch batch, Object value, Pulled pulled, int attempt, Map<ManifestEntry, String> corrupted,
                           ForcedAsTheyLand landed) throws ConfigException, IOException {
        @SuppressWarnings("unchecked")
        List<byte[]> contents = (List<byte[]>) value;
        List<ManifestEntry> files = batch.files();
        if (contents == null || contents.size() != files.size()) {
            throw new ConfigException("The master sent " + (contents == null ? 0 : contents.size()) + " files where "
                    + files.size() + " were asked for.");
        }
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            ManifestEntry entry = files.get(i);
            byte[] content = contents.get(i);
            String actual = content == null ? "none" : Hashing.sha256Hex(content);
            pulled.add(entry.size()); // counted once, whether it is fetched again or not
            if (actual.equals(entry.sha256()) && content.length == entry.size()) {
                Files.write(objects.resolve(entry.sha256()), content);
                written.add(objects.resolve(entry.sha256()));
            } else {
                warnCorrupted(entry, actual, attempt);
                corrupted.put(entry, actual);
            }
        }
        if (forced) {
            landed.forceAll(written);
        }
    }

    private static void warnCorrupted(ManifestEntry entry, String actual, int attempt) {
        log.warn(MessageId.FILE_CORRUPTED.line("'{}' arrived corrupted (SHA-256 {} instead of {}), attempt {} of {}"), entry.path(), actual,
                entry.sha256(), attempt, ConfigSync.FETCH_ATTEMPTS);
    }

    /** A large file being written to staging, hashed as its chunks arrive and forced part by part. */
    private final class Staging {
        private final ManifestEntry entry;
        private final Path path;
        private final FileChannel out;
        private final MessageDigest md = Hashing.sha256();
        private final ForcedAsTheyLand landed;
        private long unforced;

        Staging(ManifestEntry entry, ForcedAsTheyLand landed) throws IOException {
            this.entry = entry;
            this.path = objects.resolve(entry.sha256());
            this.landed = landed;
            this.out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            landed.opened(out);
        }

        private void write(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            unforced += bytes.length;
            if (forced && unforced >= ForcedAsTheyLand.PART_BYTES) {
                unforced = 0;
                landed.forcePart(out);
            }
        }

        /**
         * Checks and writes one chunk. A chunk shorter than asked is completed by reads of the rest, one at a time: the
         * reads already under way start where the chunk should have ended, and stay right.
         */
        void append(ReadPlan.Chunk chunk, byte[] bytes, ObjectSource source, Pulled pulled) throws ConfigException, IOException {
            long offset = chunk.offset();
            byte[] got = bytes;
            int rest = chunk.length();
            while (true) {
                if (got == null || (got.length == 0 && rest > 0) || got.length > rest) {
                    throw new ConfigException("The master sent " + (got == null ? 0 : got.length) + " bytes of '" + entry.path()
                            + "' at offset " + offset + " where " + rest + " were asked for.");
                }
                md.update(got);
                write(got);
                pulled.add(got.length);
                offset += got.length;
                rest -= got.length;
                if (rest == 0) {
                    return;
                }
                got = source.read(entry.sha256(), offset, rest);
            }
        }

        /**
         * Closes the file once the forcing of its parts is done, forcing the rest of it first when it arrived whole;
         * returns the SHA-256 of what was written.
         */
        String finish() throws IOException {
            String actual = Hashing.hex(md.digest());
            if (forced) {
                landed.close(out, path, actual.equals(entry.sha256()));
            } else {
                out.close();
            }
            return actual;
        }

        void abandon() {
            try {
                out.close();
            } catch (IOException e) {
                log.debug("Closing a staged file of '{}' after a failed pull: {}", entry.path(), e.toString());
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
