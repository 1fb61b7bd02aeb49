package io.ripple.cluster;

import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServer;
import io.ripple.remote.RemoteServers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Replicas in memory, reached by {@code mem://name} URLs: the transport the engine's tests give the coordinator. */
final class MemoryReplicas implements RemoteServers, AutoCloseable {

    private final Map<String, MemoryReplica> byUrl = new LinkedHashMap<>();
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "memory-replica");
        t.setDaemon(true);
        return t;
    });
    private volatile Coordinator master;

    MemoryReplicas(String... names) {
        for (String name : names) {
            MemoryReplica replica = new MemoryReplica(name, this);
            byUrl.put(replica.url, replica);
        }
    }

    MemoryReplica get(String name) {
        return byUrl.get("mem://" + name);
    }

    /** Replica name to URL, in order, as a master's {@code replica} lines give them. */
    Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        byUrl.values().forEach(r -> urls.put(r.name, r.url));
        return urls;
    }

    Iterable<MemoryReplica> all() {
        return byUrl.values();
    }

    void reportTo(Coordinator coordinator) {
        this.master = coordinator;
    }

    Coordinator master() {
        return master;
    }

    /** A replica's work after it answered, as a real replica syncs and restarts after {@code syncAndRestart} returns. */
    void work(Runnable task) {
        work.execute(task);
    }

    @Override
    public RemoteServer open(String url) {
        MemoryReplica replica = byUrl.get(url);
        if (replica == null) {
            throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url + ": no such replica", null);
        }
        return replica.connect();
    }

    @Override
    public void close() throws InterruptedException {
        byUrl.values().forEach(r -> r.answerGate.countDown());
        work.shutdownNow();
        work.awaitTermination(5, TimeUnit.SECONDS);
    }
}
