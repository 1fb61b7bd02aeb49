package io.ripple.remote;

import io.ripple.util.DaemonThreads;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Connections kept open between calls, one per URL: a master talks to the same replicas run after run, and a
 * replica to its master, so neither pays for a new connection (a JMX handshake, an HTTP client) on every call.
 * A call that finds its kept connection broken (the other side restarted) is tried once more on a new one.
 */
public final class ConnectionCache implements AutoCloseable {

    private final RemoteServers connector;
    private final Map<String, RemoteServer> open = new ConcurrentHashMap<>();

    public ConnectionCache(RemoteServers connector) {
        this.connector = connector;
    }

    /**
     * Runs {@code call} on the connection to {@code url}.
     *
     * @throws RemoteException from a new connection, or any failure other than a lost connection
     */
    public <T> T call(String url, Function<RemoteServer, T> call) {
        RemoteServer kept = open.get(url);
        if (kept != null) {
            try {
                return call.apply(kept);
            } catch (RemoteException e) {
                if (!lostConnection(e)) {
                    throw e;
                }
                invalidate(url, kept);
                if (e.kind() != RemoteException.Kind.CANNOT_CONNECT) {
                    throw e;
                }
            }
        }
        RemoteServer fresh = connector.open(url);
        RemoteServer raced = open.putIfAbsent(url, fresh);
        RemoteServer use = raced == null ? fresh : raced;
        if (raced != null) {
            fresh.close();
        }
        try {
            return call.apply(use);
        } catch (RemoteException e) {
            if (lostConnection(e)) {
                invalidate(url, use);
            }
            throw e;
        }
    }

    private static boolean lostConnection(RemoteException e) {
        return e.kind() == RemoteException.Kind.CANNOT_CONNECT || e.kind() == RemoteException.Kind.TIMEOUT;
    }

    /** Drops a connection that failed, so that the next call opens a new one. */
    public void invalidate(String url, RemoteServer broken) {
        if (open.remove(url, broken)) {
            closeQuietly(broken);
        }
    }

    /**
     * Closes the connection to {@code url}, failing the calls under way on it; the next call opens a new one. Returns at
     * once: closing a JMX connection to a server that cannot be reached waits for the RMI time-out, and whoever drops a
     * connection (the master's deadline check) must not wait with it.
     */
    public void drop(String url) {
        RemoteServer kept = open.get(url);
        if (kept != null && open.remove(url, kept)) {
            DaemonThreads.start("ripple-drop-connection", () -> closeQuietly(kept));
        }
    }

    private static void closeQuietly(RemoteServer connection) {
        try {
            connection.close();
        } catch (RuntimeException ignored) {
            // it is gone either way
        }
    }

    public RemoteServers connector() {
        return connector;
    }

    @Override
    public void close() {
        open.forEach(this::invalidate);
    }
}
