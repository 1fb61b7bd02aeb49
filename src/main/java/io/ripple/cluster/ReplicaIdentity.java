package io.ripple.cluster;

import io.ripple.remote.RemoteServer;
import io.ripple.util.MessageId;
import io.ripple.remote.ServerIdentity;
import java.util.Optional;

/**
 * The master's check that the server at a {@code replica} line's URL is that replica of this cluster: it answers with
 * the line's name and with this cluster's id, or with none yet (a fresh replica, which adopts the id at its first
 * sync). Anything else is a server of another cluster, or another server, and is never treated as ours.
 */
final class ReplicaIdentity {

    private ReplicaIdentity() {
    }

    /** What is wrong with the server at {@code url}, read now; empty when it is the replica the line names. */
    static Optional<String> mismatch(RemoteServer remote, String expectedName, String clusterId) {
        return judge(remote.url(), expectedName, clusterId, remote.serverIdentity());
    }

    /** The verdict on the identity the server at {@code url} answered. */
    static Optional<String> judge(String url, String expectedName, String clusterId, ServerIdentity identity) {
        String id = identity.clusterId();
        return judge(url, expectedName, clusterId, identity.name(), id == null ? "" : id);
    }

    /** The verdict on what the server at {@code url} answered. */
    static Optional<String> judge(String url, String expectedName, String clusterId, String name, String id) {
        boolean sameName = expectedName.equals(name);
        boolean sameCluster = id.isEmpty() || clusterId.isEmpty() || id.equals(clusterId);
        if (sameName && sameCluster) {
            return Optional.empty();
        }
        String theirs = id.isEmpty() ? "of no cluster yet" : "of cluster " + id;
        String ours = clusterId.isEmpty() ? "of this cluster" : "of this cluster (" + clusterId + ")";
        return Optional.of(MessageId.PEER_MISMATCH.line("the server at ") + url + " is '" + name + "' " + theirs + ", not '" + expectedName + "' " + ours
);
    }
}
