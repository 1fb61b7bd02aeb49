package io.ripple.cluster;

import io.ripple.util.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's threads: one scheduler for polls, pauses and waits, and a bounded pool for remote calls. Every task is
 * guarded: an exception is logged with what was being done, and never ends the periodic poll (a periodic task that
 * throws is never run again) nor leaves a run waiting with no trace.
 */
final class RunExecutors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunExecutors.class);
    /** Remote calls under way at once, whatever the number of replicas. */
    static final int MAX_CONCURRENT_CALLS = 32;
    private static final long SHUTDOWN_WAIT_SECONDS = 5;
    /** A periodic task that keeps failing is logged at most this often. */
    static final long REPEAT_LOG_MILLIS = 60_000;

    private final ScheduledExecutorService scheduler;
    private final ExecutorService calls;

    RunExecutors(int replicas) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("ripple-run-scheduler"));
        this.calls = Executors.newFixedThreadPool(Math.max(2, Math.min(MAX_CONCURRENT_CALLS, replicas + 1)),
                DaemonThreads.numbered("ripple-run-call"));
    }

    /** Runs {@code task} on the call pool. */
    void execute(String what, Runnable task) {
        try {
            calls.execute(guarded(what, task));
        } catch (RejectedExecutionException e) {
            log.debug("{} not run: the coordinator is closed", what);
        }
    }

    /** Runs {@code task} on the call pool after {@code delayMillis}. */
    void schedule(String what, Runnable task, long delayMillis) {
        try {
            scheduler.schedule(() -> execute(what, task), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{} not scheduled: the coordinator is closed", what);
        }
    }

    /**
     * Runs {@code task} on the scheduler every {@code periodMillis}, whatever an earlier run threw. A failure that
     * repeats is logged once per {@link #REPEAT_LOG_MILLIS}, with how many were not, so that the log stays readable.
     */
    void every(String what, Runnable task, long periodMillis) {
        AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        AtomicInteger unlogged = new AtomicInteger();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                long now = System.currentTimeMillis();
                long last = lastLogged.get();
                if (last != Long.MIN_VALUE && now - last < REPEAT_LOG_MILLIS || !lastLogged.compareAndSet(last, now)) {
                    unlogged.incrementAndGet();
                    return;
                }
                int since = unlogged.getAndSet(0);
                log.error("{} failed; it goes on{}: {}", what, since == 0 ? "" : " (" + since + " failures not logged since the"
                        + " last one)", e.toString(), e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The call pool, for reads that gather many answers. */
    ExecutorService calls() {
        return calls;
    }

    static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{} failed; the run goes on: {}", what, e.toString(), e);
            }
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        calls.shutdown();
        try {
            if (!calls.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Remote calls still running after {} s; stopping anyway", SHUTDOWN_WAIT_SECONDS);
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
