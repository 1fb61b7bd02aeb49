package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.management.ClusterClaim;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NewMasterCheckTest {

    private static final NewMasterCheck.Known REPLICA_2 = new NewMasterCheck.Known("replica-2", "c-1", "master", 1,
            List.of("master", "replica-1", "replica-2"));

    private static Optional<ClusterClaim> claim(String caller, String cluster, long term) {
        return Optional.of(new ClusterClaim(caller, cluster, term));
    }

    private static Optional<String> refusal(Optional<ClusterClaim> claim, String master, long term) {
        return NewMasterCheck.judge(REPLICA_2, claim, master, term).refusal();
    }

    @Test
    void theMemberFollowsAMasterOfTheNextTermThatNamesItself() {
        NewMasterCheck.Verdict v = NewMasterCheck.judge(REPLICA_2, claim("replica-1", "c-1", 2), "replica-1", 2);
        assertThat(v.refusal()).isEmpty();
        assertThat(v.already()).isFalse();
    }

    @Test
    void theSameCallAgainIsAnsweredNotRedone() {
        NewMasterCheck.Known following = new NewMasterCheck.Known("replica-2", "c-1", "replica-1", 2, REPLICA_2.memberNames());
        NewMasterCheck.Verdict v = NewMasterCheck.judge(following, claim("replica-1", "c-1", 2), "replica-1", 2);
        assertThat(v.refusal()).isEmpty();
        assertThat(v.already()).isTrue();
    }

    @Test
    void aCallWithoutATermIsRefused() {
        assertThat(refusal(Optional.empty(), "replica-1", 2)).contains("the call claims no term");
        assertThat(refusal(claim("replica-1", "c-1", 0), "replica-1", 2)).contains("the call claims no term");
    }

    @Test
    void aCallerThatNamesAnotherServerIsRefused() {
        assertThat(refusal(claim("replica-3", "c-1", 2), "replica-1", 2))
                .contains("the caller 'replica-3' is not the master 'replica-1' it names");
    }

    @Test
    void aTermOtherThanTheClaimedOneIsRefused() {
        assertThat(refusal(claim("replica-1", "c-1", 2), "replica-1", 3)).contains("it gives term 3 but its call claims term 2");
    }

    @Test
    void anotherClusterIsRefused() {
        assertThat(refusal(claim("replica-1", "c-9", 2), "replica-1", 2))
                .contains("it claims cluster c-9, and replica-2 belongs to cluster c-1");
        assertThat(refusal(claim("replica-1", "", 2), "replica-1", 2))
                .contains("it claims cluster (none), and replica-2 belongs to cluster c-1");
    }

    @Test
    void aServerThatIsNotAMemberIsRefused() {
        assertThat(refusal(claim("intruder", "c-1", 2), "intruder", 2))
                .contains("'intruder' is not a member of the cluster as replica-2 knows it");
    }

    @Test
    void theMemberItselfIsRefused() {
        assertThat(refusal(claim("replica-2", "c-1", 2), "replica-2", 2)).contains("it names replica-2 itself");
    }

    @Test
    void aTermNotAboveTheFollowedMastersIsRefused() {
        NewMasterCheck.Known following = new NewMasterCheck.Known("replica-2", "c-1", "replica-1", 3, REPLICA_2.memberNames());
        assertThat(NewMasterCheck.judge(following, claim("master", "c-1", 3), "master", 3).refusal())
                .contains("replica-2 follows master 'replica-1' of term 3, not older than term 3");
        assertThat(NewMasterCheck.judge(following, claim("master", "c-1", 2), "master", 2).refusal())
                .contains("replica-2 follows master 'replica-1' of term 3, not older than term 2");
    }
}
