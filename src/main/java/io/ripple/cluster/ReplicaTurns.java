package io.ripple.cluster;

import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServer;
import io.ripple.remote.ReplicaFacts;
import io.ripple.remote.ServerSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas' turns, as the master drives them: asks a replica to sync and restart (step 2), follows it by polling
 * (step 6) until it ends or its {@code max-wait-time} runs out, and confirms a turn the replica asks about before it
 * restarts (fencing). How a turn's end moves the run on is for {@link BatchScheduler}.
 */
final class ReplicaTurns {

    private static final Logger log = LoggerFactory.getLogger(ReplicaTurns.class);
    /**
     * A turn is first polled this long after it was asked. The replica pushes its outcome (replicaCompleted), so a
     * poll is for a lost push and for the progress shown meanwhile; polling a turn of a few tens of milliseconds only
     * took CPU and Jolokia threads from the turn itself (and, on a slow link, round trips).
     */
    static final long FIRST_POLL_AFTER_MILLIS = 500;

    /** Where an ended turn goes: the row ends once, and the run moves on. */
    @FunctionalInterface
    interface TurnEnd {
        void ended(ActiveRun run, String replica, RowState outcome, String detail);
    }

    private final MasterSide master;
    private final RunSlot slot;
    private final RunRows rows;
    private final RunExecutors executors;
    private final ConnectionCache connections;
    private final int maxWaitSeconds;
    private final TurnEnd end;
    /**
     * The membership digest each replica (by name and URL) answered its last turn request with: what it holds, as far
     * as this master knows.
     */
    private final Map<String, String> membersHeld = new ConcurrentHashMap<>();

    ReplicaTurns(MasterSide master, RunSlot slot, RunRows rows, RunExecutors executors, ConnectionCache connections,
                 int maxWaitSeconds, TurnEnd end) {
        this.master = master;
        this.slot = slot;
        this.rows = rows;
        this.executors = executors;
        this.connections = connections;
        this.maxWaitSeconds = maxWaitSeconds;
        this.end = end;
    }

    /**
     * Step 2 for one replica, on a call thread of its own: check it is that replica of this cluster, read its version,
     * ask it to sync and restart.
     */
    void request(ActiveRun run, ReplicaTurn turn) {
        ask(run, turn, true);
    }

    /** As {@link #request}, on the calling thread, which must be one of the call pool's (it waits for the replica). */
    void requestHere(ActiveRun run, ReplicaTurn turn) {
        ask(run, turn, false);
    }

    private void ask(ActiveRun run, ReplicaTurn turn, boolean onItsOwnThread) {
        ActiveRun.Pass pass = run.pass();
        // a revert asks again replicas that ended; a run's own pass asks only replicas not skipped meanwhile
        RowState from = pass.reverting() ? RowState.RESTARTED : RowState.PENDING;
        boolean[] asked = {false};
        turn.askedAtMillis = rows.now();
        turn.deadlineMillis = turn.askedAtMillis + TimeUnit.SECONDS.toMillis(maxWaitSeconds);
        turn.callInFlight.set(true);
        rows.update(run, turn.name, r -> {
            asked[0] = r.state() == from;
            return asked[0] ? r.to(RowState.REQUESTED, pass.reverting() ? "reverting to version " + pass.version()
                    : "asking " + turn.url, rows.now()) : r;
        });
        if (!asked[0]) {
            turn.callInFlight.set(false);
            return;
        }
        Runnable asking = () -> {
            try {
                Optional<TurnRequest.Offer> offer = offer(run, pass.version());
                if (offer.isPresent()) {
                    takeTurn(run, turn, pass.requestId(), offer.get());
                } else {
                    askInSteps(run, turn, pass.requestId());
                }
            } catch (RemoteException e) {
                end.ended(run, turn.name, RowState.FAILED, e.getMessage());
            } catch (RuntimeException e) {
                end.ended(run, turn.name, RowState.FAILED, "cannot be asked: " + Coordinator.reason(e));
            } finally {
                turn.callInFlight.set(false);
            }
        };
        if (onItsOwnThread) {
            executors.execute("Run " + run.runId + ": asking " + turn.name, asking);
        } else {
            RunExecutors.guarded("Run " + run.runId + ": asking " + turn.name, asking).run();
        }
    }

    /** The run's version as the turn request carries it; none when the master cannot read it, or it is too large. */
    private Optional<TurnRequest.Offer> offer(ActiveRun run, long version) {
        try {
            return master.turnOffer(version);
        } catch (Exception e) {
            log.info("Run {}: version {} not offered with the turn requests ({}); the replicas read it themselves",
                    run.runId, version, Coordinator.reason(e));
            return Optional.empty();
        }
    }

