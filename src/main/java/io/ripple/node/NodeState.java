package io.ripple.node;

import io.ripple.config.ManifestEntry;
import java.util.List;

/**
 * What a server remembers across restarts of its process: the configuration it last synced from the master and the
 * last cluster restart step it carried out.
 *
 * @param synced the manifest it last synced, to tell which files were edited locally since
 */
public record NodeState(long version, long timestamp, String digest, List<ManifestEntry> synced, String lastRunId,
                        String lastRunOutcome, String lastRunDetail) {

    public static final NodeState EMPTY = new NodeState(0, 0, "", List.of(), "", "", "");

    public NodeState {
        synced = synced == null ? List.of() : List.copyOf(synced);
        digest = digest == null ? "" : digest;
        lastRunId = lastRunId == null ? "" : lastRunId;
        lastRunOutcome = lastRunOutcome == null ? "" : lastRunOutcome;
        lastRunDetail = lastRunDetail == null ? "" : lastRunDetail;
    }

    public NodeState withSynced(long newVersion, long newTimestamp, String newDigest, List<ManifestEntry> manifest) {
        return new NodeState(newVersion, newTimestamp, newDigest, manifest, lastRunId, lastRunOutcome, lastRunDetail);
    }

    public NodeState withRun(String runId, String outcome, String detail) {
        return new NodeState(version, timestamp, digest, synced, runId, outcome, detail);
    }
}
