package io.ripple.cluster;

import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteServer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One replica's turn in a run, as the master sees it: the connection to it, its deadline, and whether a call to it
 * is under way (so that polls never pile up behind a slow replica).
 */
final class ReplicaTurn {

    final String name;
    final String url;
    private final RemoteConnector connector;
    final AtomicBoolean callInFlight = new AtomicBoolean();
    volatile long deadlineMillis;
    private RemoteServer remote;

    ReplicaTurn(String name, String url, RemoteConnector connector) {
        this.name = name;
        this.url = url;
        this.connector = connector;
    }

    /** The connection, opened on first use and again after a failure. */
    synchronized RemoteServer remote() {
        if (remote == null) {
            remote = connector.open(url);
        }
        return remote;
    }

    /** Drops a connection that failed, so that the next call opens a new one (the replica may have restarted). */
    synchronized void reset() {
        close();
    }

    synchronized void close() {
        if (remote != null) {
            try {
                remote.close();
            } catch (RuntimeException ignored) {
                // the connection is gone either way
            }
            remote = null;
        }
    }
}
