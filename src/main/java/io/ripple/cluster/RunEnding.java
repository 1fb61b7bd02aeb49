package io.ripple.cluster;

import io.ripple.ClusterMXBean;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run, once no replica is at work: its revert pass when failures stopped it and it reverts, else the
 * master's own turn last (step 7) when its configuration changed, and the run's final state.
 */
final class RunEnding {

    private static final Logger log = LoggerFactory.getLogger(RunEnding.class);

    /** Asks the replicas of a revert pass again, under the pass the run is in now. */
    @FunctionalInterface
    interface Asker {
        void ask(ActiveRun run, ReplicaTurn turn);
    }

    private final MasterSide master;
    private final RunSlot slot;
    private final RunRows rows;
    private final RunExecutors executors;
    private final Asker asker;

    RunEnding(MasterSide master, RunSlot slot, RunRows rows, RunExecutors executors, Asker asker) {
        this.master = master;
        this.slot = slot;
        this.rows = rows;
        this.executors = executors;
        this.asker = asker;
    }

    /** Finishes the run (once) when every replica's row has ended. */
    void finishWhenDone(ActiveRun run) {
        if (rows.replicasDone() && run.claimFinish()) {
            executors.execute("Run " + run.runId + ": finishing", () -> finish(run));
        }
    }

    private void finish(ActiveRun run) {
        boolean ended = true;
        try {
            ended = end(run);
        } catch (IOException | RuntimeException e) {
            log.error(MessageId.RUN_NOT_FINISHED.line("Run {} could not be finished: {}"), run.runId, e.toString());
        } finally {
            if (ended) {
                slot.release(run);
            }
        }
    }

    /** Ends the run in its final state; false when it goes on as its revert pass instead. */
    private boolean end(ActiveRun run) throws IOException {
        String masterName = master.name();
        List<String> failed = rows.failed();
        RunTracker tracker = rows.tracker();
        if (run.reverting()) {
            rows.move(run, masterName, RowState.SKIPPED, "not restarted: the run was reverted");
            tracker.end(RunState.REVERTED, failedMessage(rows.current()) + " Reverted to version " + run.previousVersion + ".");
        } else if (!failed.isEmpty() && run.plan.autoRevert() && startRevert(run)) {
            return false;
        } else if (run.cancelled) {
            rows.move(run, masterName, RowState.SKIPPED, "not restarted: the run was cancelled");
            tracker.end(RunState.CANCELLED, "The cluster restart was cancelled.");
        } else if (!failed.isEmpty()) {
            rows.move(run, masterName, RowState.SKIPPED, skippedForFailures(failed, master.appliedVersion(), run.version));
            tracker.end(RunState.FAILED, failedMessage(rows.current()));
        } else if (master.appliedVersion() < run.version) {
            restartMaster(run);
        } else {
            long applied = master.appliedVersion();
            rows.update(run, masterName, r -> r.to(RowState.UP_TO_DATE, "running version " + applied, rows.now())
                    .withVersions(applied, applied));
            tracker.end(RunState.COMPLETED, ClusterMXBean.MESSAGE_RESTARTED);
        }
        return true;
    }

    /**
     * Brings every replica this run moved back to the version before it, as a second pass of the same run
     * ({@code runId.revert}); false when there is nothing to put back.
     */
    private boolean startRevert(ActiveRun run) {
        List<String> moved = rows.movedTo(run.version);
        if (moved.isEmpty() || run.previousVersion <= 0 || run.previousVersion == run.version) {
            return false;
        }
        log.warn(MessageId.RUN_REVERTING.line("Run {}: reverting {} to version {}"), run.runId, moved, run.previousVersion);
        run.startRevert();
        moved.forEach(name -> asker.ask(run, run.turns.get(name)));
        return true;
    }

    /** Step 7: the master restarts itself last, with the version the replicas now run. */
    private void restartMaster(ActiveRun run) throws IOException {
        String masterName = master.name();
        long before = master.appliedVersion();
        rows.update(run, masterName, r -> r.to(RowState.RESTARTING, "applying version " + run.version, rows.now())
                .withVersions(before, -1));
        rows.tracker().masterRestarting();
        try {
            master.restart(run.version, "cluster restart " + run.runId + " applied version " + run.version);
            rows.update(run, masterName, r -> r.to(RowState.RESTARTED, "restarted itself last", rows.now())
                    .withVersions(-1, run.version));
            rows.tracker().end(RunState.COMPLETED, ClusterMXBean.MESSAGE_RESTARTED);
        } catch (Exception e) {
            rows.move(run, masterName, RowState.FAILED, "the master's restart failed: " + e.getMessage());
            rows.tracker().end(RunState.FAILED, failedMessage(rows.current()));
        }
    }

    /**
     * The master's row when replicas failed. As WebSEAL does, the master restarts last, and only once every replica
     * succeeded: restarting it next to a failed replica would leave no server of the cluster on the version before. The
     * row says so, the version the master stays on, and what to do.
     */
    static String skippedForFailures(List<String> failed, long masterVersion, long runVersion) {
        String who = String.join(", ", failed);
        if (masterVersion >= runVersion) {
            return "not restarted: " + who + " failed; the master already runs version " + masterVersion;
        }
        return "not restarted because " + who + " failed (" + RunPlan.MASTER_LAST + "): the master stays on version "
                + masterVersion + ", this run's version is " + runVersion + "; fix " + who
                + ", then run 'ripple cluster restart' again";
    }

    /** The run's message when servers failed: each failed server with its state and detail. */
    static String failedMessage(Run run) {
        List<String> parts = new ArrayList<>();
        for (ServerRow row : run.servers()) {
            if (row.state().isFailure()) {
                parts.add(row.name() + " " + row.state() + (row.detail().isEmpty() ? "" : ": " + row.detail()));
            }
        }
        return ClusterMXBean.MESSAGE_FAILED + " " + String.join("; ", parts);
    }
}
