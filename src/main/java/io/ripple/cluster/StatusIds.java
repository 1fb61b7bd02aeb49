package io.ripple.cluster;

import io.ripple.util.MessageId;

/**
 * The message ID of a run's status sentence. The sentence itself stays the contract's exact text (StatusMessage, the
 * journal, statusJson's {@code message}); the ID goes beside it, or in front where people and runbooks read it.
 */
public final class StatusIds {

    private StatusIds() {
    }

    /** The ID of the status sentence of {@code run}, or of "no run" for null. */
    public static MessageId of(Run run) {
        return run == null ? MessageId.STATUS_NONE : of(run.state());
    }

    /** The ID of the status sentence a run in {@code state} has. */
    public static MessageId of(RunState state) {
        return switch (state) {
            case IN_PROGRESS -> MessageId.STATUS_IN_PROGRESS;
            case COMPLETED -> MessageId.STATUS_RESTARTED;
            case FAILED -> MessageId.STATUS_FAILED;
            case CANCELLED -> MessageId.STATUS_CANCELLED;
            case INTERRUPTED -> MessageId.STATUS_INTERRUPTED;
            case REVERTED -> MessageId.STATUS_REVERTED;
        };
    }
}
