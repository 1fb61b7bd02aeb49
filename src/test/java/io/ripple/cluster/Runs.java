package io.ripple.cluster;

import io.ripple.ClusterMXBean;
import java.util.ArrayList;
import java.util.List;

/** Test runs: replicas in order, then the master. */
final class Runs {

    static final String MASTER = "master";

    private Runs() {
    }

    static Run inProgress(String runId, String... replicas) {
        List<ServerRow> rows = new ArrayList<>();
        for (String r : replicas) {
            rows.add(ServerRow.pending(r, "replica"));
        }
        rows.add(ServerRow.pending(MASTER, "master"));
        return new Run(runId, "ripple", RunState.IN_PROGRESS, ClusterMXBean.MESSAGE_IN_PROGRESS, "admin (jmx 127.0.0.1)",
                1_764_079_200_123L, 0, 12, "9f2cabcdef", rows);
    }
}
