package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.management.ClusterClaim;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NewMasterCheckTest {

    private static final NewMasterCheck.Known REPLICA_2 = new NewMasterCheck.Known("replica-2", "c-1", "master", 1,
            List.of("master", "replica-1", "replica-2"));

    private static Optional<ClusterClaim> claim(String caller, String cluster, long term) {
        return Optional.of(new ClusterClaim(caller, cluster, term));
    }

    /** {@code REPLICA_2} after it followed replica-1 of {@code term}. */
    private static NewMasterCheck.Known followingReplica1(long term) {
        return new NewMasterCheck.Known("replica-2", "c-1", "replica-1", term, REPLICA_2.memberNames());
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
        NewMasterCheck.Known following = followingReplica1(2);
        NewMasterCheck.Verdict v = NewMasterCheck.judge(following, claim("replica-1", "c-1", 2), "replica-1", 2);
        assertThat(v.refusal()).isEmpty();
        assertThat(v.already()).isTrue();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a call without a term", Optional.empty(), "replica-1", 2, "the call claims no term"),
                Arguments.of("a call of term 0", claim("replica-1", "c-1", 0), "replica-1", 2, "the call claims no term"),
                Arguments.of("a caller that names another server", claim("replica-3", "c-1", 2), "replica-1", 2,
                        "the caller 'replica-3' is not the master 'replica-1' it names"),
                Arguments.of("a term other than the claimed one", claim("replica-1", "c-1", 2), "replica-1", 3,
                        "it gives term 3 but its call claims term 2"),
                Arguments.of("another cluster", claim("replica-1", "c-9", 2), "replica-1", 2,
                        "it claims cluster c-9, and replica-2 belongs to cluster c-1"),
                Arguments.of("no cluster", claim("replica-1", "", 2), "replica-1", 2,
                        "it claims cluster (none), and replica-2 belongs to cluster c-1"),
                Arguments.of("a server that is not a member", claim("intruder", "c-1", 2), "intruder", 2,
                        "'intruder' is not a member of the cluster as replica-2 knows it"),
                Arguments.of("the member itself", claim("replica-2", "c-1", 2), "replica-2", 2, "it names replica-2 itself"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("refusals")
    void refused(String what, Optional<ClusterClaim> claim, String master, long term, String why) {
        assertThat(refusal(claim, master, term)).contains(why);
    }

    @Test
    void aTermNotAboveTheFollowedMastersIsRefused() {
        NewMasterCheck.Known following = followingReplica1(3);
        assertThat(NewMasterCheck.judge(following, claim("master", "c-1", 3), "master", 3).refusal())
                .contains("replica-2 follows master 'replica-1' of term 3, not older than term 3");
        assertThat(NewMasterCheck.judge(following, claim("master", "c-1", 2), "master", 2).refusal())
                .contains("replica-2 follows master 'replica-1' of term 3, not older than term 2");
    }
}
