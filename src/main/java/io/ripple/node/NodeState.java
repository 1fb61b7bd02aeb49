package io.ripple.node;

import io.ripple.config.ManifestEntry;
import java.util.List;

/**
 * What a server remembers across restarts of its process: the configuration it last synced from the master and the
 * last cluster restart step it carried out.
 *
 * @param digest the digest of the master's version it last synced
 * @param synced the part of that version it accepted by its own rules, to tell which files were edited locally since
 *     and which files a sync placed (the only ones a later sync may remove)
 * @param rules  the fingerprint of its own replication rules when it synced, to tell whether they changed since
 */
public record NodeState(long version, long timestamp, String digest, List<ManifestEntry> synced, String rules,
                        String lastRunId, String lastRunOutcome, String lastRunDetail) {

    public static final NodeState EMPTY = new NodeState(0, 0, "", List.of(), "", "", "", "");

    public NodeState {
        synced = synced == null ? List.of() : List.copyOf(synced);
        digest = digest == null ? "" : digest;
        rules = rules == null ? "" : rules;
        lastRunId = lastRunId == null ? "" : lastRunId;
        lastRunOutcome = lastRunOutcome == null ? "" : lastRunOutcome;
        lastRunDetail = lastRunDetail == null ? "" : lastRunDetail;
    }

    public NodeState withSynced(long newVersion, long newTimestamp, String newDigest, List<ManifestEntry> manifest,
                                String newRules) {
        return new NodeState(newVersion, newTimestamp, newDigest, manifest, newRules, lastRunId, lastRunOutcome, lastRunDetail);
    }

    public NodeState withRun(String runId, String outcome, String detail) {
        return new NodeState(version, timestamp, digest, synced, rules, runId, outcome, detail);
    }
}
