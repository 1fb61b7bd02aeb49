package io.ripple.cluster;

import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Moves a run through its batches: asks one batch once enough other replicas are Ready (min-ready), waits for the
 * pause after it, stops at max-failures, and hands the run to {@link RunEnding} when no replica is left to ask.
 */
final class BatchScheduler {

    /** How often the min-ready gate asks again while too few replicas are Ready. */
    static final long GATE_RETRY_MILLIS = 100;

    private final RunRows rows;
    private final RunExecutors executors;
    private final int maxWaitSeconds;
    private final ReplicaTurns turns;
    private final RunEnding ending;

    BatchScheduler(RunRows rows, RunExecutors executors, int maxWaitSeconds, ReplicaTurns turns, RunEnding ending) {
        this.rows = rows;
        this.executors = executors;
        this.maxWaitSeconds = maxWaitSeconds;
        this.turns = turns;
        this.ending = ending;
    }

    /** Starts a run that was just admitted: its first batch, or its end when it has no replica. */
    void begin(ActiveRun run) {
        moveOn(run, rows.now());
    }

    /** Ends one replica's row (once: a late or second report changes nothing) and moves the run on. */
    void complete(ActiveRun run, String replica, RowState outcome, String detail) {
        boolean[] changed = {false};
        ActiveRun.Pass pass = run.pass();
        rows.update(run, replica, r -> {
            if (!r.state().isActive()) {
                return r; // already done, or never asked: a stray report changes nothing
            }
            changed[0] = true;
            ServerRow done = r.to(outcome, pass.reverting() ? "reverted: " + detail : detail, rows.now());
            return outcome == RowState.RESTARTED || outcome == RowState.UP_TO_DATE ? done.withVersions(-1, pass.version()) : done;
        });
        if (!changed[0]) {
            return;
        }
        if (pass.reverting()) {
            ending.finishWhenDone(run);
            return;
        }
        int failures = rows.failed().size();
        if (run.plan.stopsAt(failures) && !run.stopped) {
            run.stopped = true;
            rows.skipPending(run, "skipped: " + replica + " " + outcome
                    + (run.plan.maxFailures() > 1 ? " (" + failures + " failures, max-failures " + run.plan.maxFailures() + ")" : ""));
        } else if (run.cancelled) {
            rows.skipPending(run, "skipped: the run was cancelled");
        }
        moveOn(run, rows.now() + TimeUnit.SECONDS.toMillis(run.plan.pauseSeconds()));
    }

    /** Stops asking: the replicas already asked finish, the others are skipped. */
    void cancel(ActiveRun run) {
        run.cancelled = true;
        rows.skipPending(run, "skipped: the run was cancelled");
        ending.finishWhenDone(run);
    }

    /**
     * Claims the next batch when the one under way has ended (one caller only, see {@link ActiveRun#claimNextBatch}) and
     * asks it at {@code startAt}; finishes the run when there is nothing left to ask.
     */
    private void moveOn(ActiveRun run, long startAt) {
        Optional<List<String>> next = run.cancelled || run.stopped ? Optional.empty() : run.claimNextBatch(rows::ended);
        if (next.isEmpty()) {
            ending.finishWhenDone(run);
            return;
        }
        List<String> batch = next.get();
        long delay = Math.max(0, startAt - rows.now());
        long gateDeadline = startAt + TimeUnit.SECONDS.toMillis(maxWaitSeconds);
        String what = "Run " + run.runId + ": starting batch " + batch;
        if (delay == 0) {
            // no pause: straight to a call thread, not through the scheduler's (one thread hand-off less per batch)
            executors.execute(what, () -> startBatch(run, batch, gateDeadline));
        } else {
            executors.schedule(what, () -> startBatch(run, batch, gateDeadline), delay);
        }
    }

    /**
     * Asks a claimed batch once enough of the other replicas are Ready (min-ready); waits for that up to max-wait-time,
     * then fails the batch.
     */
    private void startBatch(ActiveRun run, List<String> batch, long gateDeadline) {
        if (run.cancelled || run.stopped) {
            ending.finishWhenDone(run);
            return;
        }
        int ready = run.plan.minReady() == 0 ? 0 : readyOutside(run, batch);
        if (ready < run.plan.minReady()) {
            if (rows.now() < gateDeadline) {
                executors.schedule("Run " + run.runId + ": waiting for min-ready", () -> startBatch(run, batch, gateDeadline),
                        GATE_RETRY_MILLIS);
                return;
            }
            for (String name : batch) {
                rows.update(run, name, r -> r.state() == RowState.PENDING ? r.to(RowState.REQUESTED, "", rows.now()) : r);
                complete(run, name, RowState.FAILED, "not asked: only " + ready + " other replicas were Ready for "
                        + maxWaitSeconds + " s, and min-ready is " + run.plan.minReady());
            }
            return;
        }
        // on a call thread already: the batch's last replica is asked from this one, the others from threads of their own
        for (int i = 0; i < batch.size() - 1; i++) {
            turns.request(run, run.turns.get(batch.get(i)));
        }
        turns.requestHere(run, run.turns.get(batch.get(batch.size() - 1)));
    }

    /** Replicas outside the batch that answer Ready now; one that cannot be asked counts as not Ready. */
    private int readyOutside(ActiveRun run, List<String> batch) {
        int ready = 0;
        for (ReplicaTurn turn : run.turns.values()) {
            if (batch.contains(turn.name)) {
                continue;
            }
            try {
                ready += turn.call(RemoteServer::serverSnapshot).ready() ? 1 : 0;
            } catch (RemoteException e) {
                // not Ready, as far as this run can tell
            }
        }
        return ready;
    }
}
