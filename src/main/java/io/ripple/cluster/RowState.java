package io.ripple.cluster;

/** A server's state in a run, from waiting to its outcome. */
public enum RowState {
    PENDING, REQUESTED, CHECKING, SYNCING, RESTARTING,
    RESTARTED, UP_TO_DATE, FAILED, TIMED_OUT, SKIPPED;

    public boolean isFinal() {
        return ordinal() >= RESTARTED.ordinal();
    }

    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT;
    }

    public boolean isActive() {
        return !isFinal() && this != PENDING;
    }
}
