package io.ripple.cluster;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.MemberInfo;
import io.ripple.ReplicaProtocolMXBean;
import io.ripple.ServerMXBean;
import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServer;
import io.ripple.remote.ServerSnapshot;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A replica that lives in memory, for the engine's tests: it answers the calls the master makes with what the test
 * set, and does what the test scripts when it is asked to sync and restart (report, show an outcome, hang, fail).
 */
final class MemoryReplica {

    /** One request to sync and restart, as the replica received it; the test's script acts on it. */
    record Ask(MemoryReplica replica, String runId, long deadlineEpochMillis) {

        /** Reports to the master, as {@code Cluster.replicaCompleted}; a refused report is kept, not thrown. */
        void report(RunOutcome outcome, String detail) {
            replica.report(runId, outcome.name(), detail);
        }

        /** Shows the outcome in the Server attributes that the master polls, without reporting. */
        void show(RunOutcome outcome, String detail) {
            replica.show(runId, outcome.name(), detail);
        }
    }

    final String name;
    final String url;
    private final MemoryReplicas cluster;
    volatile String answersName;
    volatile String clusterId = "";
    volatile long version = 11;
    volatile boolean ready = true;
    volatile Consumer<Ask> script = ask -> ask.report(RunOutcome.RESTARTED, "restarted with version " + ask.replica().version);
    /** Runs on the master's calling thread before the replica answers a request: an answer that comes late. */
    volatile Consumer<Ask> beforeAnswer = ask -> {
    };
    /** Thrown by every call, as a transport failure would be. */
    volatile RemoteException failCalls;
    /** Thrown by the polls (serverSnapshot) only. */
    volatile RemoteException failPolls;
    /** Every call waits for it: a replica that does not answer. */
    volatile CountDownLatch answerGate = new CountDownLatch(0);
    /** The calls waiting for {@link #answerGate} now. */
    final AtomicInteger callsWaiting = new AtomicInteger();
    final List<String> asked = new CopyOnWriteArrayList<>();
    /** The turn requests ({@code ReplicaProtocol.takeTurn}) as this replica read them. */
    final List<TurnRequest> turnRequests = new CopyOnWriteArrayList<>();
    /** The master's threads that made those requests, to wait until the master is done with a late answer. */
    final List<Thread> turnCallers = new CopyOnWriteArrayList<>();
    /** A refusal this replica answers every turn request with, as a real one answers what its own checks refuse. */
    volatile String refusesTurns;
    /**
     * The membership this replica holds, whose digest it answers turn requests with and completes a request that carries
     * only a digest with; null for a replica of an earlier release, which names none. It keeps the members of each
     * turn it takes, as a real replica's sync does.
     */
    volatile List<MemberInfo> heldMembers;
    /** Takes any turn request, whoever it is for: a stranger that does not check. */
    volatile boolean takesAnyTurn;
    /** Every call this replica answered, by name: what a turn costs in calls. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<IllegalArgumentException> refusedReports = new CopyOnWriteArrayList<>();
    final AtomicInteger snapshotReads = new AtomicInteger();
    private volatile ServerSnapshot snapshot;

    MemoryReplica(String name, MemoryReplicas cluster) {
        this.name = name;
        this.answersName = name;
        this.url = "mem://" + name;
        this.cluster = cluster;
        this.snapshot = new ServerSnapshot(name, "RUNNING", true, "boot-1", "", "", "");
    }

    void report(String runId, String outcome, String detail) {
        try {
            cluster.master().replicaCompleted(runId, name, outcome, detail);
        } catch (IllegalArgumentException e) {
            refusedReports.add(e);
        }
    }

    void show(String runId, String outcome, String detail) {
        ServerSnapshot s = snapshot;
        snapshot = new ServerSnapshot(s.name(), s.state(), s.ready(), s.bootId(), runId, outcome, detail);
    }

    /** Shows a run under way: the replica's state and its last run's detail, with no outcome yet. */
    void showWorking(String runId, String state, String detail) {
        ServerSnapshot s = snapshot;
        snapshot = new ServerSnapshot(s.name(), state, s.ready(), s.bootId(), runId, "IN_PROGRESS", detail);
    }

    /** A new connection to this replica. */
    RemoteServer connect() {
        enter(new CountDownLatch(1));
        return new Connection();
    }

