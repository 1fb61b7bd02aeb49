package io.ripple.cluster;

import io.ripple.management.SafeText;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a replica's turn in a run ended, as the replica tells the master: by {@code Cluster.replicaCompleted} or by its
 * {@code LastRunOutcome} attribute. The wire carries {@link #name()}.
 */
public enum RunOutcome {
    RESTARTED(RowState.RESTARTED),
    UP_TO_DATE(RowState.UP_TO_DATE),
    FAILED(RowState.FAILED);

    private final RowState rowState;

    RunOutcome(RowState rowState) {
        this.rowState = rowState;
    }

    /** The state the replica's row ends in. */
    public RowState rowState() {
        return rowState;
    }

    /** The outcome a replica reports; empty for anything else (a run still under way reports none). */
    public static Optional<RunOutcome> of(String text) {
        return Arrays.stream(values()).filter(o -> o.name().equals(text)).findFirst();
    }

    /**
     * @throws IllegalArgumentException naming the text (bounded) and the outcomes allowed
     */
    public static RunOutcome parse(String text) {
        return of(text).orElseThrow(() -> new IllegalArgumentException("Unknown outcome '" + SafeText.of(text)
                + "': expected RESTARTED, UP_TO_DATE or FAILED."));
    }
}
