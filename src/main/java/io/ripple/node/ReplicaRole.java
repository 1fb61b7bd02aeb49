package io.ripple.node;

import io.ripple.cluster.TurnRequest;
import io.ripple.config.ConfigException;
import io.ripple.config.FaultPoints;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteException;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's part in the procedure: the startup sync, {@code sync()}, and {@code syncAndRestart(runId)} — steps 3 to
 * 6 — which answers at once and works in the background.
 */
final class ReplicaRole {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRole.class);

    static final String OUTCOME_IN_PROGRESS = "IN_PROGRESS";
    static final String OUTCOME_RESTARTED = "RESTARTED";
    static final String OUTCOME_UP_TO_DATE = "UP_TO_DATE";
    static final String OUTCOME_FAILED = "FAILED";
    /** The detail a replica shows while it reads the master's version; the master shows the row as CHECKING. */
    static final String DETAIL_CHECKING = "checking the master's configuration";
    /** A request without a deadline of the master's (the contract's {@code syncAndRestart(runId)}). */
    static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The detail a replica leaves while its process restarts (exit code 75); the master shows the row RESTARTING. */
    static final String DETAIL_PROCESS_RESTART = "restarting the process";

    private final NodeSettings settings;
    private final NodeStateStore state;
    private final HostLifecycle lifecycle;
    private final ReplicaSync sync;
    private final ConnectionCache master;
    private final Executor worker;
    private final AtomicReference<String> activeRun = new AtomicReference<>();
    /** A version on disk that a refused restart left unstarted: the next run starts it even when nothing changes. */
    private volatile long unstartedVersion;
    private final ReadinessCheck readiness;
    private final ReplicaRevert revert;
    private final ProcessRevert processRevert;

    ReplicaRole(NodeSettings settings, NodeStateStore state, HostLifecycle lifecycle, ReplicaSync sync,
                ConnectionCache master, Executor worker) {
        this.settings = settings;
        this.state = state;
        this.lifecycle = lifecycle;
        this.sync = sync;
        this.master = master;
        this.worker = worker;
        this.readiness = ReadinessCheck.of(settings, lifecycle);
        this.revert = new ReplicaRevert(settings, sync, readiness);
        this.processRevert = new ProcessRevert(settings, state, lifecycle, sync);
    }

    /**
     * Before the hosted server starts: finish an interrupted apply, then sync with the master. A master that is down or
     * still starting is tried again for up to {@code [cluster] startup-wait} seconds; a failure that cannot heal (a
     * wrong password, a refusal by this replica's own checks) ends the wait at once.
     *
     * A process started on the version before a failed one (see {@link ProcessRevert}) does not sync: that would take
     * the failed version again.
     *
     * @return the config source: "master" when the master was reached (or the process puts back a version of the
     *         master's), "last-known-good" otherwise
     */
    String startupSync() throws IOException, ConfigException {
        if (sync.recover()) {
            log.info("Configuration completed from an interrupted apply");
        }
        Optional<PendingReport> owed = PendingReport.load(settings.dataDir());
        if (owed.isPresent() && owed.get().reverting() && stillOwed(owed.get()) && processRevert.resume(owed.get())) {
            log.info("Startup sync skipped: this start puts back version {} after version {} did not come up in run {}",
                    state.get().version(), owed.get().failedVersion(), owed.get().runId());
            return "master";
        }
        StartupWait wait = new StartupWait(settings.startupWaitSeconds());
        boolean toldWaiting = false;
        while (true) {
            try {
                ReplicaSync.Outcome outcome = sync.syncFromMaster(null);
                log.info("Startup sync with master {}: {} (version {})", settings.masterName(), outcome.result().summary(),
                        outcome.version());
                return "master";
            } catch (RemoteException | ConfigException e) {
                if (StartupWait.mayHeal(e) && wait.pauseBeforeRetry()) {
                    if (!toldWaiting) {
                        log.info("Master {} not reachable yet ({}); trying again for up to {} s (startup-wait)",
                                settings.masterName(), e.getMessage(), settings.startupWaitSeconds());
                        toldWaiting = true;
                    }
                    continue;
                }
                log.warn(MessageId.STARTUP_SYNC_FAILED.line("Startup sync with master {} failed: {}. Starting on the last-known-good configuration (version {})."),
                        settings.masterName(), e.getMessage(), state.get().version());
                return "last-known-good";
            } catch (RuntimeException | Error e) {
                // What the master sent broke the sync itself (an answer no parser should have let through): still a
                // failed sync, not a reason to leave this server down.
                log.error(MessageId.STARTUP_SYNC_FAILED.line("Startup sync with master {} failed unexpectedly: {}. Starting on the last-known-good configuration")
                        + " (version {}).", settings.masterName(), describe(e), state.get().version());
                log.debug("Startup sync failure", e);
                return "last-known-good";
            }
        }
    }

    /** {@code ConfigStore.sync()}: step 4 alone, now, without restarting. */
    /** The run whose turn this replica carries out now, or null. */
    String activeRun() {
        return activeRun.get();
    }

    /**
     * After a promotion re-pointed this replica (its hosted server running): syncs with the new master when that
     * applies nothing; returns the ConfigSource. A master it cannot reach, or a version it does not hold, is left to
     * the next run.
     */
    String followNewMaster() {
        try {
            ReplicaSync.Outcome outcome = sync.syncIfHeld();
            if (outcome.isDeferred()) {
                log.info("Master {} publishes version {}, which this replica does not hold: the next run applies it",
                        settings.masterName(), outcome.version());
                return Node.CONFIG_SOURCE_LAST_KNOWN_GOOD;
            }
            log.info("Synced with master {}: version {}, nothing to apply", settings.masterName(), outcome.version());
            return Node.CONFIG_SOURCE_MASTER;
        } catch (ConfigException | IOException | RuntimeException e) {
            log.warn("Sync with the new master {} failed: {}; the next run syncs", settings.masterName(), e.getMessage());
            return Node.CONFIG_SOURCE_LAST_KNOWN_GOOD;
        }
    }

    String syncNow() {
        if (activeRun.get() != null) {
            throw new IllegalStateException("A syncAndRestart for run " + activeRun.get() + " is in progress on " + settings.name() + ".");
        }
        try {
            ReplicaSync.Outcome outcome = sync.syncFromMaster(null);
            return "Version " + outcome.version() + ": " + outcome.result().summary()
                    + (outcome.changed() ? ", " + outcome.result().bytesFetched() + " bytes fetched"
                            + " (not restarted; restart() applies it to the running server)" : "");
        } catch (ConfigException | IOException | RemoteException e) {
            // RemoteException is Ripple's class: a console without it would read a ClassNotFoundException
            throw new IllegalStateException("Sync from " + settings.masterName() + " failed: " + e.getMessage());
        }
    }

    /**
     * Steps 3 to 6 for one run; returns at once. A repeated request for the run in progress is answered, not redone. A
     * request that arrives after the master's deadline is refused: the master has given up on it, and another run may
     * be under way.
     */
    String syncAndRestart(String runId, long deadlineEpochMillis) {
        return start(runId, deadlineEpochMillis, null);
    }

    /**
     * {@code ReplicaProtocol.takeTurn}: as {@link #syncAndRestart}, with the version the master offered in its request
     * ({@code offered}, checked) instead of the reads of the master that find it; null to read them (no pin yet).
     */
    String takeTurn(TurnRequest request, TurnRequest offered) {
        return start(request.runId(), request.deadlineEpochMillis(), offered);
    }

    private String start(String runId, long deadlineEpochMillis, TurnRequest offered) {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be empty");
        }
        long now = System.currentTimeMillis();
        if (now > deadlineEpochMillis) {
            log.warn(MessageId.RUN_REQUEST_TOO_LATE.line("Run {} refused: its request arrived {} ms after the master's deadline"), runId, now - deadlineEpochMillis);
            throw new IllegalStateException("Run " + runId + " arrived at " + settings.name() + " " + (now - deadlineEpochMillis)
                    + " ms after the master's deadline: refused, the master no longer waits for it. (By this server's clock:"
                    + " keep the servers' clocks in step.)");
        }
        if (!activeRun.compareAndSet(null, runId)) {
            String active = activeRun.get();
            if (runId.equals(active)) {
                return "Run " + runId + " is already in progress on " + settings.name() + ".";
            }
            throw new IllegalStateException("Run " + active + " is in progress on " + settings.name() + "; run " + runId + " refused.");
        }
        try {
            record(runId, OUTCOME_IN_PROGRESS, DETAIL_CHECKING);
            worker.execute(() -> carryOut(runId, deadlineEpochMillis, offered));
        } catch (IOException | RuntimeException e) {
            activeRun.set(null);
            throw new IllegalStateException("Cannot start run " + runId + " on " + settings.name() + ": " + e.getMessage());
        }
        return "Run " + runId + " accepted by " + settings.name() + ".";
    }

    private void carryOut(String runId, long deadlineEpochMillis, TurnRequest offered) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(settings.maxWaitSeconds());
        String outcome;
        String detail;
        try {
            lifecycle.enter(ServerState.SYNCING);
            NodeState before = state.get();
            SyncingDetail progress = new SyncingDetail(line -> recordQuietly(runId, line), System::currentTimeMillis);
            ReplicaSync.Outcome synced = offered == null ? sync.syncFromMaster(runId, progress)
                    : sync.syncOffered(offered, progress);
            // also a version an earlier request synced and then was refused to restart with
            if (synced.changed() || unstartedVersion > lifecycle.appliedVersion()) {
                lifecycle.enter(ServerState.RUNNING);
                try {
                    confirmStillWanted(runId, deadlineEpochMillis);
                } catch (NotWanted e) {
                    unstartedVersion = Math.max(unstartedVersion, synced.version());
                    throw e;
                }
                String summary = synced.result().summary() + ", now version " + synced.version();
                String reason = "cluster restart " + runId + " applied version " + synced.version();
                Optional<InProcessReload> reload = synced.changed()
                        ? lifecycle.inProcessReloadFor(touched(synced)) : Optional.empty();
                ReplicaRevert.Restart restart = reload.isPresent()
                        ? (version, why) -> reloadInProcess(version, why, reload.get())
                        : lifecycle::restart;
                if (reload.isPresent()) {
                    summary += ", " + reload.get().describe();
                } else if (lifecycle.restartsProcess()) {
                    sync.pruneBackups(); // this process ends with the restart: no later for it
                    // only a version this run applied has its apply on record to undo
                    restartProcess(new PendingReport(runId, System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                            summary, synced.version(), synced.changed() ? before : null, null), reason);
                }
                recordProgress(runId, "restarting: " + synced.result().summary()
                        + (settings.drainSeconds() > 0 ? " (draining for up to " + settings.drainSeconds() + " s first)" : ""));
                String noted = "";
                Optional<String> failure;
                try {
                    String stopNote = restart.restart(synced.version(), reason);
                    noted = stopNote.isEmpty() ? "" : "; " + stopNote;
                    recordProgress(runId, "restarting: waiting for Ready (" + readiness.describe() + ")" + noted);
                    failure = readiness.await(deadline).map(why -> "not ready after restart: " + why);
                } catch (HostStartException e) {
                    failure = Optional.of(e.getMessage());
                }
                if (failure.isPresent()) {
                    outcome = OUTCOME_FAILED;
                    // only a version this run applied has its apply on record to undo
                    detail = synced.changed() ? revert.revert(before, synced.version(), failure.get() + noted,
                            d -> recordProgress(runId, d), restart) : failure.get() + noted;
                } else {
                    outcome = OUTCOME_RESTARTED;
                    detail = summary + noted;
                }
            } else {
                lifecycle.enter(ServerState.RUNNING);
                outcome = OUTCOME_UP_TO_DATE;
                detail = "already at version " + synced.version();
            }
        } catch (HostStartException | NotWanted e) {
            outcome = OUTCOME_FAILED;
            detail = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = OUTCOME_FAILED;
            detail = "interrupted while waiting for Ready: the server is shutting down";
        } catch (ConfigException | IOException | RuntimeException e) {
            leaveSyncing();
            outcome = OUTCOME_FAILED;
            detail = e.getMessage() == null ? e.toString() : e.getMessage();
        } catch (Error e) {
            // Whatever broke, this run's turn ends here and the replica stays free for the next run.
            log.error(MessageId.RUN_FAILED_ON_SERVER.line("Run {} failed unexpectedly on {}: {}"), runId, settings.name(), describe(e));
            log.debug("Run failure", e);
            leaveSyncing();
            outcome = OUTCOME_FAILED;
            detail = "internal error: " + describe(e);
        }
        conclude(runId, outcome, detail + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
        sync.pruneBackups(); // after the outcome went out: the old backups are no part of the turn
    }

    /** Every file the sync changed, added or removed: what an in-process reload has to cover. */
    private static List<String> touched(ReplicaSync.Outcome synced) {
        List<String> files = new ArrayList<>(synced.result().changed());
        files.addAll(synced.result().deleted());
        return files;
    }

    private String reloadInProcess(long version, String reason, InProcessReload reload) throws HostStartException {
        lifecycle.reloadInProcess(version, reason, reload);
        return "";
    }

    /**
     * The point of no return: before it restarts, the replica asks the master whether the run still wants it. A run
     * that ended, or a turn the master gave up on, gets no restart, whatever the timing of the request was.
     */
    private void confirmStillWanted(String runId, long deadlineEpochMillis) throws NotWanted {
        if (System.currentTimeMillis() > deadlineEpochMillis) {
            throw new NotWanted("not restarted: the master's deadline for run " + runId + " passed while "
                    + settings.name() + " synced; the new configuration is on disk and the next run starts it");
        }
        boolean wanted;
        try {
            wanted = master.call(settings.masterUrl(), m -> m.clusterProtocol().confirmTurn(runId, settings.name()));
        } catch (RemoteException e) {
            throw new NotWanted("not restarted: cannot confirm with " + settings.masterName() + " that run " + runId
                    + " still wants this restart: " + e.getMessage());
        }
        if (!wanted) {
            throw new NotWanted("not restarted: run " + runId + " no longer wants " + settings.name()
                    + " (it ended, or the master gave up on this replica); the new configuration is on disk and the next run"
                    + " starts it");
        }
    }

    /** A restart the run no longer wants. */
    private static final class NotWanted extends Exception {
        NotWanted(String message) {
            super(message);
        }
    }

    private void leaveSyncing() {
        if (lifecycle.state() == ServerState.SYNCING) {
            lifecycle.enter(ServerState.RUNNING);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void conclude(String runId, String outcome, String detail) {
        try {
            record(runId, outcome, detail);
        } catch (IOException e) {
            log.error("Cannot record the outcome of run {}: {}", runId, e.getMessage());
        } finally {
            activeRun.set(null);
        }
        log.info(MessageId.REPLICA_RUN_OUTCOME.line("Run {}: {} ({})"), runId, outcome, detail);
        report(runId, outcome, detail);
    }

    /**
     * Step 5 when the host restarts by a process restart: the outcome so far and the report still owed are on disk
     * before the JVM exits with code 75; the next JVM finishes the run in {@link #finishRunAfterStart()}.
     */
    private void restartProcess(PendingReport owed, String reason) throws IOException, HostStartException {
        owed.save(settings.dataDir());
        record(owed.runId(), OUTCOME_IN_PROGRESS, DETAIL_PROCESS_RESTART + ": " + owed.summary());
        lifecycle.restart(state.get().version(), reason);
    }

    /** The run of a report is still this server's run in progress: nothing else finished it meanwhile. */
    private boolean stillOwed(PendingReport pending) {
        return pending.runId().equals(state.get().lastRunId()) && OUTCOME_IN_PROGRESS.equals(state.get().lastRunOutcome());
    }

    /**
     * After this JVM started: finishes the run its state shows in progress. After a process restart, when this JVM's
     * server is Ready (and stays so), records the run's outcome and reports it to the master; when it is not, goes back
     * to the version before (once, see {@link ProcessRevert}); after any other stop during a run, see
     * {@link #concludeRunCutShort}. Returns at once; the work is in the background.
     */
    void finishRunAfterStart() throws IOException {
        Optional<PendingReport> owed = PendingReport.load(settings.dataDir());
        if (owed.isEmpty()) {
            concludeRunCutShort();
            return;
        }
        PendingReport pending = owed.get();
        PendingReport.clear(settings.dataDir());
        if (!stillOwed(pending)) {
            log.info("No report owed for run {}: this server's last run is {} {}", pending.runId(), state.get().lastRunId(),
                    state.get().lastRunOutcome());
            return;
        }
        activeRun.set(pending.runId());
        record(pending.runId(), OUTCOME_IN_PROGRESS, pending.reverting()
                ? "restarting: waiting for Ready on version " + state.get().version() + " after the process restart that reverted"
                        + " version " + pending.failedVersion() + " (" + readiness.describe() + ")"
                : "restarting: waiting for Ready after the process restart (" + readiness.describe() + ")");
        worker.execute(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.maxWaitSeconds());
            String outcome;
            String detail;
            try {
                Optional<String> notReady = readiness.await(deadline);
                outcome = notReady.isPresent() || pending.reverting() ? OUTCOME_FAILED : OUTCOME_RESTARTED;
                if (pending.reverting()) {
                    detail = processRevert.detailAfterRestart(pending, notReady);
                } else if (notReady.isEmpty()) {
                    detail = pending.summary() + ", process restarted";
                } else if (processRevert.possible(pending)) {
                    detail = processRevert.revertAndRestart(pending, "not ready after restart: " + notReady.get(),
                            d -> recordProgress(pending.runId(), d));
                } else {
                    detail = "not ready after restart: " + notReady.get() + "; not reverted (no apply of version "
                            + state.get().version() + " by this run on record to undo)";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = OUTCOME_FAILED;
                detail = "interrupted while waiting for Ready: the server is shutting down";
            } catch (RuntimeException | Error e) {
                log.error(MessageId.RUN_FAILED_ON_SERVER.line("Run {} failed unexpectedly on {}: {}"), pending.runId(), settings.name(), describe(e));
                log.debug("Run failure", e);
                outcome = OUTCOME_FAILED;
                detail = "internal error: " + describe(e);
            }
            conclude(pending.runId(), outcome, detail + " (" + Math.max(0, System.currentTimeMillis() - pending.requestedAtMillis()) + " ms)");
        });
    }

    /**
     * The process stopped during a run (killed, crashed, restarted by hand) with no report owed: the run's turn ended
     * then, unfinished. Says so, to the master too, which would otherwise wait for it until max-wait-time.
     */
    private void concludeRunCutShort() {
        NodeState now = state.get();
        if (!OUTCOME_IN_PROGRESS.equals(now.lastRunOutcome()) || !activeRun.compareAndSet(null, now.lastRunId())) {
            return;
        }
        String detail = "interrupted: " + settings.name() + " stopped during the run (last step: " + now.lastRunDetail()
                + ") and started again at version " + now.version();
        worker.execute(() -> conclude(now.lastRunId(), OUTCOME_FAILED, detail));
    }

    /** A progress line: one that cannot be saved costs only the master's view of it. */
    private void recordQuietly(String runId, String detail) {
        try {
            recordProgress(runId, detail);
        } catch (IOException e) {
            log.warn("Cannot record the progress of run {}: {}", runId, e.getMessage());
        }
    }

    /**
     * A step of a run in progress, after its acceptance is on disk: not forced, since a crash that loses it leaves the
     * acceptance (the same run, in progress), which is all that recovery reads; the next forced record takes it along.
     */
    private void recordProgress(String runId, String detail) throws IOException {
        state.saveProgress(state.get().withRun(runId, OUTCOME_IN_PROGRESS, detail));
    }

    /** A record forced to disk before this returns: a run's acceptance, its outcome, what a process restart leaves. */
    private void record(String runId, String outcome, String detail) throws IOException {
        state.save(state.get().withRun(runId, outcome, detail));
    }

    /** Step 6. A lost report costs the master one poll, so a failure here is only news. */
    private void report(String runId, String outcome, String detail) {
        if (FaultPoints.skip(FaultPoints.REPORT)) {
            return;
        }
        try {
            master.call(settings.masterUrl(), m -> {
                m.clusterProtocol().replicaCompleted(runId, settings.name(), outcome, detail);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn(MessageId.REPORT_FAILED.line("Could not report run {} to master {}: {}"), runId, settings.masterName(), e.getMessage());
        }
    }
}
