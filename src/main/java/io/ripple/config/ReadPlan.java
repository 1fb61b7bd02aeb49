package io.ripple.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads of a pull, planned one at a time so that each takes the chunk size of the moment: consecutive small files
 * together in one {@link Batch}, each large file in {@link Chunk}s, in the order of the files.
 */
final class ReadPlan {

    /** One call to the source. */
    sealed interface Read permits Batch, Chunk {
        /** The chunk size when this read was planned. */
        int plannedAt();

        /** Whether the chunk size bounded this read (not the end of a file or of the files). */
        boolean full();

        /** The bytes asked for. */
        long bytes();

        /** Asks the source; a {@link Batch} answers a {@code List<byte[]>}, a {@link Chunk} a {@code byte[]}. */
        Object fetch(ObjectSource source) throws IOException;
    }

    /** Whole small files in one call. */
    record Batch(List<ManifestEntry> files, int plannedAt, boolean full) implements Read {
        @Override
        public long bytes() {
            return files.stream().mapToLong(ManifestEntry::size).sum();
        }

        @Override
        public Object fetch(ObjectSource source) throws IOException {
            return source.readAll(files);
        }
    }

    /** Part of a large file, or all of an empty one (no call then). */
    record Chunk(ManifestEntry entry, long offset, int length, int plannedAt, boolean full) implements Read {
        @Override
        public long bytes() {
            return length;
        }

        boolean last() {
            return offset + length == entry.size();
        }

        @Override
        public Object fetch(ObjectSource source) throws IOException {
            return length == 0 ? new byte[0] : source.read(entry.sha256(), offset, length);
        }
    }

    private final List<ManifestEntry> entries;
    private final boolean batchSmall;
    private int index;
    private long offset;

    /** @param batchSmall whether files up to {@link ObjectFetcher#SMALL_FILE_BYTES} travel several to a call */
    ReadPlan(List<ManifestEntry> entries, boolean batchSmall) {
        this.entries = entries;
        this.batchSmall = batchSmall;
    }

    boolean hasNext() {
        return index < entries.size();
    }

    /** The next read, of at most {@code chunkBytes}. */
    Read next(int chunkBytes) {
        ManifestEntry first = entries.get(index);
        if (batchSmall && isSmall(first)) {
            List<ManifestEntry> files = new ArrayList<>();
            long bytes = 0;
            while (index < entries.size() && isSmall(entries.get(index))
                    && (files.isEmpty() || bytes + entries.get(index).size() <= chunkBytes)) {
                bytes += entries.get(index).size();
                files.add(entries.get(index++));
            }
            boolean full = index < entries.size() && isSmall(entries.get(index));
            return new Batch(List.copyOf(files), chunkBytes, full);
        }
        int length = (int) Math.min(chunkBytes, first.size() - offset);
        Chunk chunk = new Chunk(first, offset, length, chunkBytes, length == chunkBytes);
        offset += length;
        if (offset >= first.size()) {
            index++;
            offset = 0;
        }
        return chunk;
    }

    private static boolean isSmall(ManifestEntry entry) {
        return entry.size() > 0 && entry.size() <= ObjectFetcher.SMALL_FILE_BYTES;
    }
}
