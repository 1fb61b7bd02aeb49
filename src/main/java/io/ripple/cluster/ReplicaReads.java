package io.ripple.cluster;

import io.ripple.util.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only questions to every replica at once ({@code health()}, {@code preview()}), on a pool of their own, apart
 * from a run's calls: bounded in threads and in reads waiting for one, and with one deadline for all the replicas. A
 * replica that does not answer in time, or that cannot be asked because too many reads already wait, gets an answer
 * that says so, and the caller (a Jolokia or JMX request thread) is free again after the deadline at most.
 */
final class ReplicaReads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaReads.class);

    /** Replicas read at the same time by all health and preview requests together. */
    static final int THREADS = 8;
    /** Reads that may wait for a thread; beyond them a replica is reported as not asked at once. */
    static final int QUEUED_READS = 256;
    /** How long a health or preview request waits for all the replicas together. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long IDLE_THREAD_SECONDS = 60;

    /** Reads one replica; failures it expects become part of its answer. */
    @FunctionalInterface
    interface Reader<T> {
        T read(String name, String url);
    }

    /** The answer of a replica that gave none, saying why. */
    @FunctionalInterface
    interface Unanswered<T> {
        T because(String name, String url, String why);
    }

    private final ThreadPoolExecutor pool;
    private final Duration deadline;

    ReplicaReads() {
        this(THREADS, QUEUED_READS, DEADLINE);
    }

    ReplicaReads(int threads, int queuedReads, Duration deadline) {
        this.deadline = deadline;
        this.pool = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queuedReads), DaemonThreads.numbered("ripple-replica-read"));
        pool.allowCoreThreadTimeOut(true);
    }

    /** Every replica's answer, in the order of {@code replicas}, within the deadline. */
    <T> List<T> readAll(Map<String, String> replicas, Reader<T> reader, Unanswered<T> unanswered) {
        long endNanos = System.nanoTime() + deadline.toNanos();
        Map<String, Future<T>> reads = new LinkedHashMap<>();
        List<T> answers = new ArrayList<>();
        replicas.forEach((name, url) -> {
            try {
                reads.put(name, pool.submit(() -> reader.read(name, url)));
            } catch (RejectedExecutionException e) {
                reads.put(name, null);
            }
        });
        for (Map.Entry<String, Future<T>> read : reads.entrySet()) {
            String name = read.getKey();
            String url = replicas.get(name);
            Future<T> answer = read.getValue();
            if (answer == null) {
                answers.add(unanswered.because(name, url, "not asked: " + QUEUED_READS + " reads of replicas are already waiting"));
                continue;
            }
            answers.add(await(answer, endNanos, name, url, unanswered));
        }
        return answers;
    }

    private <T> T await(Future<T> answer, long endNanos, String name, String url, Unanswered<T> unanswered) {
        try {
            return answer.get(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return unanswered.because(name, url, "did not answer within " + describe(deadline));
        } catch (ExecutionException e) {
            log.warn("Reading replica {} failed: {}", name, e.getCause().toString());
            return unanswered.because(name, url, "cannot be read: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return unanswered.because(name, url, "not read: the request was interrupted");
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
