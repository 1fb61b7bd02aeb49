package io.ripple.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rebuilds the latest run from the journal's events. */
final class RunReplay {

    private RunReplay() {
    }

    static Optional<Run> lastRun(List<RunEvent> events) {
        int start = -1;
        for (int i = events.size() - 1; i >= 0; i--) {
            if (RunEvent.RUN.equals(events.get(i).kind())) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return Optional.empty();
        }
        RunEvent first = events.get(start);
        List<ServerRow> rows = new ArrayList<>();
        for (String replica : first.servers()) {
            rows.add(ServerRow.pending(replica, Role.REPLICA));
        }
        rows.add(ServerRow.pending(first.master(), Role.MASTER));
        Run run = new Run(first.runId(), first.mode(), RunState.IN_PROGRESS, first.detail(), first.requestedBy(),
                value(first.startedAt()), 0, value(first.version()), first.digest(), rows);
        for (RunEvent e : events.subList(start + 1, events.size())) {
            if (!first.runId().equals(e.runId())) {
                continue;
            }
            switch (e.kind()) {
                case RunEvent.SERVER -> {
                    Optional<ServerRow> row = run.row(e.server());
                    if (row.isPresent()) {
                        run = run.withRow(new ServerRow(e.server(), row.get().role(), RowState.valueOf(e.state()),
                                value(e.requestedAt()), value(e.startedAt()), value(e.endedAt()),
                                e.versionBefore() == null ? -1 : e.versionBefore(),
                                e.versionAfter() == null ? -1 : e.versionAfter(), e.detail()));
                    }
                }
                case RunEvent.END -> run = run.ended(RunState.valueOf(e.state()), e.detail(), value(e.endedAt()));
                default -> {
                    // master-restarting is read by the tracker, which decides how the run ends
                }
            }
        }
        return Optional.of(run);
    }

    /** Whether the last word of the run's journal is that the master was restarting itself. */
    static boolean endsWithMasterRestart(List<RunEvent> events, String runId) {
        for (int i = events.size() - 1; i >= 0; i--) {
            RunEvent e = events.get(i);
            if (runId.equals(e.runId())) {
                return RunEvent.MASTER_RESTARTING.equals(e.kind());
            }
        }
        return false;
    }

    private static long value(Long n) {
        return n == null ? 0 : n;
    }
}
