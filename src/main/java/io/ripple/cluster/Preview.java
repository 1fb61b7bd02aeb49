package io.ripple.cluster;

import io.ripple.ClusterMXBean;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteException;
import java.util.Map;

/** What a cluster restart would do now, found by reading every server and changing nothing. */
final class Preview {

    private Preview() {
    }

    /** Why the master's validation rejects its disk now, or null when it accepts it. */
    static String rejection(MasterSide master) {
        try {
            master.validate();
            return null;
        } catch (Exception e) {
            return Coordinator.reason(e);
        }
    }

    /** Whether a preview's text says that a run would be refused. */
    static boolean wouldNotRun(String preview) {
        return preview.lines().anyMatch(line -> line.startsWith(ClusterMXBean.PREVIEW_WOULD_NOT_RUN));
    }

    static String of(MasterSide master, Map<String, String> replicas, ConnectionCache connections) throws Exception {
        long published = master.refreshlessVersion();
        String publishedDigest = master.digest(published);
        String target = master.diskDigest();
        StringBuilder out = new StringBuilder();
        boolean newVersion = !target.equals(publishedDigest);
        String rejected = rejection(master);
        if (rejected != null) {
            out.append("Master ").append(master.name()).append(": published version ").append(published)
                    .append(newVersion ? "; its disk has changed since and is not published" : "").append('\n');
            out.append("  validation: REJECTED: ").append(rejected)
                    .append(" (a cluster restart would be refused; no replica would be asked)\n");
            return out.append(ClusterMXBean.PREVIEW_WOULD_NOT_RUN).append(rejected).append('\n').toString();
        }
        out.append("Master ").append(master.name()).append(": published version ").append(published)
                .append(newVersion ? "; its disk has changed since: a restart publishes version " + (published + 1) : "")
                .append('\n');
        out.append("  validation: the configuration on the master's disk is accepted\n");
        int stale = 0;
        for (Map.Entry<String, String> replica : replicas.entrySet()) {
            out.append("  ").append(replica.getKey()).append(": ");
            try {
                java.util.Optional<String> stranger = connections.call(replica.getValue(),
                        remote -> ReplicaIdentity.mismatch(remote, replica.getKey(), master.clusterId()));
                if (stranger.isPresent()) {
                    out.append(stranger.get()).append(": would fail\n");
                    continue;
                }
                long version = connections.call(replica.getValue(), remote -> remote.configStore().getVersion());
                String digest = connections.call(replica.getValue(), remote -> remote.configStore().getDigest());
                if (digest.equals(target)) {
                    out.append("version ").append(version).append(", up to date: would not restart");
                } else {
                    stale++;
                    out.append("version ").append(version).append(", stale: would sync and restart");
                }
            } catch (RemoteException e) {
                out.append("cannot be asked (").append(e.getMessage()).append("): would fail");
            }
            out.append('\n');
        }
        long applied = master.appliedVersion();
        boolean masterRestarts = newVersion || applied < published;
        out.append("  ").append(master.name()).append(" (master): running version ").append(applied)
                .append(masterRestarts ? ": would restart last" : ": would not restart").append('\n');
        out.append(stale).append(" of ").append(replicas.size()).append(" replicas stale");
        return out.append('\n').toString();
    }
}
