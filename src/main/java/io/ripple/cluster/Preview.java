package io.ripple.cluster;

import io.ripple.ClusterMXBean;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteException;
import java.util.List;
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

    /** One replica's line of a preview; {@code stale} when a run would sync and restart it. */
    private record ReplicaLine(String name, String text, boolean stale) {
    }

    /** Asks one replica; what it says, or why it cannot be asked. */
    private static ReplicaLine replicaLine(String name, String url, String target, String clusterId,
                                           ConnectionCache connections) {
        try {
            java.util.Optional<String> stranger = connections.call(url, remote -> ReplicaIdentity.mismatch(remote, name, clusterId));
            if (stranger.isPresent()) {
                return new ReplicaLine(name, stranger.get() + ": would fail", false);
            }
            long version = connections.call(url, remote -> remote.configStore().getVersion());
            String digest = connections.call(url, remote -> remote.configStore().getDigest());
            return digest.equals(target)
                    ? new ReplicaLine(name, "version " + version + ", up to date: would not restart", false)
                    : new ReplicaLine(name, "version " + version + ", stale: would sync and restart", true);
        } catch (RemoteException e) {
            return new ReplicaLine(name, "cannot be asked (" + e.getMessage() + "): would fail", false);
        }
    }

    /** The preview's text; the replicas are read at once, within the deadline of {@code reads}. */
    static String of(MasterSide master, Map<String, String> replicas, ConnectionCache connections, ReplicaReads reads)
            throws Exception {
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
        List<ReplicaLine> lines = reads.readAll(replicas, (name, url) -> replicaLine(name, url, target, master.clusterId(), connections),
                (name, url, why) -> new ReplicaLine(name, "cannot be asked (" + why + "): would fail", false));
        for (ReplicaLine line : lines) {
            out.append("  ").append(line.name()).append(": ").append(line.text()).append('\n');
        }
        long stale = lines.stream().filter(ReplicaLine::stale).count();
        long applied = master.appliedVersion();
        boolean masterRestarts = newVersion || applied < published;
        out.append("  ").append(master.name()).append(" (master): running version ").append(applied)
                .append(masterRestarts ? ": would restart last, only if every replica succeeds (a failed replica leaves it on"
                        + " version " + applied + ")" : ": would not restart").append('\n');
        out.append(stale).append(" of ").append(replicas.size()).append(" replicas stale");
        return out.append('\n').toString();
    }
}
