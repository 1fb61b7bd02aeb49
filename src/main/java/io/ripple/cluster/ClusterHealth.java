package io.ripple.cluster;

import io.ripple.management.SafeText;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteException;
import java.util.List;
import java.util.Map;

/**
 * Every replica read now, in parallel and within a deadline ({@link ReplicaReads}): reachable or not, its version, digest and drifted files against the master's
 * published version. The base of {@code health()}, {@code preview()} and monitoring checks; changes nothing.
 */
final class ClusterHealth {

    /** One replica as read now; {@code error} is null when it answered. */
    record ReplicaHealth(String name, String url, boolean reachable, long version, String digest, List<String> drifted,
                         String configSource, String error) {
    }

    private ClusterHealth() {
    }

    /** Every replica within the deadline of {@code reads}; one that does not answer in time is unreachable, with why. */
    static List<ReplicaHealth> read(Map<String, String> replicas, String clusterId, ConnectionCache connections,
                                    ReplicaReads reads) {
        return reads.readAll(replicas, (name, url) -> readOne(name, url, clusterId, connections),
                (name, url, why) -> new ReplicaHealth(name, url, false, -1, "", List.of(), "", why));
    }

    /** One replica; a server that is not that replica of this cluster counts as unreachable, with why. */
    private static ReplicaHealth readOne(String name, String url, String clusterId, ConnectionCache connections) {
        try {
            return connections.call(url, remote -> ReplicaIdentity.mismatch(remote, name, clusterId)
                    .map(wrong -> new ReplicaHealth(name, url, false, -1, "", List.of(), null, wrong))
                    .orElseGet(() -> new ReplicaHealth(name, url, true, remote.configStore().getVersion(),
                    remote.configStore().getDigest(), List.of(remote.configStore().getDriftedFiles()),
                    remote.server().getConfigSource(), null)));
        } catch (RemoteException e) {
            return new ReplicaHealth(name, url, false, -1, "", List.of(), "", e.getMessage());
        }
    }

    /** The JSON {@code health()} returns. */
    static String json(MasterSide master, Run lastRun, List<ReplicaHealth> replicas) {
        ObjectNode root = RunJournal.JSON.createObjectNode();
        long version = master.refreshlessVersion();
        String digest;
        try {
            digest = master.digest(version);
        } catch (Exception e) {
            digest = "";
        }
        root.put("master", master.name());
        root.put("version", version);
        root.put("digest", digest);
        root.put("appliedVersion", master.appliedVersion());
        root.put("lastRunState", lastRun == null ? null : lastRun.state().name());
        root.put("lastRunId", lastRun == null ? null : lastRun.runId());
        int stale = 0;
        int drifted = 0;
        int unreachable = 0;
        ArrayNode rows = root.putArray("replicas");
        for (ReplicaHealth r : replicas) {
            ObjectNode row = rows.addObject();
            row.put("name", r.name());
            row.put("reachable", r.reachable());
            if (r.reachable()) {
                boolean isStale = !r.digest().equals(digest);
                stale += isStale ? 1 : 0;
                drifted += r.drifted().isEmpty() ? 0 : 1;
                row.put("version", r.version());
                row.put("digest", r.digest());
                row.put("stale", isStale);
                row.put("configSource", SafeText.of(r.configSource(), 40));
                r.drifted().forEach(row.putArray("driftedFiles")::add);
            } else {
                unreachable++;
                row.put("error", r.error());
            }
        }
        root.put("stale", stale);
        root.put("drifted", drifted);
        root.put("unreachable", unreachable);
        return root.toString();
    }
}
