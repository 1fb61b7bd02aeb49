package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.MemberInfo;
import io.ripple.remote.MemberView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules a starting server follows when its members say which term and which master they know. */
class DiscoveryVerdictTest {

    private static final String CLUSTER = "c-1";
    private static final List<MemberInfo> MEMBERSHIP = List.of(
            new MemberInfo("master", "service:jmx:rmi:///jndi/rmi://127.0.0.1:9001/jmxrmi"),
            new MemberInfo("replica-1", "http://127.0.0.1:9102/jolokia/"),
            new MemberInfo("replica-2", "service:jmx:rmi:///jndi/rmi://127.0.0.1:9201/jmxrmi"),
            new MemberInfo("replica-3", "http://127.0.0.1:9302/jolokia/"));

    private static MemberInfo member(String name) {
        return MEMBERSHIP.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElse(new MemberInfo(name, "http://127.0.0.1:9999/jolokia/"));
    }

    /** {@code asked} answers as the master of {@code term}. */
    private static DiscoveryVerdict.Answer master(String asked, long term) {
        return new DiscoveryVerdict.Answer(member(asked), new MemberView(asked, "master", CLUSTER, term, ""));
    }

    /** {@code asked} answers as a replica of {@code master}, having seen {@code term}. */
    private static DiscoveryVerdict.Answer replica(String asked, long term, String master) {
        return new DiscoveryVerdict.Answer(member(asked), new MemberView(asked, "replica", CLUSTER, term, master));
    }

    private static DiscoveryVerdict.Answer as(DiscoveryVerdict.Answer a, MemberView view) {
        return new DiscoveryVerdict.Answer(a.asked(), view);
    }

