package io.ripple.node;

import io.ripple.remote.RemoteException;

/**
 * How long a starting replica keeps trying its master, and which failures are worth another try: a master that is
 * down or still starting heals by itself; a wrong password, a refused role or a refusal by the replica's own checks
 * do not.
 */
final class StartupWait {

    /** Pause between two tries of a master that is down or starting. */
    static final long RETRY_INTERVAL_MILLIS = 500;

    private final long deadlineNanos;

    StartupWait(int startupWaitSeconds) {
        this.deadlineNanos = System.nanoTime() + startupWaitSeconds * 1_000_000_000L;
    }

    /** Whether {@code failure} may heal if tried again: the master cannot be reached, or is starting. */
    static boolean mayHeal(Exception failure) {
        if (!(failure instanceof RemoteException remote)) {
            return false;
        }
        return switch (remote.kind()) {
            case CANNOT_CONNECT, TIMEOUT -> true;
            case REMOTE_ERROR -> remote.missingMBean();
            case AUTHENTICATION_FAILED, NOT_ALLOWED -> false;
        };
    }

    /** Waits for the next try; false when the start-up wait is over (or this thread was interrupted). */
    boolean pauseBeforeRetry() {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            Thread.sleep(Math.min(RETRY_INTERVAL_MILLIS, Math.max(1, left / 1_000_000)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
