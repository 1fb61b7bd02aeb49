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
 * @param masterSeenVersion the highest version a replica saw its master publish (0 before any): a promotion refuses a
 *     replica that does not hold it
 * @param masterSeenDigest  that version's digest
 */
public record NodeState(long version, long timestamp, String digest, List<ManifestEntry> synced, String rules,
                        String lastRunId, String lastRunOutcome, String lastRunDetail,
                        long masterSeenVersion, String masterSeenDigest) {

    public static final NodeState EMPTY = new NodeState(0, 0, "", List.of(), "", "", "", "");

    public NodeState(long version, long timestamp, String digest, List<ManifestEntry> synced, String rules,
                     String lastRunId, String lastRunOutcome, String lastRunDetail) {
        this(version, timestamp, digest, synced, rules, lastRunId, lastRunOutcome, lastRunDetail, 0, "");
    }

    public NodeState {
        synced = synced == null ? List.of() : List.copyOf(synced);
        digest = digest == null ? "" : digest;
        rules = rules == null ? "" : rules;
        lastRunId = lastRunId == null ? "" : lastRunId;
        lastRunOutcome = lastRunOutcome == null ? "" : lastRunOutcome;
        lastRunDetail = lastRunDetail == null ? "" : lastRunDetail;
        masterSeenDigest = masterSeenDigest == null ? "" : masterSeenDigest;
    }

    public NodeState withSynced(long newVersion, long newTimestamp, String newDigest, List<ManifestEntry> manifest,
                                String newRules) {
        return new NodeState(newVersion, newTimestamp, newDigest, manifest, newRules, lastRunId, lastRunOutcome, lastRunDetail,
                masterSeenVersion, masterSeenDigest);
    }

    public NodeState withRun(String runId, String outcome, String detail) {
        return new NodeState(version, timestamp, digest, synced, rules, runId, outcome, detail, masterSeenVersion,
                masterSeenDigest);
    }

    /** This state with {@code seenVersion} as the highest version seen from the master, when it is not lower. */
    public NodeState withMasterSeen(long seenVersion, String seenDigest) {
        if (seenVersion < masterSeenVersion || seenVersion == masterSeenVersion && seenDigest.equals(masterSeenDigest)) {
            return this;
        }
        return new NodeState(version, timestamp, digest, synced, rules, lastRunId, lastRunOutcome, lastRunDetail, seenVersion,
                seenDigest);
    }

    /** Whether this replica holds the last version it saw from its master (or has seen none). */
    public boolean holdsMasterSeen() {
        return masterSeenVersion == 0 || (version == masterSeenVersion && digest.equals(masterSeenDigest));
    }
}
