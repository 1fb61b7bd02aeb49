package io.ripple.config;

import io.ripple.util.DaemonThreads;
import io.ripple.util.FutureWaits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads under way together, answered in the order they were asked: over a link with a long round trip, one read at a
 * time waits a round trip each, while reads in flight together keep the link busy. Each answer comes with the time it
 * took, from the start of its call to its end.
 *
 * @param <R> what describes a read
 */
final class ReadsAhead<R> implements AutoCloseable {

    /** An answer and the nanoseconds its call took. */
    record Answer<R>(R read, Object value, long nanos) {
    }

    private record Timed(Object value, long nanos) {
    }

    private record Ahead<R>(R read, Future<Timed> call) {
    }

    private final ExecutorService readers;
    private final Deque<Ahead<R>> ahead = new ArrayDeque<>();

    /** @param threads the most reads under way at once */
    ReadsAhead(int threads, String threadName) {
        this.readers = Executors.newFixedThreadPool(threads, DaemonThreads.numbered(threadName));
    }

    int size() {
        return ahead.size();
    }

    void submit(R read, Callable<Object> call) {
        ahead.addLast(new Ahead<>(read, readers.submit(() -> {
            long start = System.nanoTime();
            Object value = call.call();
            return new Timed(value, System.nanoTime() - start);
        })));
    }

    /** The answer of the oldest read; its failure is thrown as it was. */
    Answer<R> next() throws IOException {
        Ahead<R> first = ahead.removeFirst();
        try {
            Timed timed = FutureWaits.result(first.call(), FutureWaits.thrownAs(IOException.class, IOException::new));
            return new Answer<>(first.read(), timed.value(), timed.nanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pulling files from the master");
        }
    }

    /** Drops the reads ahead; one under way ends on its own (within the call time-out) and its answer is not used. */
    @Override
    public void close() {
        ahead.forEach(a -> a.call().cancel(false));
        ahead.clear();
        readers.shutdown();
    }
}