    /**
     * The turn in one call ({@code ReplicaProtocol.takeTurn}): the replica checks who it is and what it is offered, and
     * answers with its identity and version, which the master judges as it judged the ones it read before. A request
     * that would not fit goes without its inline files, and a version too large for one request is asked in steps.
     * A replica that answered its last request with the digest of the membership the master has now is sent only that
     * digest; one that holds another after all refuses, and is asked again with the members.
     */
    private void takeTurn(ActiveRun run, ReplicaTurn turn, String requestId, TurnRequest.Offer offer) {
        if (!stillWaitingFor(run, turn, requestId)) {
            return;
        }
        TurnRequest request = new TurnRequest(requestId, turn.deadlineMillis, turn.name, master.clusterId(), master.name(),
                offer.version(), offer.inline());
        String heldKey = turn.name + " " + turn.url;
        String membership = MembershipDigest.of(offer.version().getMembers());
        boolean digestOnly = membership.equals(membersHeld.get(heldKey));
        Optional<TurnAnswer> sent = send(run, turn, requestId, digestOnly ? request.withMembersDigestOnly() : request);
        if (sent.isPresent() && digestOnly && !sent.get().accepted() && !membership.equals(sent.get().members())) {
            log.info("Run {}: {} holds another membership than it answered before; asked again with the members",
                    run.runId, turn.name);
            membersHeld.remove(heldKey);
            sent = stillWaitingFor(run, turn, requestId) ? send(run, turn, requestId, request) : Optional.empty();
        }
        if (sent.isEmpty()) {
            return;
        }
        TurnAnswer answer = sent.get();
        if (answer.members().isEmpty()) {
            membersHeld.remove(heldKey);
        } else {
            membersHeld.put(heldKey, answer.members());
        }
        if (!run.asks(requestId)) {
            return; // the answer of a pass that has ended: the row is its revert pass's now
        }
        // a replica may report before its answer arrives: the version it held still belongs in the row
        rows.update(run, turn.name, r -> r.withVersions(answer.version(), -1));
        if (!answer.accepted()) {
            end.ended(run, turn.name, RowState.FAILED, answer.answer());
            return;
        }
        rows.update(run, turn.name, r -> r.state() == RowState.REQUESTED ? r.to(RowState.REQUESTED, answer.answer(), rows.now()) : r);
    }

