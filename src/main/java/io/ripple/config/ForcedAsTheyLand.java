package io.ripple.config;

import io.ripple.util.DaemonThreads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The files of one pull forced to disk as they land, on one helper thread, while the pull's next reads are on the wire:
 * a batch of small files together once they are written, a large file part by part as its chunks are written and the
 * rest once it is complete. When the pull ends, only what landed last is left to wait for. The helper runs its steps
 * in the order they were asked for, so the steps on one file never overtake each other.
 */
final class ForcedAsTheyLand implements AutoCloseable {

    /**
     * The bytes of a large file written and not yet forced after which their forcing starts. At 1 MiB, three replicas
     * pulling 50 MB at once on one disk forced 150 times and their parallel run took about one round trip more
     * (BENCHMARKS.md); a few forces per large file leave only its last part for the end.
     */
    static final long PART_BYTES = 8L * 1024 * 1024;

    /** One step on the helper thread. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    private ExecutorService helper;
    private final List<Future<Void>> pending = new ArrayList<>();
    private final List<FileChannel> open = new ArrayList<>();

    /** A large file's channel, closed by {@link #close(FileChannel, Path, boolean)}, or here if the pull fails first. */
    void opened(FileChannel channel) {
        open.add(channel);
    }

    /**
     * Starts forcing {@code files}, complete and closed, together (each flush on its own thread, so that the file system
     * commits several at once, as {@link AtomicFiles#fsyncAll} does).
     */
    void forceAll(List<Path> files) {
        if (!files.isEmpty()) {
            List<Path> copy = List.copyOf(files);
            after(() -> AtomicFiles.fsyncAll(copy));
        }
    }

    /** Starts forcing what was written so far to {@code channel}, a large file still being written. */
    void forcePart(FileChannel channel) {
        after(() -> channel.force(false));
    }

    /**
     * Closes {@code channel}, open on {@code file}, after the steps asked for on it; first forces the rest of the file
     * when {@code keep} (a file that arrived corrupted is not kept, and not forced).
     */
    void close(FileChannel channel, Path file, boolean keep) {
        after(() -> {
            try (channel) {
                if (keep) {
                    AtomicFiles.force(channel, file);
                }
            }
        });
    }

    private void after(Step step) {
        if (helper == null) {
            helper = Executors.newSingleThreadExecutor(DaemonThreads.named("ripple-staged-force"));
        }
        pending.add(helper.submit(() -> {
            step.run();
            return null;
        }));
    }

    /** Waits until every step asked for is done: each file given is on disk. */
    void awaitAll() throws IOException {
        try {
            for (Future<Void> step : pending) {
                step.get();
            }
            pending.clear();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while forcing staged files to disk");
        }
    }

    /**
     * Stops the helper. After {@link #awaitAll()} nothing is left to stop; after a pull that failed, its staged files
     * go with their staging folder, forced or not.
     */
    @Override
    public void close() {
        if (helper != null) {
            helper.shutdownNow();
        }
        for (FileChannel channel : open) {
            try {
                channel.close(); // nothing, when its own last step closed it
            } catch (IOException e) {
                // a staged file of a failed pull: it goes with its staging folder
            }
        }
    }
}
