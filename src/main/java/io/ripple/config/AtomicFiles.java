package io.ripple.config;

import io.ripple.util.DaemonThreads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes that are all or nothing: a reader sees the old file or the new one, also after a crash. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            move(temp, target);
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Renames atomically where the file system can, replacing the target. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            force(ch, file);
        }
    }

    /** Forces {@code channel}, open on {@code file}, to disk: its bytes and its metadata. */
    static void force(FileChannel channel, Path file) throws IOException {
        channel.force(true);
        forceWatch.forced(file);
    }

    /** Hears of a file once it was forced to disk; it may fail the force. */
    @FunctionalInterface
    interface ForceWatch {
        void forced(Path file) throws IOException;
    }

    /** For tests of the order of the forces, and of a force that fails: see {@link #watchForces}. */
    private static volatile ForceWatch forceWatch = file -> { };

    /** For tests: {@code watch} hears of every file {@link #fsync} or {@link #force} forced from now on; null stops it. */
    static void watchForces(ForceWatch watch) {
        forceWatch = watch == null ? file -> { } : watch;
    }

    /**
     * Forces many files to disk at once: a file system commits several flushes together, so a configuration of ten
     * thousand small files costs a few commits rather than ten thousand.
     */
    public static void fsyncAll(java.util.Collection<Path> files) throws IOException {
        if (files.size() < 2) {
            for (Path file : files) {
                fsync(file);
            }
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(FSYNC_THREADS, files.size()), DaemonThreads.numbered("ripple-fsync"));
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (Path file : files) {
                done.add(pool.submit(() -> {
                    fsync(file);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while forcing files to disk");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Flushes under way at once in {@link #fsyncAll}; the disk, not the CPU, is what they wait for. */
    private static final int FSYNC_THREADS = 16;

    /** Makes a rename durable; some file systems cannot open a folder for this, which is fine to ignore. */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not supported here: the rename is still atomic, only less durable
        }
    }
}
