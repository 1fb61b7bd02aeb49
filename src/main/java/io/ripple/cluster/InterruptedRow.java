package io.ripple.cluster;

import io.ripple.management.SafeText;

/** How one unfinished row of a run cut short by the master's stop ends, from what its replica says of that run. */
final class InterruptedRow {

    static final String INTERRUPTED = "interrupted: the master stopped during the run";

    private InterruptedRow() {
    }

    /**
     * @param told what the replica says of its last run; null when it did not answer
     */
    static ServerRow conclude(ServerRow row, String runId, long runVersion, RunTracker.LastRun told, long now) {
        if (told != null && runId.equals(told.runId())) {
            String detail = told.detail() == null ? "" : SafeText.of(told.detail(), Coordinator.MAX_DETAIL_CHARS);
            switch (told.outcome() == null ? "" : told.outcome()) {
                case "RESTARTED" -> {
                    return row.to(RowState.RESTARTED, detail, now).withVersions(-1, runVersion);
                }
                case "UP_TO_DATE" -> {
                    return row.to(RowState.UP_TO_DATE, detail, now).withVersions(-1, runVersion);
                }
                case "FAILED" -> {
                    return row.to(RowState.FAILED, detail, now);
                }
                default -> {
                    return row.to(RowState.FAILED, INTERRUPTED + " (" + row.name() + " still at work: " + detail + ")", now);
                }
            }
        }
        return row.to(row.state() == RowState.PENDING ? RowState.SKIPPED : RowState.FAILED, INTERRUPTED, now);
    }
}
