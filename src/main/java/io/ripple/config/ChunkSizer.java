package io.ripple.config;

/**
 * How many bytes a replica asks for in one read, and how many reads it keeps under way, fitted to the link as the pull
 * goes: a chunk starts at {@link #FIRST_BYTES}, doubles while a full answer comes back within {@link #GROW_BELOW_NANOS},
 * halves when one takes longer than {@link #SHRINK_ABOVE_NANOS}, and never exceeds the cap this replica sets. The
 * reads under way together hold at most {@link #BYTES_IN_FLIGHT}, so that a pull's memory stays bounded whatever the
 * chunk size. Over a long round trip, larger chunks and several reads under way keep the link busy; on a slow link,
 * smaller chunks keep each answer well within the call time-out. Used by one thread.
 */
final class ChunkSizer {

    /**
     * The first chunk: with {@link #MAX_READS} of them, the first reads fill {@link #BYTES_IN_FLIGHT}, so a change of up to
     * that size is asked for in one round trip (starting at 256 KiB took a 5 MB change three round trips over a 100 ms
     * link, BENCHMARKS.md); on a slow link the first slow answer halves it.
     */
    static final int FIRST_BYTES = 1024 * 1024;
    /** The smallest chunk a slow link shrinks to. */
    static final int MIN_BYTES = 64 * 1024;
    /** A full answer faster than this doubles the chunk. */
    static final long GROW_BELOW_NANOS = 500_000_000L;
    /** An answer slower than this halves the chunk. */
    static final long SHRINK_ABOVE_NANOS = 2_000_000_000L;
    /** The bytes of the reads under way together, at most. */
    static final long BYTES_IN_FLIGHT = 8L * 1024 * 1024;
    /** Reads under way together, at most; at least {@link #MIN_READS}. */
    static final int MAX_READS = 8;
    static final int MIN_READS = 2;

    private final int max;
    private int chunkBytes;

    /** @param max the largest chunk this replica asks for (at least {@link #MIN_BYTES}) */
    ChunkSizer(int max) {
        if (max < MIN_BYTES) {
            throw new IllegalArgumentException("the largest chunk must be at least " + MIN_BYTES + " bytes, not " + max);
        }
        this.max = max;
        this.chunkBytes = Math.min(FIRST_BYTES, max);
    }

    /** The size of the next chunk to ask for. */
    int chunkBytes() {
        return chunkBytes;
    }

    /** Reads to keep under way at the present chunk size. */
    int readsInFlight() {
        return (int) Math.max(MIN_READS, Math.min(MAX_READS, BYTES_IN_FLIGHT / chunkBytes));
    }

    /**
     * Whether another read of the present size may start beside {@code running} calls not yet answered, when
     * {@code held} reads are asked and not yet taken (running, or answered and waiting their turn) and hold
     * {@code bytesHeld} bytes together (reads planned at an earlier, larger size count as they are). Answers that wait
     * behind a slower, older one free their call but not their memory.
     */
    boolean mayAsk(int running, int held, long bytesHeld) {
        return held < MIN_READS || running < readsInFlight() && bytesHeld + chunkBytes <= BYTES_IN_FLIGHT;
    }

    /**
     * A read planned when the chunk size was {@code plannedAt} was answered after {@code nanos}; {@code full} when the
     * size bounded it (the end of a file, or of the files, says nothing about the link). Each full read answered quickly
     * doubles the chunk, as a TCP window grows in slow start, so that a pull reaches the cap within its first reads; a
     * slow read halves it, once for the reads planned at one size.
     */
    void answered(int plannedAt, boolean full, long nanos) {
        if (nanos > SHRINK_ABOVE_NANOS) {
            if (plannedAt <= chunkBytes) { // reads planned before the last shrink do not shrink it again
                chunkBytes = Math.max(Math.min(MIN_BYTES, max), chunkBytes / 2);
            }
        } else if (full && nanos < GROW_BELOW_NANOS) {
            chunkBytes = (int) Math.min(max, 2L * chunkBytes);
        }
    }
}