    /**
     * Sends {@code request} and judges who answered.
     *
     * @return the answer of the replica the turn is for; empty when the turn was asked another way or its row ended
     */
    private Optional<TurnAnswer> send(ActiveRun run, ReplicaTurn turn, String requestId, TurnRequest request) {
        String json = request.toJson();
        if (json.length() > TurnRequest.MAX_REQUEST_CHARS && !request.inline().isEmpty()) {
            json = new TurnRequest(request.runId(), request.deadlineEpochMillis(), request.replica(), request.clusterId(),
                    request.master(), request.version(), Map.of(), request.membersDigest()).toJson();
        }
        if (json.length() > TurnRequest.MAX_REQUEST_CHARS) {
            askInSteps(run, turn, requestId);
            return Optional.empty();
        }
        String sent = json;
        TurnAnswer answer;
        try {
            answer = TurnAnswer.parse(turn.call(r -> r.replicaProtocol().takeTurn(sent)));
        } catch (RemoteException e) {
            // a server of another cluster refuses the call before it reads it: who it is says more than its refusal
            Optional<String> stranger = strangerAfterRefusal(turn);
            if (stranger.isPresent()) {
                end.ended(run, turn.name, RowState.FAILED, stranger.get());
                return Optional.empty();
            }
            throw e;
        } catch (IllegalArgumentException e) {
            end.ended(run, turn.name, RowState.FAILED, "the server at " + turn.url + " is no Ripple replica of this "
                    + "release: " + e.getMessage());
            return Optional.empty();
        }
        Optional<String> stranger = ReplicaIdentity.judge(turn.url, turn.name, master.clusterId(), answer.identity());
        if (stranger.isPresent()) {
            // a stranger that accepted anyway gets no confirmTurn: its row ends here
            end.ended(run, turn.name, RowState.FAILED, stranger.get());
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    /** After a refused takeTurn: what is wrong with the server that refused, read now; empty when it is that replica. */
    private Optional<String> strangerAfterRefusal(ReplicaTurn turn) {
        try {
            return ReplicaIdentity.judge(turn.url, turn.name, master.clusterId(), turn.call(RemoteServer::serverIdentity));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The turn as before {@code takeTurn}: read who the replica is and its version, then ask it. */
    private void askInSteps(ActiveRun run, ReplicaTurn turn, String requestId) {
        // who it is and its version in one round trip where the transport can (Jolokia's bulk requests)
        ReplicaFacts facts = turn.call(RemoteServer::replicaFacts);
        Optional<String> stranger = ReplicaIdentity.judge(turn.url, turn.name, master.clusterId(), facts.identity());
        if (stranger.isPresent()) {
            end.ended(run, turn.name, RowState.FAILED, stranger.get());
            return;
        }
        long before = facts.version();
        if (!stillWaitingFor(run, turn, requestId)) {
            return; // the turn ended while the call was under way: asking now would act for an ended turn
        }
        rows.update(run, turn.name, r -> r.withVersions(before, -1));
        long deadline = turn.deadlineMillis;
        String answer = turn.call(r -> r.server().syncAndRestartUntil(requestId, deadline));
        if (!run.asks(requestId)) {
            return; // the answer of a pass that has ended: the row is its revert pass's now
        }
        rows.update(run, turn.name, r -> r.state() == RowState.REQUESTED ? r.to(RowState.REQUESTED, answer, rows.now()) : r);
    }

    /** Whether the run still waits for this replica under this request: in progress, same pass, row active, in time. */
    private boolean stillWaitingFor(ActiveRun run, ReplicaTurn turn, String requestId) {
        return slot.holds(run) && run.asks(requestId) && rows.now() <= turn.deadlineMillis && rows.active(turn.name);
    }

    /**
     * A replica asks before it restarts: true only while the run is in progress under this id and waits for that
     * replica. Once the master gave up on a turn (timed out, failed, cancelled, ended), no restart is confirmed for it.
     */
    boolean confirm(String runId, String replica) {
        ActiveRun run = slot.get();
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

    /**
     * Every poll interval: a deadline check and, for each replica at work with no call under way, asked at least
     * {@link #FIRST_POLL_AFTER_MILLIS} ago, one poll.
     */
    void tick() {
        ActiveRun run = slot.get();
        if (run == null) {
            return;
        }
        long now = rows.now();
        for (ReplicaTurn turn : run.turns.values()) {
            Run current = rows.current();
            if (!slot.holds(run) || !current.runId().equals(run.runId)) {
                return; // the run ended meanwhile: the rows, and the connections, now belong to the next run
            }
            ServerRow row = current.row(turn.name).orElseThrow();
            if (!row.state().isActive()) {
                continue;
            }
            if (now > turn.deadlineMillis) {
                dropConnectionWhileActive(run, turn);
                end.ended(run, turn.name, RowState.TIMED_OUT, "no outcome within max-wait-time " + maxWaitSeconds
                        + " s (last seen " + row.state() + (row.detail().isEmpty() ? "" : ": " + row.detail()) + ")");
            } else if (now - turn.askedAtMillis >= FIRST_POLL_AFTER_MILLIS && turn.callInFlight.compareAndSet(false, true)) {
                executors.execute("Run " + run.runId + ": polling " + turn.name, () -> poll(run, turn));
            }
        }
    }

    /**
     * A call still under way to a replica whose turn times out belongs to a turn that ends: its connection goes with it.
     * Dropped while the row is active, under the tracker's lock that every row change, a run's end and the next run's
     * start take: once the row has ended, the run may end and the next run call the replica over that connection.
     */
    private void dropConnectionWhileActive(ActiveRun run, ReplicaTurn turn) {
        rows.update(run, turn.name, r -> {
            if (r.state().isActive()) {
                connections.drop(turn.url);
            }
            return r;
        });
    }

    /** Step 6, confirmed: reads the replica's Server attributes and moves its row along. */
    private void poll(ActiveRun run, ReplicaTurn turn) {
        try {
            ServerSnapshot s = turn.call(RemoteServer::serverSnapshot);
            if (!run.asks(s.lastRunId())) {
                return;
            }
            Optional<RunOutcome> outcome = RunOutcome.of(s.lastRunOutcome());
            if (outcome.isPresent()) {
                end.ended(run, turn.name, outcome.get().rowState(), s.lastRunDetail());
            } else {
                // a poll that was under way when the row ended must not move it back
                rows.update(run, turn.name, r -> r.state().isActive() ? r.to(progress(s), s.lastRunDetail(), rows.now()) : r);
            }
        } catch (RemoteException e) {
            if (refused(e)) {
                end.ended(run, turn.name, RowState.FAILED, "the master cannot follow it: " + e.getMessage());
            }
            // Otherwise a replica restarting its process cannot answer for a moment; the deadline decides.
        } finally {
            turn.callInFlight.set(false);
        }
    }

    /** A refusal that waiting will not change: the master's credentials or rights, not the replica's restart. */
    private static boolean refused(RemoteException e) {
        return e.kind() == RemoteException.Kind.AUTHENTICATION_FAILED || e.kind() == RemoteException.Kind.NOT_ALLOWED;
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
}
