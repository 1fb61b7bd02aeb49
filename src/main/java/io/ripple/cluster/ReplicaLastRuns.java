package io.ripple.cluster;

import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServers;
import io.ripple.remote.ServerSnapshot;
import io.ripple.util.DaemonThreads;
import io.ripple.util.MessageId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, after the master restarted, what each replica says of the run the journal shows in progress: its
 * {@code LastRunId}, {@code LastRunOutcome} and {@code LastRunDetail}. Each replica is asked until it gives an outcome
 * for that run or its wait is over; all of them at once, so that the whole read takes one wait at most.
 */
public final class ReplicaLastRuns implements RunTracker.LastRuns {

    private static final Logger log = LoggerFactory.getLogger(ReplicaLastRuns.class);
    /** Pause between two reads of a replica that cannot answer yet or is still at work on the run. */
    static final long RETRY_INTERVAL_MILLIS = 200;
    private static final int MAX_THREADS = 32;

    private final Map<String, String> urls;
    private final RemoteServers connector;
    private final Duration waitPerReplica;

    /**
     * @param urls           replica name to URL
     * @param waitPerReplica how long to keep asking a replica that cannot answer, or still works on the run
     */
    public ReplicaLastRuns(Map<String, String> urls, RemoteServers connector, Duration waitPerReplica) {
        this.urls = Map.copyOf(urls);
        this.connector = connector;
        this.waitPerReplica = waitPerReplica;
    }

    @Override
    public Map<String, RunTracker.LastRun> read(String runId, List<String> replicas) {
        List<String> known = replicas.stream().filter(urls::containsKey).toList();
        Map<String, RunTracker.LastRun> answers = new LinkedHashMap<>();
        if (known.isEmpty()) {
            return answers;
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(MAX_THREADS, known.size()),
                DaemonThreads.numbered("ripple-last-run"));
        try (ConnectionCache connections = new ConnectionCache(connector)) {
            Map<String, CompletableFuture<Optional<RunTracker.LastRun>>> reads = new LinkedHashMap<>();
            for (String replica : known) {
                reads.put(replica, CompletableFuture.supplyAsync(() -> readOne(connections, runId, replica), threads));
            }
            reads.forEach((replica, read) -> read.join().ifPresent(lastRun -> answers.put(replica, lastRun)));
        } finally {
            threads.shutdownNow();
        }
        return answers;
    }

    private Optional<RunTracker.LastRun> readOne(ConnectionCache connections, String runId, String replica) {
        long deadline = System.nanoTime() + waitPerReplica.toNanos();
        Optional<RunTracker.LastRun> last = Optional.empty();
        String failure = null;
        while (true) {
            try {
                ServerSnapshot s = connections.call(urls.get(replica), server -> server.serverSnapshot());
                last = Optional.of(new RunTracker.LastRun(s.lastRunId(), s.lastRunOutcome(), s.lastRunDetail()));
                if (!runId.equals(s.lastRunId()) || !RunTracker.LastRun.IN_PROGRESS.equals(s.lastRunOutcome())) {
                    return last;
                }
            } catch (RemoteException e) {
                failure = e.getMessage();
            }
            if (System.nanoTime() >= deadline) {
                if (last.isEmpty()) {
                    log.warn(MessageId.REPLICA_DID_NOT_ANSWER.line("Run {}: {} did not answer within {} s after the master's start: {}"), runId, replica,
                            waitPerReplica.toSeconds(), failure);
                }
                return last;
            }
            try {
                Thread.sleep(RETRY_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
    }
}
