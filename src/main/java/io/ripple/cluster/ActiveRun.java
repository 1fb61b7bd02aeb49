package io.ripple.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The state only a run in progress has: its replicas' turns, the batch under way, and the pass it asks for. */
final class ActiveRun {

    /**
     * What the replicas are asked for: the run itself, or its revert ({@code runId.revert}) back to the version before.
     * One immutable value, so that no reader sees the id of one pass with the version of the other.
     */
    record Pass(String requestId, long version, boolean reverting) {
    }

    final String runId;
    final RunPlan plan;
    final long version;
    final long previousVersion;
    final Map<String, ReplicaTurn> turns;
    private final List<List<String>> batches;
    private int batchUnderWay = -1;
    private boolean finishing;
    private volatile Pass pass;
    volatile boolean cancelled;
    volatile boolean stopped;

    /** @param turns the replicas' turns, in the configured order */
    ActiveRun(String runId, RunPlan plan, long version, long previousVersion, Map<String, ReplicaTurn> turns) {
        this.runId = runId;
        this.plan = plan;
        this.version = version;
        this.previousVersion = previousVersion;
        this.turns = new LinkedHashMap<>(turns);
        this.batches = plan.batches(List.copyOf(turns.keySet()));
        this.pass = new Pass(runId, version, false);
    }

    Pass pass() {
        return pass;
    }

    boolean reverting() {
        return pass.reverting();
    }

    /** Whether a replica asked under {@code requestId} is asked under the pass this run is in now. */
    boolean asks(String requestId) {
        return pass.requestId().equals(requestId);
    }

    /**
     * The next batch, claimed by this caller alone, once every replica of the batch under way has {@code ended}; empty
     * when that batch is still at work, when another caller claimed the next one first, or when none is left. Checking
     * and claiming are one step: two replicas of a batch that end at the same moment start the next batch once.
     */
    synchronized Optional<List<String>> claimNextBatch(Predicate<String> ended) {
        if (batchUnderWay >= 0 && !batches.get(batchUnderWay).stream().allMatch(ended)) {
            return Optional.empty();
        }
        if (batchUnderWay + 1 >= batches.size()) {
            return Optional.empty();
        }
        batchUnderWay++;
        return Optional.of(batches.get(batchUnderWay));
    }

    /** True for the one caller that gets to finish the run (or its revert pass). */
    synchronized boolean claimFinish() {
        if (finishing) {
            return false;
        }
        finishing = true;
        return true;
    }

    /** Turns the run into its revert pass, which asks again and is finished again. */
    synchronized void startRevert() {
        pass = new Pass(runId + RunId.REVERT_SUFFIX, previousVersion, true);
        finishing = false;
    }
}
