package io.ripple.node;

import io.ripple.config.PullProgress;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Turns a pull's progress into the run detail a replica shows while it syncs ("syncing: 12.5 MiB of 40.0 MiB
 * (13107200 of 41943040 bytes)"), from which the master shows its row as SYNCING. Each detail is an fsync of the state
 * file, so one is recorded at the first piece and then at most once every {@value #MIN_INTERVAL_MILLIS} ms.
 */
final class SyncingDetail implements PullProgress {

    /** The detail of a pull starts with this; the master's row shows SYNCING. */
    static final String PREFIX = "syncing";
    static final long MIN_INTERVAL_MILLIS = 1000;

    /** Where a detail goes; a failure to record it is only logged by the caller. */
    @FunctionalInterface
    interface Sink {
        void record(String detail);
    }

    private final Sink sink;
    private final LongSupplier clockMillis;
    private long lastMillis;
    private boolean recorded;

    SyncingDetail(Sink sink, LongSupplier clockMillis) {
        this.sink = sink;
        this.clockMillis = clockMillis;
    }

    @Override
    public void pulled(long bytesDone, long bytesTotal) {
        long now = clockMillis.getAsLong();
        if (recorded && now - lastMillis < MIN_INTERVAL_MILLIS) {
            return;
        }
        recorded = true;
        lastMillis = now;
        sink.record(describe(bytesDone, bytesTotal));
    }

    static String describe(long bytesDone, long bytesTotal) {
        return String.format(Locale.ROOT, "%s: %s of %s (%d of %d bytes)", PREFIX, mebibytes(bytesDone),
                mebibytes(bytesTotal), bytesDone, bytesTotal);
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
