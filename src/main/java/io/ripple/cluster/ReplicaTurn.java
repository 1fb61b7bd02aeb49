package io.ripple.cluster;

import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteServer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One replica's turn in a run, as the master sees it: where it is, its deadline, and whether a call to it is under
 * way (so that polls never pile up behind a slow replica).
 */
final class ReplicaTurn {

    final String name;
    final String url;
    private final ConnectionCache connections;
    final AtomicBoolean callInFlight = new AtomicBoolean();
    volatile long deadlineMillis;
    /** When the master last asked it (its clock), for the first poll. */
    volatile long askedAtMillis;

    ReplicaTurn(String name, String url, ConnectionCache connections) {
        this.name = name;
        this.url = url;
        this.connections = connections;
    }

    /** A call to the replica over the connection the master keeps to it. */
    <T> T call(Function<RemoteServer, T> call) {
        return connections.call(url, call);
    }
}
