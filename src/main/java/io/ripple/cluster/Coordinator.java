package io.ripple.cluster;

import io.ripple.management.SafeText;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteServers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cluster restart on the master: asks every replica to sync and restart (step 2), in parallel or in batches,
 * follows each by its reports and by polling (step 6), gives each {@code max-wait-time}, and restarts the master last
 * when its own configuration changed (step 7).
 *
 * <p>The engine's parts: {@link RunAdmission} starts a run, {@link BatchScheduler} moves it through its batches,
 * {@link ReplicaTurns} drives each replica's turn, {@link RunEnding} ends it, {@link RunQueries} answers about it. The
 * replicas are reached through the {@link RemoteServers} given, so that the engine runs as well with replicas in memory.
 */
public final class Coordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);
    /** How often the master reads the state of the replicas it waits for. */
    static final long POLL_INTERVAL_MILLIS = 100;
    /** The start of the message a refused run answers with; the validator's message follows. */
    public static final String REFUSED = "Cluster restart refused: ";
    /** Bound of the detail a replica reports, as the run's row keeps it. */
    static final int MAX_DETAIL_CHARS = 1000;

    private final Map<String, String> replicas;
    private final int maxWaitSeconds;
    private final ConnectionCache connections;
    private final RunExecutors executors;
    private final RunSlot slot = new RunSlot();
    private final RunAdmission admission;
    private final BatchScheduler batches;
    private final ReplicaTurns turns;
    private final RunQueries queries;
    private final ReplicaReads reads = new ReplicaReads();

    /**
     * @param replicas replica name to URL, in the configured order
     * @param servers  how the master reaches its replicas ({@link io.ripple.remote.RemoteConnector} in a server)
     */
    public Coordinator(MasterSide master, Map<String, String> replicas, RemoteServers servers, RunTracker tracker,
                       int maxWaitSeconds) {
        this(master, replicas, servers, tracker, maxWaitSeconds, System::currentTimeMillis);
    }

    /** @param clock the engine's time in epoch milliseconds: deadlines, and the rows' time stamps */
    Coordinator(MasterSide master, Map<String, String> replicas, RemoteServers servers, RunTracker tracker,
                int maxWaitSeconds, LongSupplier clock) {
        this.replicas = new LinkedHashMap<>(replicas);
        this.maxWaitSeconds = maxWaitSeconds;
        this.connections = new ConnectionCache(servers);
        this.executors = new RunExecutors(replicas.size());
        RunRows rows = new RunRows(tracker, clock);
        this.turns = new ReplicaTurns(master, slot, rows, executors, connections, maxWaitSeconds,
                this::endTurn);
        RunEnding ending = new RunEnding(master, slot, rows, executors, turns::request);
        this.batches = new BatchScheduler(rows, executors, maxWaitSeconds, turns, ending);
        this.admission = new RunAdmission(master, this.replicas, slot, tracker, connections, batches::begin);
        this.queries = new RunQueries(master, this.replicas, slot, tracker, connections, reads);
        executors.every("Polling the replicas", turns::tick, POLL_INTERVAL_MILLIS);
    }

    /** A replica's turn ended (reported, polled, failed or timed out): its row ends once, and the run moves on. */
    private void endTurn(ActiveRun run, String replica, RowState outcome, String detail) {
        batches.complete(run, replica, outcome, detail);
    }

    public List<String> replicaNames() {
        return List.copyOf(replicas.keySet());
    }

    public int maxWaitSeconds() {
        return maxWaitSeconds;
    }

    /** The latest run, in progress or ended; null before the first. */
    public Run current() {
        return queries.current();
    }

    public boolean inProgress() {
        return queries.inProgress();
    }

    /** Step 1: starts a run and returns its id at once. */
    public String restart(boolean ripple, String requestedBy) {
        return restart(ripple ? RunPlan.RIPPLE : RunPlan.PARALLEL, requestedBy);
    }

    /** Step 1 with a plan: batches, pauses, a minimum of replicas Ready, a failure threshold, automatic revert. */
    public String restart(RunPlan plan, String requestedBy) {
        return admission.restart(plan, requestedBy);
    }

    /**
     * Rollback: publishes an earlier version's content again, as a new version (history only moves forward, and every
     * server's version stays comparable), and runs a cluster restart with it one server at a time.
     */
    public String rollback(long version, String requestedBy) {
        return admission.rollback(version, requestedBy);
    }

    /** The published versions with who published them and the runs that completed with each, as JSON. */
    public String history() {
        return queries.history();
    }

    /**
     * A replica asks before it restarts: true only while the run is in progress under this id and waits for that
     * replica. Once the master gave up on a turn (timed out, failed, cancelled, ended), no restart is confirmed for it.
     */
    public boolean confirmTurn(String runId, String replica) {
        return turns.confirm(runId, replica);
    }

    /**
     * Step 6, reported: a replica says it is done. A late report for the latest run (the master's poll or its wait
     * ended the row first) changes nothing.
     *
     * @throws IllegalArgumentException see {@link #checkReport}; nothing changed
     */
    public void replicaCompleted(String runId, String replica, String outcome, String detail) {
        RunOutcome told = queries.checkReport(runId, replica, outcome);
        ActiveRun run = slot.get();
        if (run == null || !run.asks(runId)) {
            log.info("Late report from {} for run {} ignored: that run is not in progress", replica, runId);
            return;
        }
        batches.complete(run, replica, told.rowState(), detail == null ? "" : SafeText.of(detail, MAX_DETAIL_CHARS));
    }

    /**
     * The outcome of a report that names a run this master knows (the one in progress, or the latest one, or its
     * revert pass), one of its replicas and a final outcome.
     *
     * @throws IllegalArgumentException naming what is unknown (bounded), before anything is stored or logged
     */
    public RunOutcome checkReport(String runId, String replica, String outcome) {
        return queries.checkReport(runId, replica, outcome);
    }

    /** Lets the servers already asked finish, asks no more, and ends the run CANCELLED. */
    public String cancel() {
        ActiveRun run = slot.get();
        if (run == null) {
            throw new IllegalStateException("No cluster restart is in progress.");
        }
        long working = current().servers().stream().filter(r -> r.state().isActive()).count();
        batches.cancel(run);
        return "Run " + run.runId + " cancelled: " + working + " server(s) already asked will finish, no more will be asked.";
    }

    /** The version a run distributes; for an unknown run, the latest published one. */
    public long runVersion(String runId) {
        return queries.runVersion(runId);
    }

    /** Every replica read now, as JSON; see {@link ClusterHealth}. */
    public String health() {
        return queries.health();
    }

    /** What a run would do now; see {@link Preview}. */
    public String preview() throws Exception {
        return preview(RunPlan.PARALLEL);
    }

    /** What a run with this plan would do now: the same, with its batches. */
    public String preview(RunPlan plan) throws Exception {
        return queries.preview(plan);
    }

    public String eventsAfter(long afterSequence) {
        return queries.eventsAfter(afterSequence);
    }

    /** An exception's message for people: its own message, or its type when it has none. */
    static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    @Override
    public void close() {
        reads.close();
        executors.close();
        connections.close();
    }
}
