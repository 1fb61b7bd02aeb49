package io.ripple.node;

import java.util.List;
import java.util.Optional;

/**
 * Whether a server may be promoted to the cluster's master: only a running replica that holds what its master last
 * published and nothing edited locally since, unless forced; never a master, a replica that never synced (it knows no
 * cluster to take over), or one in the middle of a run's turn.
 */
final class PromotionRules {

    /**
     * What the promotion is judged on.
     *
     * @param name          the server's name
     * @param master        whether it is the master already
     * @param masterName    its master's name (a replica)
     * @param state         its lifecycle state
     * @param activeRun     the run whose turn it carries out now, or null
     * @param pinned        whether it pinned a cluster id at a sync
     * @param synced        its node state: the version it holds and the last one it saw from its master
     * @param drifted       files edited or removed locally since its last sync
     */
    record Facts(String name, boolean master, String masterName, ServerState state, String activeRun, boolean pinned,
                 NodeState synced, List<String> drifted) {
    }

    private PromotionRules() {
    }

    /**
     * Why the promotion is refused, or empty: one short sentence (a console shows 200 characters of a remote error)
     * that follows "Promotion of NAME refused: ".
     */
    static Optional<String> refusal(Facts f, boolean force) {
        if (f.master()) {
            return Optional.of("it is the master already: promote runs on a replica.");
        }
        if (!f.pinned()) {
            return Optional.of("it never synced with a master: it has no cluster to take over.");
        }
        if (f.activeRun() != null) {
            return Optional.of("run " + f.activeRun() + " is in progress on it: promote it once the run has ended.");
        }
        if (f.state() != ServerState.RUNNING && f.state() != ServerState.FAILED) {
            return Optional.of("it is " + f.state() + ": promote it once it is RUNNING.");
        }
        if (force) {
            return Optional.empty();
        }
        NodeState s = f.synced();
        if (!s.holdsMasterSeen()) {
            String held = s.version() == s.masterSeenVersion()
                    ? "version " + s.version() + " with digest " + LocalConfiguration.shortDigest(s.digest()) + ", not "
                            + LocalConfiguration.shortDigest(s.masterSeenDigest()) + " as"
                    : "version " + s.version() + ", not version " + s.masterSeenVersion();
            return Optional.of("it holds " + held + " it saw from master '" + f.masterName() + "'. Sync it first, or"
                    + " promote with --force.");
        }
        if (!f.drifted().isEmpty()) {
            return Optional.of("files changed since its last sync: " + shown(f.drifted()) + ". Sync it first, or promote"
                    + " with --force.");
        }
        return Optional.empty();
    }

    private static String shown(List<String> files) {
        int shown = Math.min(files.size(), 3);
        String listed = String.join(", ", files.subList(0, shown));
        return files.size() > shown ? listed + " and " + (files.size() - shown) + " more" : listed;
    }
}
