package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.MemberInfo;
import io.ripple.management.ClusterClaim;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a replica does with an operation from a caller of a higher term that is not its master. */
class HigherTermCallerTest {

    private static final String R1_URL = "http://127.0.0.1:9102/jolokia/";
    private static final HigherTermCaller.Known REPLICA_2 = new HigherTermCaller.Known("replica-2", "c-1", "master", 1,
            List.of(new MemberInfo("master", "service:jmx:rmi:///jndi/rmi://127.0.0.1:9001/jmxrmi"),
                    new MemberInfo("replica-1", R1_URL), new MemberInfo("replica-2", "http://127.0.0.1:9202/jolokia/")));

    private static HigherTermCaller.Verdict judge(ClusterClaim claim) {
        return HigherTermCaller.judge(REPLICA_2, "syncAndRestartUntil", Optional.ofNullable(claim));
    }

    @Test
    void noClaimNoHigherTermOrTheMasterItFollowsPass() {
        assertThat(judge(null).passes()).isTrue();
        assertThat(judge(new ClusterClaim("ripple-cli", "")).passes()).isTrue();
        assertThat(judge(new ClusterClaim("replica-1", "c-1", 1)).passes()).isTrue();
        assertThat(judge(new ClusterClaim("master", "c-1", 3)).passes()).as("its own master's term is learned").isTrue();
    }

    @Test
    void aMemberOfAHigherTermIsFollowedAtTheUrlTheMembershipGives() {
        HigherTermCaller.Verdict verdict = judge(new ClusterClaim("replica-1", "c-1", 2));

        assertThat(verdict.refusal()).isEmpty();
        assertThat(verdict.follow()).contains(new MasterRecord("replica-1", R1_URL, 2));
    }

    @Test
    void anUnknownNameOfAHigherTermIsRefused() {
        HigherTermCaller.Verdict verdict = judge(new ClusterClaim("intruder", "c-1", 5));

        assertThat(verdict.follow()).isEmpty();
        assertThat(verdict.refusal()).contains("Refused syncAndRestartUntil from 'intruder' of term 5: 'intruder' is not a"
                + " member of the cluster as replica-2 knows it (data-dir/cluster-members.json); replica-2 follows master"
                + " 'master' of term 1. Nothing changed.");
    }

    @Test
    void aCallerOfAnotherClusterOrAReplicaWithoutAPinIsRefused() {
        assertThat(judge(new ClusterClaim("replica-1", "other", 2)).refusal()).isPresent();
        HigherTermCaller.Known unpinned = new HigherTermCaller.Known("replica-2", "", "master", 0, REPLICA_2.members());
        assertThat(HigherTermCaller.judge(unpinned, "op", Optional.of(new ClusterClaim("replica-1", "c-1", 2))).refusal())
                .isPresent();
    }

    @Test
    void aCallerClaimingThisServersOwnNameIsRefused() {
        assertThat(judge(new ClusterClaim("replica-2", "c-1", 2)).refusal()).isPresent();
    }
}
