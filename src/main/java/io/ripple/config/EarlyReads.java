package io.ripple.config;

import io.ripple.util.DaemonThreads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first reads of a pull, asked as soon as a version is offered, while the replica does its own work before the
 * pull (recording what it saw, scanning its files, working out what its rules accept, checking free space): over a
 * long round trip that work and the first reads' round trip overlap instead of adding up. The reads are those the
 * pull itself asks first ({@link ReadPlan} with {@link ChunkSizer}'s first chunks, within its bytes in flight) for the
 * files this replica most likely lacks: those of the version whose content it did not hold after its last sync. The
 * pull takes each answer once, instead of asking again; a read the pull never asks for is dropped when this closes.
 * Nothing is written: answers stay in memory (the pull's first window, at most {@link ChunkSizer#BYTES_IN_FLIGHT}, and
 * the first chunks of {@code <entries>}) until the pull checks and stages them like any other. A failed early read is
 * asked again when the pull needs it, so that the pull's own call decides what fails.
 */
public final class EarlyReads implements ObjectSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EarlyReads.class);

    /** A read as the pull asks it: one chunk of a file, or whole small files in one call. */
    private record Key(List<String> shas, long offset, int length) {
        static Key chunk(String sha, long offset, int length) {
            return new Key(List.of(sha), offset, length);
        }

        static Key batch(List<ManifestEntry> files) {
            return new Key(files.stream().map(ManifestEntry::sha256).toList(), -1, -1);
        }
    }

    private final ObjectSource source;
    private final Map<Key, CompletableFuture<Object>> asked = new HashMap<>();
    private final ExecutorService readers;
    private final long bytes;
    private int taken;

    private EarlyReads(ObjectSource source, List<ReadPlan.Read> reads) {
        this.source = source;
        this.readers = reads.isEmpty() ? null
                : Executors.newFixedThreadPool(reads.size(), DaemonThreads.numbered("ripple-early-read"));
        long sum = 0;
        for (ReadPlan.Read read : reads) {
            asked.put(key(read), CompletableFuture.supplyAsync(() -> fetch(read), readers));
            sum += read.bytes();
        }
        this.bytes = sum;
    }

    /**
     * Asks at once the reads a sync to {@code target} asks first, when this replica last held {@code held}: the first
     * chunks of the version's {@code <entries>}, which a sync reads before anything else, and the first reads of the
     * pull of each content not held, in the order of the manifest. Files edited on this server since, or left out by
     * its rules, make the guess wrong, never the pull: it asks for what it finds missing. A read of contents all in
     * {@code atHand} (SHA-256s the source answers without a call, such as the files sent with the request) is not
     * asked early: it costs nothing later either.
     */
    public static EarlyReads begin(PublishedVersion target, Collection<ManifestEntry> held, Set<String> atHand,
                                   ObjectSource source) {
        Set<String> heldShas = held.stream().map(ManifestEntry::sha256).collect(Collectors.toSet());
        Map<String, ManifestEntry> missing = new LinkedHashMap<>();
        for (ManifestEntry entry : target.entries()) {
            if (!entry.path().equals(ReplicatedEntries.PATH) && !heldShas.contains(entry.sha256())) {
                missing.putIfAbsent(entry.sha256(), entry);
            }
        }
        List<ReadPlan.Read> reads = new ArrayList<>();
        target.entry(ReplicatedEntries.PATH).ifPresent(e -> reads.addAll(firstReads(List.of(e), false)));
        reads.addAll(firstReads(List.copyOf(missing.values()), true));
        reads.removeIf(read -> atHand.containsAll(key(read).shas()));
        EarlyReads early = new EarlyReads(source, reads);
        if (!reads.isEmpty()) {
            log.debug("Asked {} reads ({} bytes) of version {} before the pull", reads.size(), early.bytes, target.version());
        }
        return early;
    }

    /** The reads {@link ObjectFetcher} asks before its first answer, as it plans them; none for empty files. */
    private static List<ReadPlan.Read> firstReads(List<ManifestEntry> entries, boolean batchSmall) {
        ReadPlan plan = new ReadPlan(entries, batchSmall);
        ChunkSizer sizer = new ChunkSizer(ConfigSync.CHUNK_BYTES);
        List<ReadPlan.Read> reads = new ArrayList<>();
        int planned = 0;
        long held = 0;
        while (plan.hasNext() && sizer.mayAsk(planned, planned, held)) {
            ReadPlan.Read read = plan.next(sizer.chunkBytes());
            planned++;
            held += read.bytes();
            if (read.bytes() > 0) {
                reads.add(read);
            }
        }
        return reads;
    }

    private Object fetch(ReadPlan.Read read) {
        try {
            return read.fetch(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Key key(ReadPlan.Read read) {
        if (read instanceof ReadPlan.Batch batch) {
            return Key.batch(batch.files());
        }
        ReadPlan.Chunk chunk = (ReadPlan.Chunk) read;
        return Key.chunk(chunk.entry().sha256(), chunk.offset(), chunk.length());
    }

    @Override
    public byte[] read(String sha256, long offset, int length) throws IOException {
        Object early = take(Key.chunk(sha256, offset, length));
        return early != null ? (byte[]) early : source.read(sha256, offset, length);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<byte[]> readAll(List<ManifestEntry> entries) throws IOException {
        Object early = take(Key.batch(entries));
        return early != null ? (List<byte[]>) early : source.readAll(entries);
    }

    /** The answer of an early read asked so, once; null when there is none, or it failed. */
    private Object take(Key key) throws InterruptedIOException {
        CompletableFuture<Object> call;
        synchronized (asked) {
            call = asked.remove(key);
            if (call != null) {
                taken++;
            }
        }
        if (call == null) {
            return null;
        }
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a read of the master's files");
        } catch (ExecutionException e) {
            log.debug("An early read failed ({}); asked again", e.getCause().toString());
            return null;
        }
    }

    /** Early reads taken by the pull so far. */
    int taken() {
        synchronized (asked) {
            return taken;
        }
    }

    /** Drops the answers the pull did not take; calls still under way end on their own, unread. */
    @Override
    public void close() {
        int dropped;
        synchronized (asked) {
            dropped = asked.size();
            asked.values().forEach(call -> call.cancel(false));
            asked.clear();
        }
        if (readers != null) {
            readers.shutdown();
        }
        if (dropped > 0) {
            log.debug("{} early reads not taken by the pull, dropped", dropped);
        }
    }

    /** The keys still waiting to be taken, for tests. */
    Set<String> waiting() {
        synchronized (asked) {
            return asked.keySet().stream().map(k -> k.shas() + "@" + k.offset() + "+" + k.length())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
    }
}
