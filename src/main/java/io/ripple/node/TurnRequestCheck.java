package io.ripple.node;

import io.ripple.FileInfo;
import io.ripple.cluster.RunId;
import io.ripple.cluster.TurnRequest;
import io.ripple.config.ReplicatedEntries;
import io.ripple.config.SyncLimits;
import io.ripple.management.SafeText;
import java.util.Optional;

/**
 * A replica's own judgement of a {@link TurnRequest}, before it acts on it: the request is for this replica, from the
 * master it is configured with and pinned to, of its cluster, signed by the cluster's account, for a version that goes
 * forward and fits its sync limits. What {@link TurnRequest#parse} checked (size, paths, inline hashes) is not
 * repeated; what the sync checks again (its own rules, free space) is not anticipated.
 *
 * @param name this replica's name
 * @param masterName the master its server.conf names
 * @param pin the master and cluster it pinned at its first sync; empty before
 * @param configuredClusterId its {@code [cluster] cluster-id}, empty when not set
 * @param clusterAccount the user of its cluster credentials-file, whose calls are the servers'; null when it has none
 * @param version the version it holds, and its digest (empty before any)
 */
record TurnRequestCheck(String name, String masterName, Optional<ClusterIdentity.Pin> pin, String configuredClusterId,
                        String clusterAccount, long version, String digest, SyncLimits limits) {

    /** Who made the call: the user it authenticated as, and the server its cluster claim names (empty for none). */
    record Call(String user, String claimedCaller, boolean local) {
    }

    /**
     * @return true when the offered version may be taken as it came (this replica has pinned its master); false when
     *     this replica, with no pin yet, reads its master itself and pins it, as its first sync does
     * @throws IllegalArgumentException one line naming what does not hold and the fix; nothing was acted on
     */
    boolean check(TurnRequest request, Call call) {
        if (!name.equals(request.replica())) {
            throw refused("it asks for '" + SafeText.of(request.replica()) + "', and this server is '" + name
                    + "': the master's replica line for this URL names another server");
        }
        if (!masterName.equals(request.master())) {
            throw refused("it comes from master '" + SafeText.of(request.master()) + "', and this replica's master is '"
                    + masterName + "' (its server.conf)");
        }
        if (!call.local()) {
            if (!masterName.equals(call.claimedCaller())) {
                throw refused("the call carries the claim of '" + SafeText.of(call.claimedCaller()) + "', not of this"
                        + " replica's master '" + masterName + "'");
            }
            if (clusterAccount != null && !clusterAccount.equals(call.user())) {
                throw refused("it comes from user '" + SafeText.of(call.user()) + "', not from the cluster account '"
                        + clusterAccount + "' that servers call with; people use ripple:type=Server syncAndRestart");
            }
        }
        if (pin.isPresent()) {
            if (!pin.get().masterName().equals(request.master()) || !pin.get().clusterId().equals(request.clusterId())) {
                throw refused("it comes from master '" + SafeText.of(request.master()) + "' of cluster "
                        + SafeText.of(request.clusterId()) + ", and this replica is pinned to cluster " + pin.get().clusterId()
                        + " (master '" + pin.get().masterName() + "'). To move it on purpose: ripple server reset-pin");
            }
        } else if (!configuredClusterId.isEmpty() && !configuredClusterId.equals(request.clusterId())) {
            throw refused("it is for cluster " + SafeText.of(request.clusterId()) + ", and this replica's [cluster]"
                    + " cluster-id is " + configuredClusterId);
        }
        checkVersion(request);
        return pin.isPresent();
    }

    private void checkVersion(TurnRequest request) {
        long offered = request.version().getVersion();
        if (!digest.isEmpty() && !RunId.isRevert(request.runId())) {
            if (offered < version) {
                throw refused("version " + offered + " is older than version " + version + ", which this replica already"
                        + " took: versions only go forward");
            }
            if (offered == version && !digest.equals(request.version().getDigest())) {
                throw refused("version " + offered + " is not the version " + version + " this replica took (another"
                        + " digest): versions only go forward");
            }
        }
        long files = request.version().getFiles().stream().filter(f -> !f.getPath().equals(ReplicatedEntries.PATH)).count();
        if (files > limits.maxFiles()) {
            throw refused("version " + offered + " holds " + files + " files, more than this replica's max-sync-files "
                    + limits.maxFiles());
        }
        long bytes = request.version().getFiles().stream().mapToLong(FileInfo::getSize).sum();
        if (bytes > limits.maxTotalBytes()) {
            throw refused("version " + offered + " holds " + bytes + " bytes, more than this replica's max-sync-mib ("
                    + limits.maxTotalBytes() + " bytes)");
        }
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("Turn request refused: " + why + ".");
    }
}
