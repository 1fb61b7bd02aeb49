package io.ripple.cluster;

import java.util.concurrent.atomic.AtomicReference;

/** The one run in progress on this master, if any: a second run is refused until the first has ended. */
final class RunSlot {

    private final AtomicReference<ActiveRun> active = new AtomicReference<>();

    /** The run in progress, or null. */
    ActiveRun get() {
        return active.get();
    }

    /** Whether {@code run} is the run in progress. */
    boolean holds(ActiveRun run) {
        return active.get() == run;
    }

    /** @throws IllegalStateException naming the run in progress */
    void refuseIfBusy() {
        ActiveRun running = active.get();
        if (running != null) {
            throw new IllegalStateException(busy(running));
        }
    }

    /** @throws IllegalStateException naming the run in progress, which keeps the slot */
    void occupy(ActiveRun run) {
        ActiveRun running = active.compareAndExchange(null, run);
        if (running != null) {
            throw new IllegalStateException(busy(running));
        }
    }

    /** The refusal's sentence; {@code bin/ripple} finds the run id in it to follow that run. */
    static String busy(ActiveRun running) {
        return "A cluster restart is already in progress: run " + running.runId + ". Wait for it to end, or cancel it.";
    }

    /** Frees the slot when {@code run} holds it. */
    void release(ActiveRun run) {
        active.compareAndSet(run, null);
    }
}
