package io.ripple.cluster;

import io.ripple.management.SafeText;
import io.ripple.remote.ConnectionCache;
import java.util.List;
import java.util.Map;

/**
 * What the master answers about runs without changing any: the latest run, its events, the version a run distributes,
 * the history, the replicas' health, a preview, and whether a replica's report names a run and outcome it knows.
 */
final class RunQueries {

    private final MasterSide master;
    private final Map<String, String> replicas;
    private final RunSlot slot;
    private final RunTracker tracker;
    private final ConnectionCache connections;
    private final ReplicaReads reads;

    RunQueries(MasterSide master, Map<String, String> replicas, RunSlot slot, RunTracker tracker,
               ConnectionCache connections, ReplicaReads reads) {
        this.master = master;
        this.replicas = replicas;
        this.slot = slot;
        this.tracker = tracker;
        this.connections = connections;
        this.reads = reads;
    }

    Run current() {
        return tracker.current();
    }

    boolean inProgress() {
        return slot.get() != null;
    }

    String eventsAfter(long afterSequence) {
        return tracker.eventsAfter(afterSequence);
    }

    /** The version a run distributes (its revert pass: the version it puts back); for an unknown run, the latest. */
    long runVersion(String runId) {
        ActiveRun running = slot.get();
        if (running != null && running.asks(runId)) {
            return running.pass().version();
        }
        Run run = tracker.current();
        if (run != null && run.runId().equals(runId)) {
            return run.version();
        }
        return master.refreshlessVersion();
    }

    /**
     * The outcome of a report that names a run this master knows (the one in progress, or the latest one, or its
     * revert pass), one of its replicas and a final outcome.
     *
     * @throws IllegalArgumentException naming what is unknown (bounded), before anything is stored or logged
     */
    RunOutcome checkReport(String runId, String replica, String outcome) {
        if (!replicas.containsKey(replica)) {
            throw new IllegalArgumentException("Unknown replica '" + SafeText.of(replica) + "': the master's replicas are "
                    + replicas.keySet() + ".");
        }
        RunOutcome told = RunOutcome.parse(outcome);
        RunId.check(runId);
        if (!knownRun(runId)) {
            throw new IllegalArgumentException("Unknown run '" + runId + "': " + runsKnown());
        }
        return told;
    }

    /**
     * What runs this master knows, as the status shows them: a run whose end is recorded is no longer in progress,
     * even in the moment before it frees its slot.
     */
    private String runsKnown() {
        ActiveRun run = slot.get();
        Run latest = tracker.current();
        if (latest == null) {
            return "no run has been started.";
        }
        if (latest.inProgress()) {
            return "run " + (run != null ? run.pass().requestId() : latest.runId()) + " is in progress.";
        }
        return "no run is in progress; the latest was " + latest.runId() + ".";
    }

    /** The run in progress (either pass), or the latest run and its revert pass. */
    private boolean knownRun(String runId) {
        ActiveRun run = slot.get();
        if (run != null && (run.asks(runId) || runId.equals(run.runId))) {
            return true;
        }
        Run latest = tracker.current();
        return latest != null && (runId.equals(latest.runId()) || runId.equals(latest.runId() + RunId.REVERT_SUFFIX));
    }

    String history() {
        try {
            return RunHistory.json(master.history(), tracker.completedRunsByVersion());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the history: " + Coordinator.reason(e));
        }
    }

    String health() {
        return ClusterHealth.json(master, tracker.current(), ClusterHealth.read(replicas, master.clusterId(), connections, reads));
    }

    /** What a run with this plan would do now, with its batches. */
    String preview(RunPlan plan) throws Exception {
        StringBuilder out = new StringBuilder(Preview.of(master, replicas, connections, reads));
        if (!plan.equals(RunPlan.PARALLEL) && !Preview.wouldNotRun(out.toString())) {
            out.append("Plan: ").append(plan.describe()).append('\n');
            List<List<String>> batches = plan.batches(List.copyOf(replicas.keySet()));
            for (int i = 0; i < batches.size(); i++) {
                out.append("  batch ").append(i + 1).append(": ").append(String.join(", ", batches.get(i))).append('\n');
            }
            out.append("  then ").append(master.name()).append(": ").append(RunPlan.MASTER_LAST).append('\n');
        }
        return out.toString();
    }
}
