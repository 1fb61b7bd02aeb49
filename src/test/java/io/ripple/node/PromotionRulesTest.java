package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionRulesTest {

    private static final NodeState UP_TO_DATE = NodeState.EMPTY.withSynced(7, 1, "d7d7d7d7d7d7d7", List.of(), "r")
            .withMasterSeen(7, "d7d7d7d7d7d7d7");
    private static final NodeState STALE = UP_TO_DATE.withMasterSeen(8, "d8d8d8d8d8d8d8");

    private static PromotionRules.Facts replica(NodeState state, List<String> drifted) {
        return new PromotionRules.Facts("replica-1", false, "master", ServerState.RUNNING, null, true, state, drifted);
    }

    @Test
    void anUpToDateReplicaWithoutDriftMayBePromoted() {
        assertThat(PromotionRules.refusal(replica(UP_TO_DATE, List.of()), false)).isEmpty();
    }

    @Test
    void aReplicaThatNeverSawAVersionOfItsMasterMayBePromoted() {
        NodeState old = NodeState.EMPTY.withSynced(3, 1, "d3", List.of(), "r");
        assertThat(PromotionRules.refusal(replica(old, List.of()), false)).isEmpty();
    }

    @Test
    void aStaleReplicaIsRefusedUnlessForced() {
        assertThat(PromotionRules.refusal(replica(STALE, List.of()), false)).contains("it holds version 7, not version 8 it"
                + " saw from master 'master'. Sync it first, or promote with --force.");
        assertThat(PromotionRules.refusal(replica(STALE, List.of()), true)).isEmpty();
    }

    @Test
    void anotherDigestUnderTheSameNumberIsStaleToo() {
        NodeState other = UP_TO_DATE.withSynced(8, 1, "e8e8e8e8e8e8e8", List.of(), "r").withMasterSeen(8, "d8d8d8d8d8d8d8");
        assertThat(PromotionRules.refusal(replica(other, List.of()), false)).contains("it holds version 8 with digest"
                + " e8e8e8e8e8e8, not d8d8d8d8d8d8 as it saw from master 'master'. Sync it first, or promote with --force.");
    }

    @Test
    void aReplicaWithDriftedFilesIsRefusedUnlessForced() {
        List<String> drifted = List.of("a.json", "b.json", "c.json", "d.json", "e.json");
        assertThat(PromotionRules.refusal(replica(UP_TO_DATE, drifted), false)).contains("files changed since its last"
                + " sync: a.json, b.json, c.json and 2 more. Sync it first, or promote with --force.");
        assertThat(PromotionRules.refusal(replica(UP_TO_DATE, drifted), true)).isEmpty();
    }

    @Test
    void aMasterIsRefusedEvenForced() {
        PromotionRules.Facts master = new PromotionRules.Facts("master", true, "", ServerState.RUNNING, null, false,
                UP_TO_DATE, List.of());
        assertThat(PromotionRules.refusal(master, true)).contains("it is the master already: promote runs on a replica.");
    }

    @Test
    void aReplicaThatNeverPinnedAClusterIsRefusedEvenForced() {
        PromotionRules.Facts fresh = new PromotionRules.Facts("replica-1", false, "master", ServerState.RUNNING, null, false,
                NodeState.EMPTY, List.of());
        assertThat(PromotionRules.refusal(fresh, true)).contains("it never synced with a master: it has no cluster to take over.");
    }

    @Test
    void aReplicaInARunsTurnOrRestartingIsRefusedEvenForced() {
        PromotionRules.Facts inRun = new PromotionRules.Facts("replica-1", false, "master", ServerState.SYNCING, "12", true,
                UP_TO_DATE, List.of());
        assertThat(PromotionRules.refusal(inRun, true)).contains("run 12 is in progress on it: promote it once the run has ended.");
        PromotionRules.Facts restarting = new PromotionRules.Facts("replica-1", false, "master", ServerState.RESTARTING, null,
                true, UP_TO_DATE, List.of());
        assertThat(PromotionRules.refusal(restarting, true)).contains("it is RESTARTING: promote it once it is RUNNING.");
    }

    @Test
    void aFailedReplicaMayBePromoted() {
        PromotionRules.Facts failed = new PromotionRules.Facts("replica-1", false, "master", ServerState.FAILED, null, true,
                UP_TO_DATE, List.of());
        assertThat(PromotionRules.refusal(failed, false)).isEmpty();
    }
}