    /**
     * self, its term, the answers; the master followed (null: none) and its term, or the words of why none.
     */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("no answers", "master", 1L, List.of(), null, 0L, "no member answered"),
                Arguments.of("lower terms", "replica-2", 3L,
                        List.of(master("replica-1", 2), replica("replica-3", 2, "replica-1")), null, 0L,
                        "no member holds a term above 3"),
                Arguments.of("equal term", "replica-2", 2L,
                        List.of(master("replica-1", 2), replica("replica-3", 2, "replica-1")), null, 0L,
                        "no member holds a term above 2"),
                Arguments.of("higher term: the old master steps down", "master", 1L,
                        List.of(master("replica-1", 2), replica("replica-2", 2, "replica-1"),
                                replica("replica-3", 1, "master")), "replica-1", 2L, ""),
                Arguments.of("higher term told by replicas alone (the new master is down)", "master", 1L,
                        List.of(replica("replica-2", 2, "replica-1"), replica("replica-3", 2, "replica-1")),
                        "replica-1", 2L, ""),
                Arguments.of("the highest of several terms", "replica-3", 1L,
                        List.of(replica("replica-1", 2, "master"), master("replica-2", 3)), "replica-2", 3L, ""),
                Arguments.of("a higher term claimed by a non-member", "replica-3", 1L,
                        List.of(master("intruder", 9), replica("replica-2", 1, "master")), null, 0L,
                        "no member holds a term above 1"),
                Arguments.of("a higher term whose master is not a member", "master", 1L,
                        List.of(replica("replica-2", 9, "intruder")), null, 0L, "no member gave a usable answer"),
                Arguments.of("a member that answers as another", "master", 1L,
                        List.of(as(master("replica-2", 5), new MemberView("replica-1", "master", CLUSTER, 5, ""))),
                        null, 0L, "no member gave a usable answer"),
                Arguments.of("a member of another cluster", "master", 1L,
                        List.of(as(master("replica-1", 5), new MemberView("replica-1", "master", "other", 5, ""))),
                        null, 0L, "no member gave a usable answer"),
                Arguments.of("conflicting masters of the same term", "master", 1L,
                        List.of(master("replica-1", 2), master("replica-2", 2), replica("replica-3", 2, "replica-1")),
                        null, 0L, "members disagree on the master of term 2: 'replica-1' (by replica-1) and"
                                + " 'replica-2' (by replica-2); following none"),
                Arguments.of("conflicting hearsay of the same term", "master", 1L,
                        List.of(replica("replica-2", 2, "replica-1"), replica("replica-3", 2, "replica-2")),
                        null, 0L, "members disagree on the master of term 2"),
                Arguments.of("a master's word about itself outweighs hearsay of its term", "master", 1L,
                        List.of(master("replica-1", 2), replica("replica-3", 2, "replica-2")), "replica-1", 2L, ""),
                Arguments.of("a term that names this server is not followed", "replica-1", 0L,
                        List.of(replica("replica-2", 2, "replica-1")), null, 0L, "no member gave a usable answer"),
                Arguments.of("an oversized master name", "master", 1L,
                        List.of(as(replica("replica-2", 2, "x"), new MemberView("replica-2", "replica", CLUSTER, 2,
                                "r".repeat(10_000)))), null, 0L, "no member gave a usable answer"),
                Arguments.of("an unprintable master name", "master", 1L,
                        List.of(replica("replica-2", 2, "replica-1\nreplica-3")), null, 0L,
                        "no member gave a usable answer"),
                Arguments.of("an oversized cluster id", "master", 1L,
                        List.of(as(master("replica-1", 2), new MemberView("replica-1", "master", "c".repeat(100_000), 2,
                                ""))), null, 0L, "no member gave a usable answer"),
                Arguments.of("an unknown role", "master", 1L,
                        List.of(as(master("replica-1", 2), new MemberView("replica-1", "boss", CLUSTER, 2, ""))),
                        null, 0L, "no member gave a usable answer"),
                Arguments.of("a replica that has seen no term yet", "master", 1L,
                        List.of(replica("replica-1", 0, "master")), null, 0L, "no member gave a usable answer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void judges(String rule, String self, long ownTerm, List<DiscoveryVerdict.Answer> answers, String followed,
                long term, String why) {
        DiscoveryVerdict verdict = DiscoveryVerdict.judge(self, CLUSTER, ownTerm, MEMBERSHIP, answers);

        if (followed == null) {
            assertThat(verdict.follow()).isEmpty();
            assertThat(verdict.why()).startsWith(why);
            assertThat(verdict.disagreement()).isEqualTo(why.startsWith("members disagree"));
        } else {
            assertThat(verdict.follow()).isPresent();
            assertThat(verdict.follow().get().master()).isEqualTo(followed);
            assertThat(verdict.follow().get().term()).isEqualTo(term);
            assertThat(verdict.follow().get().url()).isEqualTo(member(followed).getUrl());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theOrderOfTheAnswersChangesNothing(String rule, String self, long ownTerm,
                                            List<DiscoveryVerdict.Answer> answers) {
        List<DiscoveryVerdict.Answer> reversed = new ArrayList<>(answers);
        java.util.Collections.reverse(reversed);

        assertThat(DiscoveryVerdict.judge(self, CLUSTER, ownTerm, MEMBERSHIP, reversed))
                .isEqualTo(DiscoveryVerdict.judge(self, CLUSTER, ownTerm, MEMBERSHIP, answers));
    }

    @org.junit.jupiter.api.Test
    void theUrlComesFromTheMembershipAndTheClaimersAreNamed() {
        DiscoveryVerdict verdict = DiscoveryVerdict.judge("master", CLUSTER, 1, MEMBERSHIP,
                List.of(replica("replica-3", 2, "replica-1"), master("replica-1", 2), replica("replica-2", 2, "replica-1")));

        assertThat(verdict.follow()).contains(new DiscoveryVerdict.Found("replica-1", "http://127.0.0.1:9102/jolokia/", 2,
                List.of("replica-1", "replica-2", "replica-3")));
    }

    @org.junit.jupiter.api.Test
    void aServerWithoutAClusterIdYetTakesAnyMembersAnswer() {
        DiscoveryVerdict verdict = DiscoveryVerdict.judge("replica-3", "", 0, MEMBERSHIP, List.of(master("replica-1", 2)));

        assertThat(verdict.follow().map(DiscoveryVerdict.Found::master)).isEqualTo(Optional.of("replica-1"));
    }
}
