package io.ripple.cluster;

import io.ripple.ClusterMXBean;
import io.ripple.management.SafeText;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServer;
import io.ripple.remote.ServerSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cluster restart on the master: asks every replica to sync and restart (step 2), in parallel or one at a
 * time, follows each by its reports and by polling (step 6), gives each {@code max-wait-time}, and restarts the master
 * last when its own configuration changed (step 7).
 */
public final class Coordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);
    /** How often the master reads the state of the replicas it waits for. */
    static final long POLL_INTERVAL_MILLIS = 100;
    /** Remote calls under way at once, whatever the number of replicas. */
    static final int MAX_CONCURRENT_CALLS = 32;
    private static final long SHUTDOWN_WAIT_SECONDS = 5;
    /** The start of the message a refused run answers with; the validator's message follows. */
    public static final String REFUSED = "Cluster restart refused: ";
    /** A run's revert pass asks the replicas under the run's id with this suffix: {@code 7.revert}. */
    /** Bound of the detail a replica reports, as the run's row keeps it. */
    static final int MAX_DETAIL_CHARS = 1000;

    private final MasterSide master;
    private final Map<String, String> replicas;
    private final ConnectionCache connections;
    private final RunTracker tracker;
    private final int maxWaitSeconds;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService calls;
    private final ReplicaReads reads = new ReplicaReads();
    private volatile ActiveRun active;

    /** The state only a running run has. */
    private static final class ActiveRun {
        final String runId;
        final RunPlan plan;
        final long version;
        final long previousVersion;
        final Map<String, ReplicaTurn> turns = new LinkedHashMap<>();
        final List<List<String>> batches;
        int nextBatch;
        /** What the replicas are asked for: the run itself, or its revert ({@code runId.revert}). */
        volatile String requestId;
        volatile long requestVersion;
        volatile boolean cancelled;
        volatile boolean stopped;
        volatile boolean reverting;
        volatile boolean finishing;

        ActiveRun(String runId, RunPlan plan, long version, long previousVersion, List<String> replicas) {
            this.runId = runId;
            this.plan = plan;
            this.version = version;
            this.previousVersion = previousVersion;
            this.batches = plan.batches(replicas);
            this.requestId = runId;
            this.requestVersion = version;
        }

        boolean ripple() {
            return plan.effectiveBatch(turns.size()) == 1;
        }
    }

    /**
     * @param replicas replica name to URL, in the configured order
     */
    public Coordinator(MasterSide master, Map<String, String> replicas, RemoteConnector connector, RunTracker tracker,
                       int maxWaitSeconds) {
        this.master = master;
        this.replicas = new LinkedHashMap<>(replicas);
        this.connections = new ConnectionCache(connector);
        this.tracker = tracker;
        this.maxWaitSeconds = maxWaitSeconds;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("ripple-run-scheduler"));
        this.calls = Executors.newFixedThreadPool(Math.max(2, Math.min(MAX_CONCURRENT_CALLS, replicas.size() + 1)),
                threads("ripple-run-call"));
        scheduler.scheduleWithFixedDelay(this::tick, POLL_INTERVAL_MILLIS, POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public List<String> replicaNames() {
        return List.copyOf(replicas.keySet());
    }

    public int maxWaitSeconds() {
        return maxWaitSeconds;
    }

    public Run current() {
        return tracker.current();
    }

    public boolean inProgress() {
        return active != null;
    }

    /** Step 1: starts a run and returns its id at once. */
    public String restart(boolean ripple, String requestedBy) {
        return restart(ripple ? RunPlan.RIPPLE : RunPlan.PARALLEL, requestedBy);
    }

    /** Step 1 with a plan: batches, pauses, a minimum of replicas Ready, a failure threshold, automatic revert. */
    public synchronized String restart(RunPlan plan, String requestedBy) {
        ActiveRun running = active;
        if (running != null) {
            throw new IllegalStateException("restart already in progress: run " + running.runId);
        }
        try {
            plan.checkFits(replicas.size());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(REFUSED + e.getMessage());
        }
        try {
            master.validate();
        } catch (Exception e) {
            String reason = reason(e);
            log.warn("Cluster restart refused: {}", reason);
            throw new IllegalStateException(REFUSED + reason);
        }
        long previous = master.refreshlessVersion();
        long version;
        String digest;
        try {
            version = master.refresh(requestedBy);
            digest = master.digest(version);
        } catch (Exception e) {
            throw new IllegalStateException(REFUSED + "the master's configuration cannot be published: " + e.getMessage());
        }
        return start(plan, requestedBy, previous, version, digest);
    }

    /**
     * Rollback: publishes an earlier version's content again, as a new version (history only moves forward, and every
     * server's version stays comparable), and runs a cluster restart with it one server at a time.
     */
    public synchronized String rollback(long version, String requestedBy) {
        ActiveRun running = active;
        if (running != null) {
            throw new IllegalStateException("restart already in progress: run " + running.runId);
        }
        long previous = master.refreshlessVersion();
        long published;
        String digest;
        try {
            published = master.restore(version, requestedBy);
            digest = master.digest(published);
        } catch (Exception e) {
            throw new IllegalStateException("Rollback to version " + version + " refused: " + reason(e));
        }
        return start(RunPlan.RIPPLE, requestedBy + ", rollback to version " + version, previous, published, digest);
    }

    /** The published versions with who published them and the runs that completed with each, as JSON. */
    public String history() {
        try {
            return RunHistory.json(master.history(), tracker.completedRunsByVersion());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the history: " + reason(e));
        }
    }

    private String start(RunPlan plan, String requestedBy, long previous, long version, String digest) {
        String runId = tracker.nextRunId();
        List<ServerRow> rows = new ArrayList<>();
        replicas.keySet().forEach(name -> rows.add(ServerRow.pending(name, "replica")));
        rows.add(ServerRow.pending(master.name(), "master"));
        ActiveRun run = new ActiveRun(runId, plan, version, previous, List.copyOf(replicas.keySet()));
        replicas.forEach((name, url) -> run.turns.put(name, new ReplicaTurn(name, url, connections)));
        String mode = plan.mode().equals("plan") ? "plan: " + plan.describe() : plan.mode();
        try {
            tracker.start(new Run(runId, mode, RunState.IN_PROGRESS,
                    ClusterMXBean.MESSAGE_IN_PROGRESS, requestedBy, System.currentTimeMillis(), 0, version, digest, rows));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the run journal: " + e.getMessage());
        }
        active = run;
        if (run.turns.isEmpty()) {
            finishWhenDone(run);
        } else {
            startNextBatch(run, System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(maxWaitSeconds));
        }
        return runId;
    }

    /**
     * Asks the next batch, once enough of the other replicas are Ready (min-ready); waits for that up to
     * max-wait-time, then fails the batch.
     */
    private void startNextBatch(ActiveRun run, long gateDeadline) {
        List<String> batch;
        synchronized (run) {
            if (run.cancelled || run.stopped || run.nextBatch >= run.batches.size()) {
                finishWhenDone(run);
                return;
            }
            batch = run.batches.get(run.nextBatch);
        }
        calls.execute(() -> {
            int ready = run.plan.minReady() == 0 ? 0 : readyOutside(run, batch);
            if (ready < run.plan.minReady()) {
                if (now() < gateDeadline) {
                    scheduler.schedule(() -> startNextBatch(run, gateDeadline), POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                }
                for (String name : batch) {
                    update(run, name, r -> r.to(RowState.REQUESTED, "", now()));
                    complete(run, name, RowState.FAILED, "not asked: only " + ready + " other replicas were Ready for "
                            + maxWaitSeconds + " s, and min-ready is " + run.plan.minReady());
                }
                return;
            }
            synchronized (run) {
                run.nextBatch++;
            }
            batch.forEach(name -> request(run, run.turns.get(name)));
        });
    }

    /** Replicas outside the batch that answer Ready now; one that cannot be asked counts as not Ready. */
    private int readyOutside(ActiveRun run, List<String> batch) {
        int ready = 0;
        for (ReplicaTurn turn : run.turns.values()) {
            if (batch.contains(turn.name)) {
                continue;
            }
            try {
                ServerSnapshot s = turn.call(RemoteServer::serverSnapshot);
                ready += s.ready() ? 1 : 0;
            } catch (RemoteException e) {
                // not Ready, as far as this run can tell
            }
        }
        return ready;
    }

    /** Step 2 for one replica: read its version, then ask it to sync and restart. */
    private void request(ActiveRun run, ReplicaTurn turn) {
        turn.deadlineMillis = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(maxWaitSeconds);
        turn.callInFlight.set(true);
        String requestId = run.requestId;
        update(run, turn.name, r -> r.to(RowState.REQUESTED, run.reverting
                ? "reverting to version " + run.requestVersion : "asking " + turn.url, now()));
        calls.execute(() -> {
            try {
                Optional<String> stranger = turn.call(r -> ReplicaIdentity.mismatch(r, turn.name, master.clusterId()));
                if (stranger.isPresent()) {
                    complete(run, turn.name, RowState.FAILED, stranger.get());
                    return;
                }
                long before = turn.call(r -> r.configStore().getVersion());
                if (!stillWaitingFor(run, turn, requestId)) {
                    return; // the turn ended while the call was under way: asking now would act for an ended turn
                }
                update(run, turn.name, r -> r.withVersions(before, -1));
                long deadline = turn.deadlineMillis;
                String answer = turn.call(r -> r.server().syncAndRestartUntil(requestId, deadline));
                update(run, turn.name, r -> r.state() == RowState.REQUESTED ? r.to(RowState.REQUESTED, answer, now()) : r);
            } catch (RemoteException e) {
                complete(run, turn.name, RowState.FAILED, e.getMessage());
            } finally {
                turn.callInFlight.set(false);
            }
        });
    }

    /** Whether the run still waits for this replica under this request: in progress, same pass, row active, in time. */
    private boolean stillWaitingFor(ActiveRun run, ReplicaTurn turn, String requestId) {
        return active == run && run.requestId.equals(requestId) && now() <= turn.deadlineMillis
                && tracker.current().row(turn.name).map(r -> r.state().isActive()).orElse(false);
    }

    /**
     * A replica asks before it restarts: true only while the run is in progress under this id and waits for that
     * replica. Once the master gave up on a turn (timed out, failed, cancelled, ended), no restart is confirmed for it.
     */
    public boolean confirmTurn(String runId, String replica) {
        ActiveRun run = active;
        if (run == null || runId == null) {
            return false;
        }
        ReplicaTurn turn = run.turns.get(replica);
        boolean wanted = turn != null && stillWaitingFor(run, turn, runId);
        if (!wanted) {
            log.info("Run {}: no restart confirmed for {}: the run does not wait for it", runId, replica);
        }
        return wanted;
    }

    /** Every poll interval: a deadline check and, for each replica at work with no call under way, one poll. */
    private void tick() {
        ActiveRun run = active;
        if (run == null) {
            return;
        }
        long now = now();
        for (ReplicaTurn turn : run.turns.values()) {
            ServerRow row = tracker.current().row(turn.name).orElseThrow();
            if (!row.state().isActive()) {
                continue;
            }
            if (now > turn.deadlineMillis) {
                complete(run, turn.name, RowState.TIMED_OUT, "no outcome within max-wait-time " + maxWaitSeconds
                        + " s (last seen " + row.state() + (row.detail().isEmpty() ? "" : ": " + row.detail()) + ")");
                // a call still under way to it belongs to a turn that ended: its connection goes with it
                connections.drop(turn.url);
            } else if (turn.callInFlight.compareAndSet(false, true)) {
                calls.execute(() -> poll(run, turn));
            }
        }
    }

    /** Step 6, confirmed: reads the replica's Server attributes and moves its row along. */
    private void poll(ActiveRun run, ReplicaTurn turn) {
        try {
            ServerSnapshot s = turn.call(RemoteServer::serverSnapshot);
            if (!run.requestId.equals(s.lastRunId())) {
                return;
            }
            switch (s.lastRunOutcome()) {
                case "RESTARTED" -> complete(run, turn.name, RowState.RESTARTED, s.lastRunDetail());
                case "UP_TO_DATE" -> complete(run, turn.name, RowState.UP_TO_DATE, s.lastRunDetail());
                case "FAILED" -> complete(run, turn.name, RowState.FAILED, s.lastRunDetail());
                // a poll that was under way when the row ended must not move it back
                default -> update(run, turn.name, r -> r.state().isActive() ? r.to(progress(s), s.lastRunDetail(), now()) : r);
            }
        } catch (RemoteException e) {
            // A replica restarting its process cannot answer for a moment; the deadline decides.
        } finally {
            turn.callInFlight.set(false);
        }
    }

    private static RowState progress(ServerSnapshot s) {
        if ("RESTARTING".equals(s.state()) || s.lastRunDetail().startsWith("restarting")) {
            return RowState.RESTARTING;
        }
        if (s.lastRunDetail().startsWith("checking")) {
            return RowState.CHECKING;
        }
        return RowState.SYNCING;
    }

    /**
     * Step 6, reported: a replica says it is done. A late report for the latest run (the master's poll or its wait
     * ended the row first) changes nothing.
     *
     * @throws IllegalArgumentException see {@link #checkReport}; nothing changed
     */
    public void replicaCompleted(String runId, String replica, String outcome, String detail) {
        RowState state = checkReport(runId, replica, outcome);
        ActiveRun run = active;
        if (run == null || !run.requestId.equals(runId)) {
            log.info("Late report from {} for run {} ignored: that run is not in progress", replica, runId);
            return;
        }
        complete(run, replica, state, detail == null ? "" : SafeText.of(detail, MAX_DETAIL_CHARS));
    }

    /**
     * The outcome of a report that names a run this master knows (the one in progress, or the latest one, or its
     * revert pass), one of its replicas and a final outcome.
     *
     * @throws IllegalArgumentException naming what is unknown (bounded), before anything is stored or logged
     */
    public RowState checkReport(String runId, String replica, String outcome) {
        if (!replicas.containsKey(replica)) {
            throw new IllegalArgumentException("Unknown replica '" + SafeText.of(replica) + "': the master's replicas are "
                    + replicas.keySet() + ".");
        }
        RowState state = RowState.RESTARTED.name().equals(outcome) ? RowState.RESTARTED
                : RowState.UP_TO_DATE.name().equals(outcome) ? RowState.UP_TO_DATE
                : RowState.FAILED.name().equals(outcome) ? RowState.FAILED : null;
        if (state == null) {
            throw new IllegalArgumentException("Unknown outcome '" + SafeText.of(outcome)
                    + "': expected RESTARTED, UP_TO_DATE or FAILED.");
        }
        RunId.check(runId);
        if (!knownRun(runId)) {
            ActiveRun run = active;
            Run latest = tracker.current();
            throw new IllegalArgumentException("Unknown run '" + runId + "': " + (run != null ? "run " + run.requestId
                    + " is in progress." : latest == null ? "no run has been started." : "no run is in progress; the latest was "
                    + latest.runId() + "."));
        }
        return state;
    }

    /** The run in progress (either pass), or the latest run and its revert pass. */
    private boolean knownRun(String runId) {
        ActiveRun run = active;
        if (run != null && (runId.equals(run.requestId) || runId.equals(run.runId))) {
            return true;
        }
        Run latest = tracker.current();
        return latest != null && (runId.equals(latest.runId()) || runId.equals(latest.runId() + RunId.REVERT_SUFFIX));
    }

    /** Ends one replica's row (once) and moves the run on. */
    private void complete(ActiveRun run, String replica, RowState outcome, String detail) {
        boolean[] changed = {false};
        long after = run.requestVersion;
        update(run, replica, r -> {
            if (!r.state().isActive()) {
                return r; // already done, or never asked: a stray report changes nothing
            }
            changed[0] = true;
            ServerRow done = r.to(outcome, run.reverting ? "reverted: " + detail : detail, now());
            return outcome == RowState.RESTARTED || outcome == RowState.UP_TO_DATE ? done.withVersions(-1, after) : done;
        });
        if (!changed[0]) {
            return;
        }
        if (!run.reverting) {
            int failures = tracker.current().failedServers().size();
            if (run.plan.stopsAt(failures) && !run.stopped) {
                run.stopped = true;
                skipPending(run, "skipped: " + replica + " " + outcome
                        + (run.plan.maxFailures() > 1 ? " (" + failures + " failures, max-failures " + run.plan.maxFailures() + ")" : ""));
            } else if (run.cancelled) {
                skipPending(run, "skipped: the run was cancelled");
            } else if (batchDone(run)) {
                long pauseMillis = TimeUnit.SECONDS.toMillis(run.plan.pauseSeconds());
                long gate = now() + pauseMillis + TimeUnit.SECONDS.toMillis(maxWaitSeconds);
                if (pauseMillis > 0 && hasPending(run)) {
                    scheduler.schedule(() -> startNextBatch(run, gate), pauseMillis, TimeUnit.MILLISECONDS);
                } else {
                    startNextBatch(run, gate);
                }
                return;
            }
        }
        finishWhenDone(run);
    }

    /** True when no replica of the run is at work: the batch under way has ended. */
    private boolean batchDone(ActiveRun run) {
        return tracker.current().servers().stream().noneMatch(r -> r.role().equals("replica") && r.state().isActive());
    }

    private boolean hasPending(ActiveRun run) {
        return tracker.current().servers().stream().anyMatch(r -> r.role().equals("replica") && r.state() == RowState.PENDING);
    }

    private void skipPending(ActiveRun run, String reason) {
        for (ServerRow row : tracker.current().servers()) {
            if (row.state() == RowState.PENDING && !row.role().equals("master")) {
                update(run, row.name(), r -> r.to(RowState.SKIPPED, reason, now()));
            }
        }
    }

    private void finishWhenDone(ActiveRun run) {
        boolean replicasDone = tracker.current().servers().stream()
                .filter(r -> r.role().equals("replica")).allMatch(r -> r.state().isFinal());
        if (replicasDone && !run.finishing) {
            synchronized (run) {
                if (run.finishing) {
                    return;
                }
                run.finishing = true;
            }
            calls.execute(() -> finish(run));
        }
    }

    /** Step 7, and the end of the run. */
    private void finish(ActiveRun run) {
        String masterName = master.name();
        try {
            List<String> failed = tracker.current().failedServers();
            if (run.reverting) {
                update(run, masterName, r -> r.to(RowState.SKIPPED, "not restarted: the run was reverted", now()));
                tracker.end(RunState.REVERTED, failedMessage(tracker.current()) + " Reverted to version " + run.previousVersion + ".");
            } else if (!failed.isEmpty() && run.plan.autoRevert() && startRevert(run)) {
                return;
            } else if (run.cancelled) {
                update(run, masterName, r -> r.to(RowState.SKIPPED, "not restarted: the run was cancelled", now()));
                tracker.end(RunState.CANCELLED, "The cluster restart was cancelled.");
            } else if (!failed.isEmpty()) {
                update(run, masterName, r -> r.to(RowState.SKIPPED, "not restarted: " + String.join(", ", failed) + " failed", now()));
                tracker.end(RunState.FAILED, failedMessage(tracker.current()));
            } else if (master.appliedVersion() < run.version) {
                restartMaster(run);
            } else {
                update(run, masterName, r -> r.to(RowState.UP_TO_DATE, "running version " + master.appliedVersion(), now())
                        .withVersions(master.appliedVersion(), master.appliedVersion()));
                tracker.end(RunState.COMPLETED, ClusterMXBean.MESSAGE_RESTARTED);
            }
        } catch (IOException | RuntimeException e) {
            log.error("Run {} could not be finished: {}", run.runId, e.toString());
        } finally {
            boolean revertStarted = run.reverting && !run.finishing;
            if (active == run && !revertStarted) {
                active = null;
            }
        }
    }

    /**
     * Brings every replica this run moved back to the version before it, as a second pass of the same run
     * ({@code runId.revert}); false when there is nothing to put back.
     */
    private boolean startRevert(ActiveRun run) {
        List<String> moved = tracker.current().servers().stream()
                .filter(r -> r.role().equals("replica") && r.state() == RowState.RESTARTED && r.versionAfter() == run.version)
                .map(ServerRow::name).toList();
        if (moved.isEmpty() || run.previousVersion <= 0 || run.previousVersion == run.version) {
            return false;
        }
        log.info("Run {}: reverting {} to version {}", run.runId, moved, run.previousVersion);
        synchronized (run) {
            run.reverting = true;
            run.requestId = run.runId + RunId.REVERT_SUFFIX;
            run.requestVersion = run.previousVersion;
            run.finishing = false;
        }
        moved.forEach(name -> request(run, run.turns.get(name)));
        return true;
    }

    private void restartMaster(ActiveRun run) throws IOException {
        String masterName = master.name();
        long before = master.appliedVersion();
        update(run, masterName, r -> r.to(RowState.RESTARTING, "applying version " + run.version, now()).withVersions(before, -1));
        tracker.masterRestarting();
        try {
            master.restart(run.version, "cluster restart " + run.runId + " applied version " + run.version);
            update(run, masterName, r -> r.to(RowState.RESTARTED, "restarted itself last", now()).withVersions(-1, run.version));
            tracker.end(RunState.COMPLETED, ClusterMXBean.MESSAGE_RESTARTED);
        } catch (Exception e) {
            update(run, masterName, r -> r.to(RowState.FAILED, "the master's restart failed: " + e.getMessage(), now()));
            tracker.end(RunState.FAILED, failedMessage(tracker.current()));
        }
    }

    /** An exception's message for people: its own message, or its type when it has none. */
    static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    static String failedMessage(Run run) {
        List<String> parts = new ArrayList<>();
        for (ServerRow row : run.servers()) {
            if (row.state().isFailure()) {
                parts.add(row.name() + " " + row.state() + (row.detail().isEmpty() ? "" : ": " + row.detail()));
            }
        }
        return ClusterMXBean.MESSAGE_FAILED + " " + String.join("; ", parts);
    }

    /** Lets the servers already asked finish, asks no more, and ends the run CANCELLED. */
    public String cancel() {
        ActiveRun run = active;
        if (run == null) {
            throw new IllegalStateException("No cluster restart is in progress.");
        }
        run.cancelled = true;
        skipPending(run, "skipped: the run was cancelled");
        long working = tracker.current().servers().stream().filter(r -> r.state().isActive()).count();
        finishWhenDone(run);
        return "Run " + run.runId + " cancelled: " + working + " server(s) already asked will finish, no more will be asked.";
    }

    /** The version a run distributes; for an unknown run, the latest published one. */
    public long runVersion(String runId) {
        ActiveRun running = active;
        if (running != null && running.requestId.equals(runId)) {
            return running.requestVersion;
        }
        Run run = tracker.current();
        if (run != null && run.runId().equals(runId)) {
            return run.version();
        }
        return master.refreshlessVersion();
    }

    /** Every replica read now, as JSON; see {@link ClusterHealth}. */
    public String health() {
        return ClusterHealth.json(master, tracker.current(), ClusterHealth.read(replicas, master.clusterId(), connections, reads));
    }

    /** What a run would do now; see {@link Preview}. */
    public String preview() throws Exception {
        return preview(RunPlan.PARALLEL);
    }

    /** What a run with this plan would do now: the same, with its batches. */
    public String preview(RunPlan plan) throws Exception {
        StringBuilder out = new StringBuilder(Preview.of(master, replicas, connections, reads));
        if (!plan.equals(RunPlan.PARALLEL) && !Preview.wouldNotRun(out.toString())) {
            out.append("Plan: ").append(plan.describe()).append('\n');
            List<List<String>> batches = plan.batches(List.copyOf(replicas.keySet()));
            for (int i = 0; i < batches.size(); i++) {
                out.append("  batch ").append(i + 1).append(": ").append(String.join(", ", batches.get(i))).append('\n');
            }
        }
        return out.toString();
    }

    public String eventsAfter(long afterSequence) {
        return tracker.eventsAfter(afterSequence);
    }

    private void update(ActiveRun run, String server, java.util.function.UnaryOperator<ServerRow> change) {
        try {
            if (tracker.current().runId().equals(run.runId)) {
                tracker.updateRow(server, change);
            }
        } catch (IOException e) {
            log.error("Cannot write the run journal: {}", e.getMessage());
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        reads.close();
        calls.shutdown();
        try {
            if (!calls.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Remote calls still running after {} s; stopping anyway", SHUTDOWN_WAIT_SECONDS);
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close();
    }
}
