package io.ripple.cluster;

import io.ripple.ClusterMXBean;
import io.ripple.remote.ConnectionCache;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 1: decides whether a run may start (none in progress, a plan that fits, a configuration the master's validator
 * accepts and can publish), and starts it: the run's rows, its journal entry, the slot it holds until it ends.
 */
final class RunAdmission {

    private static final Logger log = LoggerFactory.getLogger(RunAdmission.class);

    private final MasterSide master;
    private final Map<String, String> replicas;
    private final RunSlot slot;
    private final RunTracker tracker;
    private final ConnectionCache connections;
    private final Consumer<ActiveRun> begin;

    /**
     * @param replicas replica name to URL, in the configured order
     * @param begin    takes a run once it holds the slot: asks its first batch
     */
    RunAdmission(MasterSide master, Map<String, String> replicas, RunSlot slot, RunTracker tracker,
                 ConnectionCache connections, Consumer<ActiveRun> begin) {
        this.master = master;
        this.replicas = replicas;
        this.slot = slot;
        this.tracker = tracker;
        this.connections = connections;
        this.begin = begin;
    }

    /** A run with this plan of what is on the master's disk now, published first when it changed. */
    synchronized String restart(RunPlan plan, String requestedBy) {
        slot.refuseIfBusy();
        try {
            plan.checkFits(replicas.size());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(Coordinator.REFUSED + e.getMessage());
        }
        try {
            master.validate();
        } catch (Exception e) {
            String reason = Coordinator.reason(e);
            log.warn(MessageId.RUN_REFUSED.line("Cluster restart refused: {}"), reason);
            throw new IllegalStateException(Coordinator.REFUSED + reason);
        }
        long previous = master.refreshlessVersion();
        long version;
        String digest;
        try {
            version = master.refresh(requestedBy);
            digest = master.digest(version);
        } catch (Exception e) {
            throw new IllegalStateException(Coordinator.REFUSED + "the master's configuration cannot be published: " + e.getMessage());
        }
        return start(plan, requestedBy, previous, version, digest);
    }

    /** A one-at-a-time run of an earlier version's content, published again as a new version. */
    synchronized String rollback(long version, String requestedBy) {
        slot.refuseIfBusy();
        long previous = master.refreshlessVersion();
        long published;
        String digest;
        try {
            published = master.restore(version, requestedBy);
            digest = master.digest(published);
        } catch (Exception e) {
            throw new IllegalStateException("Rollback to version " + version + " refused: " + Coordinator.reason(e));
        }
        return start(RunPlan.RIPPLE, requestedBy + ", rollback to version " + version, previous, published, digest);
    }

    private String start(RunPlan plan, String requestedBy, long previous, long version, String digest) {
        String runId = tracker.nextRunId();
        List<ServerRow> rows = new ArrayList<>();
        replicas.keySet().forEach(name -> rows.add(ServerRow.pending(name, Role.REPLICA)));
        rows.add(ServerRow.pending(master.name(), Role.MASTER));
        Map<String, ReplicaTurn> runTurns = new LinkedHashMap<>();
        replicas.forEach((name, url) -> runTurns.put(name, new ReplicaTurn(name, url, connections)));
        ActiveRun run = new ActiveRun(runId, plan, version, previous, runTurns);
        String mode = plan.mode().equals("plan") ? "plan: " + plan.describe() : plan.mode();
        try {
            tracker.start(new Run(runId, mode, RunState.IN_PROGRESS, ClusterMXBean.MESSAGE_IN_PROGRESS, requestedBy,
                    System.currentTimeMillis(), 0, version, digest, rows));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the run journal: " + e.getMessage());
        }
        slot.occupy(run);
        begin.accept(run);
        return runId;
    }
}
