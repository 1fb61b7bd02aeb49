package io.ripple.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.config.AtomicFiles;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The record of a server's last run, kept as an append-only log in the data-dir: one line per record, each with its
 * own checksum, the last whole line the record. A record is appended to the existing file and forced with one
 * {@code fdatasync}; an atomic rewrite (a new file, renamed over the old one, the file and its folder forced) costs two
 * flushes and a folder change, and a run's turn records at least two that must be durable (its acceptance and its
 * outcome). A crash in the middle of an append leaves a torn last line whose checksum fails: the record before it
 * stands, and the file is rewritten whole before anything is appended after such a line. The file is created, and
 * compacted to its last record when it grows past {@link #COMPACT_AFTER_BYTES}, by an atomic rewrite.
 */
final class RunRecordLog {

    /** The file in the data-dir. */
    static final String FILE_NAME = "node-run.log";
    /** Past this size the next record rewrites the file with that record alone. */
    static final int COMPACT_AFTER_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = JsonMappers.files();

    /** One record: the fields of {@link NodeState} about the last run. */
    record Entry(String lastRunId, String lastRunOutcome, String lastRunDetail) {
    }

    private final Path file;
    /** Where the next record goes: just after the last whole record. */
    private long end;
    /** The file holds something after its last whole record (a torn append) or does not exist: rewrite it first. */
    private boolean rewriteFirst = true;
    /** Records forced to disk so far, by an append or a rewrite: what tests read to see which ones were. */
    private long forced;

    RunRecordLog(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** The last whole record in the file, if any; also finds where the next one goes. */
    Optional<Entry> read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            rewriteFirst = true;
            return Optional.empty();
        }
        Entry last = null;
        long lastEnd = 0;
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                Entry entry = parse(bytes, lineStart, i);
                if (entry != null) {
                    last = entry;
                    lastEnd = i + 1;
                }
                lineStart = i + 1;
            }
        }
        end = lastEnd;
        rewriteFirst = last == null || lastEnd != bytes.length;
        return Optional.ofNullable(last);
    }

    /**
     * Adds {@code entry}; with {@code force}, it is on the disk when this returns. Without, it reaches the disk with the
     * next forced record or the system's own write-back, and a crash before may leave the record before it.
     *
     * @return whether the record is on the disk (forced, or written by a rewrite, which always is)
     */
    boolean append(Entry entry, boolean force) throws IOException {
        byte[] line = line(entry);
        if (rewriteFirst || end + line.length > COMPACT_AFTER_BYTES) {
            AtomicFiles.write(file, line);
            end = line.length;
            rewriteFirst = false;
            forced++;
            return true;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            long at = end;
            while (buffer.hasRemaining()) {
                at += ch.write(buffer, at);
            }
            if (force) {
                // the file exists and its name is durable: only its data (and length) need forcing, not its folder
                ch.force(false);
                forced++;
            }
            end = at;
            return force;
        } catch (IOException | RuntimeException e) {
            // part of the line may be in the file: the next record rewrites it rather than appending after a torn line
            rewriteFirst = true;
            throw e;
        }
    }

    long forcedRecords() {
        return forced;
    }

    /** {@code <crc32 of the JSON, 8 hex digits> <JSON on one line>\n}. */
    static byte[] line(Entry entry) throws IOException {
        byte[] json = JSON.writeValueAsBytes(entry);
        CRC32 crc = new CRC32();
        crc.update(json);
        byte[] prefix = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[prefix.length + json.length + 1];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(json, 0, line, prefix.length, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** The record in {@code bytes[from, to)}, or null when the line is torn or not a record. */
    private static Entry parse(byte[] bytes, int from, int to) {
        int json = from + 9;
        if (to - from < 10 || bytes[from + 8] != ' ') {
            return null;
        }
        long expected;
        try {
            expected = Long.parseLong(new String(bytes, from, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, json, to - json);
        if (crc.getValue() != expected) {
            return null;
        }
        try {
            return JSON.readValue(bytes, json, to - json, Entry.class);
        } catch (IOException e) {
            return null;
        }
    }
}