    /**
     * Waits for the answer gate, as a call waits for a replica that does not answer. A call on a connection that is
     * closed, or closed while the call waits, fails as abandoned, as on a real connection.
     */
    private void enter(CountDownLatch closed) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        callsWaiting.incrementAndGet();
        try {
            while (!answerGate.await(10, TimeUnit.MILLISECONDS)) {
                if (closed.getCount() == 0) {
                    throw abandoned();
                }
                if (System.nanoTime() > giveUp) {
                    throw new RemoteException(RemoteException.Kind.TIMEOUT, "No answer from " + url, null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(RemoteException.Kind.TIMEOUT, "Interrupted waiting for " + url, e);
        } finally {
            callsWaiting.decrementAndGet();
        }
        if (closed.getCount() == 0) {
            throw abandoned();
        }
        RemoteException failure = failCalls;
        if (failure != null) {
            throw failure;
        }
    }

    private RemoteException abandoned() {
        return new RemoteException(RemoteException.Kind.TIMEOUT, "Call to " + url + " abandoned: its connection was closed",
                null);
    }

    /** As a replica of this release answers {@code takeTurn}: it reads the request, then acts as syncAndRestartUntil. */
    private String takeTurn(String json) {
        TurnRequest sent = TurnRequest.parse(json);
        turnRequests.add(sent);
        turnCallers.add(Thread.currentThread());
        long held = version;
        List<MemberInfo> holds = heldMembers;
        String members = holds == null ? "" : MembershipDigest.of(holds);
        if (refusesTurns != null) {
            return new TurnAnswer(answersName, "replica", clusterId, held, false, refusesTurns, members).toJson();
        }
        if (!takesAnyTurn && (!sent.replica().equals(answersName) || !clusterId.isEmpty() && !clusterId.equals(sent.clusterId()))) {
            return new TurnAnswer(answersName, "replica", clusterId, held, false, "Turn request refused: not for me.", members)
                    .toJson();
        }
        Optional<TurnRequest> request = sent.completedWith(holds == null ? List.of() : holds);
        if (request.isEmpty()) {
            return new TurnAnswer(answersName, "replica", clusterId, held, false, "Turn request refused: another membership.",
                    members).toJson();
        }
        if (holds != null) {
            heldMembers = request.get().version().getMembers();
        }
        String answer = syncAndRestartUntil(sent.runId(), sent.deadlineEpochMillis());
        return new TurnAnswer(answersName, "replica", clusterId, held, true, answer, members).toJson();
    }

    private String syncAndRestartUntil(String runId, long deadline) {
        asked.add(runId);
        Ask ask = new Ask(this, runId, deadline);
        cluster.work(() -> script.accept(ask));
        beforeAnswer.accept(ask);
        return "accepted run " + runId;
    }

    private final class Connection implements RemoteServer {

        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public String url() {
            return url;
        }

        @Override
        public ServerMXBean server() {
            return proxy(closed, ServerMXBean.class, (method, args) -> switch (method) {
                case "getName" -> answersName;
                case "getRole" -> "replica";
                case "getClusterId" -> clusterId;
                case "syncAndRestartUntil" -> syncAndRestartUntil((String) args[0], (Long) args[1]);
                default -> throw new UnsupportedOperationException(method);
            });
        }

        @Override
        public ConfigStoreMXBean configStore() {
            return proxy(closed, ConfigStoreMXBean.class, (method, args) -> switch (method) {
                case "getVersion" -> version;
                default -> throw new UnsupportedOperationException(method);
            });
        }

        @Override
        public ClusterMXBean cluster() {
            throw new RemoteException(RemoteException.Kind.REMOTE_ERROR, "a replica has no Cluster MBean", null, true);
        }

        @Override
        public ClusterProtocolMXBean clusterProtocol() {
            throw new RemoteException(RemoteException.Kind.REMOTE_ERROR, "a replica has no ClusterProtocol MBean", null, true);
        }

        @Override
        public ReplicaProtocolMXBean replicaProtocol() {
            return proxy(closed, ReplicaProtocolMXBean.class, (method, args) -> switch (method) {
                case "takeTurn" -> takeTurn((String) args[0]);
                default -> throw new UnsupportedOperationException(method);
            });
        }

        @Override
        public ServerSnapshot serverSnapshot() {
            enter(closed);
            snapshotReads.incrementAndGet();
            RemoteException failure = failPolls;
            if (failure != null) {
                throw failure;
            }
            ServerSnapshot s = snapshot;
            return new ServerSnapshot(s.name(), s.state(), ready, s.bootId(), s.lastRunId(), s.lastRunOutcome(), s.lastRunDetail());
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private <T> T proxy(CountDownLatch closed, Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            enter(closed);
            calls.add(method.getName());
            return answer.answer(method.getName(), args);
        }));
    }
}
