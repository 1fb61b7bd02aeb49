package io.ripple.cluster;

/** The state of a whole run. */
public enum RunState {
    IN_PROGRESS, COMPLETED, FAILED, CANCELLED, INTERRUPTED, REVERTED
}
