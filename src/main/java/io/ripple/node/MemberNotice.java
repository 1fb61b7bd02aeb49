package io.ripple.node;

import io.ripple.MemberInfo;
import io.ripple.management.SafeText;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteServer;
import io.ripple.util.DaemonThreads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A promoted master tells every member it can reach that it is the master now ({@code Failover.masterPromoted}), all
 * at once, each call bounded by the connector's time-outs and the whole by {@link #MAX_WAIT_SECONDS}. A member that
 * cannot be reached, or refuses, is named with why; it learns the promotion at its next start or at the new master's
 * next run.
 */
final class MemberNotice {

    static final int MAX_WAIT_SECONDS = 20; // within the CLI's 30 s call time-out
    private static final int MAX_THREADS = 16;

    /** What telling the members gave: the members told, and the others with why. */
    record Result(List<String> told, Map<String, String> notReached) {
    }

    private MemberNotice() {
    }

    static Result tellAll(List<MemberInfo> others, RemoteConnector connector, String master, long term) {
        Map<String, String> notReached = new LinkedHashMap<>();
        List<String> told = new ArrayList<>();
        if (others.isEmpty()) {
            return new Result(told, notReached);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_THREADS, others.size()),
                DaemonThreads.numbered("ripple-promotion-notice"));
        try {
            Map<String, Future<String>> calls = new LinkedHashMap<>();
            for (MemberInfo m : others) {
                calls.put(m.getName(), pool.submit(() -> {
                    try (RemoteServer member = connector.open(m.getUrl())) {
                        return member.failover().masterPromoted(master, term);
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
            calls.forEach((name, call) -> {
                try {
                    call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    told.add(name);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    notReached.put(name, SafeText.of(cause.getMessage() == null ? cause.toString() : cause.getMessage(), 300));
                } catch (TimeoutException e) {
                    call.cancel(true);
                    notReached.put(name, "no answer within " + MAX_WAIT_SECONDS + " s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    notReached.put(name, "interrupted");
                }
            });
        } finally {
            pool.shutdownNow();
        }
        return new Result(told, notReached);
    }
}
