package io.ripple.config;

import io.ripple.util.DaemonThreads;
import io.ripple.util.FutureWaits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads under way together, taken in the order they were asked: over a link with a long round trip, one read at a
 * time waits a round trip each, while reads in flight together keep the link busy. A read answered before an older
 * one frees its call at once ({@link #running()}), so that a slow answer at the head does not stop the next reads from
 * going out. Each answer comes with the time it took, from the start of its call to its end.
 *
 * @param <R> what describes a read
 */
final class ReadsAhead<R> implements AutoCloseable {

    /** An answer and the nanoseconds its call took. */
    record Answer<R>(R read, Object value, long nanos) {
    }

    private record Timed(Object value, long nanos) {
    }

    private record Ahead<R>(R read, CompletableFuture<Timed> call) {
    }

    private final ExecutorService readers;
    private final Deque<Ahead<R>> ahead = new ArrayDeque<>();
    private final Object finishing = new Object();
    /** Calls ended so far; guarded by {@link #finishing}. */
    private long finished;
    /** Calls asked and not yet ended; guarded by {@link #finishing}. */
    private int running;

    /** @param threads the most reads under way at once */
    ReadsAhead(int threads, String threadName) {
        this.readers = Executors.newFixedThreadPool(threads, DaemonThreads.numbered(threadName));
    }

    /** Reads asked and not yet taken: under way, or answered and waiting for an older one. */
    int size() {
        return ahead.size();
    }

    /** Calls under way: reads asked whose answer has not come. */
    int running() {
        synchronized (finishing) {
            return running;
        }
    }

    /** How many calls have ended so far: a mark for {@link #awaitAnotherAnswer(long)}. */
    long finished() {
        synchronized (finishing) {
            return finished;
        }
    }

    /** Whether the oldest read's answer has come, so that {@link #next()} will not wait. */
    boolean oldestAnswered() {
        Ahead<R> first = ahead.peekFirst();
        return first != null && first.call().isDone();
    }

    void submit(R read, Callable<Object> call) {
        CompletableFuture<Timed> answer = new CompletableFuture<>();
        synchronized (finishing) {
            running++;
        }
        ahead.addLast(new Ahead<>(read, answer));
        readers.execute(() -> {
            try {
                if (!answer.isDone()) { // not dropped by close() before it started
                    long start = System.nanoTime();
                    Object value = call.call();
                    answer.complete(new Timed(value, System.nanoTime() - start));
                }
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            } finally {
                // after the answer is complete: whoever wakes sees it
                synchronized (finishing) {
                    running--;
                    finished++;
                    finishing.notifyAll();
                }
            }
        });
    }

    /** Waits until a call has ended after {@code mark} (a value of {@link #finished()}); returns at once if one has. */
    void awaitAnotherAnswer(long mark) throws InterruptedIOException {
        synchronized (finishing) {
            while (finished == mark) {
                try {
                    finishing.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while pulling files from the master");
                }
            }
        }
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
