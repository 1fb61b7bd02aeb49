package io.ripple.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run restarts the replicas: how many at once, with what pause between batches, how many must stay Ready, how
 * many failures stop it, and whether a stopped run puts back what it changed. {@code -ripple} is batches of one that
 * stop at the first failure; the default run is one batch of all that tries every replica.
 *
 * @param batchSize    replicas restarted at once; 0 for all
 * @param pauseSeconds seconds between the end of one batch and the start of the next
 * @param minReady     replicas that must stay Ready while others restart
 * @param maxFailures  failed replicas that stop the run; 0 for no limit
 * @param autoRevert   a run stopped by failures brings the replicas it moved back to their version before
 */
public record RunPlan(int batchSize, int pauseSeconds, int minReady, int maxFailures, boolean autoRevert) {

    /**
     * The master's turn in every plan (WebSEAL's order): it restarts after the replicas, and only when none of them
     * failed; otherwise it stays on the version it runs. Preview, status and check say it in these words.
     */
    public static final String MASTER_LAST = "the master restarts last, only if every replica succeeded";

    public static final RunPlan PARALLEL = new RunPlan(0, 0, 0, 0, false);
    public static final RunPlan RIPPLE = new RunPlan(1, 0, 0, 1, false);

    public RunPlan {
        check(batchSize, "batch size");
        check(pauseSeconds, "pause");
        check(minReady, "min-ready");
        check(maxFailures, "max-failures");
    }

    private static void check(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException("Invalid " + what + " " + value + ": must be 0 or more.");
        }
    }

    /** Refuses a plan that could never restart anyone among {@code replicas}. */
    public void checkFits(int replicas) {
        if (replicas > 0 && minReady >= replicas) {
            throw new IllegalArgumentException("min-ready " + minReady + " leaves no replica free to restart among "
                    + replicas + ": it must be less than the number of replicas.");
        }
    }

    /** {@code parallel}, {@code ripple}, or {@code plan} for any other plan. */
    public String mode() {
        return equals(PARALLEL) ? "parallel" : equals(RIPPLE) ? "ripple" : "plan";
    }

    /** Replicas asked at once: the batch size, but never so many that fewer than min-ready others remain. */
    public int effectiveBatch(int replicas) {
        int batch = batchSize == 0 ? replicas : Math.min(batchSize, replicas);
        return Math.max(1, Math.min(batch, replicas - minReady));
    }

    public boolean stopsAt(int failures) {
        return maxFailures > 0 && failures >= maxFailures;
    }

    /** The replicas in the order and batches this plan restarts them. */
    public List<List<String>> batches(List<String> replicas) {
        List<List<String>> batches = new ArrayList<>();
        int size = effectiveBatch(replicas.size());
        for (int i = 0; i < replicas.size(); i += size) {
            batches.add(List.copyOf(replicas.subList(i, Math.min(replicas.size(), i + size))));
        }
        return batches;
    }

    /** One line for the status and the log: {@code batch 2, pause 10 s, min-ready 1, max-failures 1, auto-revert}. */
    public String describe() {
        return (batchSize == 0 ? "all at once" : "batch " + batchSize) + ", pause " + pauseSeconds + " s, min-ready "
                + minReady + ", max-failures " + (maxFailures == 0 ? "none" : maxFailures) + (autoRevert ? ", auto-revert" : "");
    }
}
