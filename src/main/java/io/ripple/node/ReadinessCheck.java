package io.ripple.node;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * After a restart: the hosted server must report Ready, then stay Ready for {@code ready-checks} consecutive probes and
 * for {@code soak-time}, all within the time left of {@code max-wait-time}. A server that comes up and falls over a
 * moment later fails the check; one that failed on its own (an agent's program whose {@code main} threw) fails it at once.
 */
final class ReadinessCheck {

    /** How often a restarted server is asked whether it is Ready. */
    static final long PROBE_INTERVAL_MILLIS = 200;

    private final BooleanSupplier ready;
    private final Supplier<String> failure;
    private final int checks;
    private final long soakMillis;
    private final long intervalMillis;

    ReadinessCheck(BooleanSupplier ready, int checks, long soakMillis, long intervalMillis) {
        this(ready, () -> "", checks, soakMillis, intervalMillis);
    }

    /** @param failure why the server failed on its own, or empty while it has not */
    ReadinessCheck(BooleanSupplier ready, Supplier<String> failure, int checks, long soakMillis, long intervalMillis) {
        this.ready = ready;
        this.failure = failure;
        this.checks = checks;
        this.soakMillis = soakMillis;
        this.intervalMillis = intervalMillis;
    }

    static ReadinessCheck of(NodeSettings settings, HostLifecycle lifecycle) {
        return new ReadinessCheck(lifecycle::ready, lifecycle::hostFailure, settings.readyChecks(), TimeUnit.SECONDS.toMillis(settings.soakSeconds()),
                PROBE_INTERVAL_MILLIS);
    }

    /** What is asked of the server, for the log and the run's detail. */
    String describe() {
        return checks + " Ready probe" + (checks == 1 ? "" : "s") + (soakMillis > 0 ? " and " + soakMillis / 1000 + " s of soak" : "");
    }

    /**
     * Probes until the server has been Ready long enough, it stops being Ready, or the deadline passes.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return empty when the server held; otherwise why not, in one line
     */
    Optional<String> await(long deadlineNanos) throws InterruptedException {
        long firstReady = 0;
        boolean seenReady = false;
        int consecutive = 0;
        while (true) {
            String failed = failure.get();
            if (!failed.isEmpty()) {
                return Optional.of(failed);
            }
            boolean up = probe();
            long now = System.nanoTime();
            if (up) {
                if (!seenReady) {
                    seenReady = true;
                    firstReady = now;
                }
                consecutive++;
                if (consecutive >= checks && now - firstReady >= TimeUnit.MILLISECONDS.toNanos(soakMillis)) {
                    return Optional.empty();
                }
            } else if (seenReady) {
                return Optional.of("it was Ready, then not Ready " + millis(now - firstReady) + " ms later (after "
                        + consecutive + " of " + describe() + ")");
            }
            if (now - deadlineNanos >= 0) {
                return Optional.of(seenReady
                        ? "max-wait-time ran out after " + consecutive + " of " + describe()
                        : "not Ready within max-wait-time");
            }
            long sleep = Math.min(intervalMillis, Math.max(1, millis(deadlineNanos - now)));
            Thread.sleep(sleep);
        }
    }

    private boolean probe() {
        try {
            return ready.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
