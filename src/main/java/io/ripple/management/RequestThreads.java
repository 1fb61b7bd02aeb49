package io.ripple.management;

import io.ripple.util.DaemonThreads;
import io.ripple.util.MessageId;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that answer Jolokia's HTTP requests, and a bounded line of requests waiting for one. A request that
 * finds the line full is not queued behind slow work: the JDK's HTTP server closes its connection at once, and the
 * client sees the refusal instead of waiting without end.
 */
final class RequestThreads {

    private static final Logger LOG = LoggerFactory.getLogger(RequestThreads.class);

    /** {@code [jolokia] threads} when server.conf does not set it. */
    static final int DEFAULT_THREADS = 8;
    /** Requests that may wait for a thread, per thread. */
    static final int QUEUED_PER_THREAD = 8;
    /** Refusals between two warnings after the first one: a flood is counted, not logged line by line. */
    private static final long WARN_EVERY_REFUSALS = 1000;

    private RequestThreads() {
    }

    /** A pool of {@code threads} named {@code jolokia-PORT-N}, with {@code queued} places in line. */
    static ThreadPoolExecutor create(int threads, int queued, int port) {
        AtomicLong refused = new AtomicLong();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queued),
                DaemonThreads.numbered("jolokia-" + port),
                (task, pool) -> {
                    long n = refused.incrementAndGet();
                    if (n % WARN_EVERY_REFUSALS == 1) {
                        LOG.warn(MessageId.JOLOKIA_BUSY.line("Jolokia on port {}: all {} request threads busy and {} requests waiting; refused a request"
                                + " ({} refused so far). Raise [jolokia] threads if this is the normal load."),
                                port, threads, queued, n);
                    }
                    throw new RejectedExecutionException("Jolokia request line full on port " + port);
                });
    }
}
