package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.config.ConfigException;
import io.ripple.management.ClusterClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterTermTest {

    @TempDir
    Path dir;

    private static Optional<ClusterClaim> master(long term) {
        return Optional.of(new ClusterClaim("master", "c-1", term));
    }

    @Nested
    class Durably {

        @Test
        void aMasterHoldsTermOneFromItsFirstStartAndKeepsIt() throws Exception {
            assertThat(ClusterTerm.load(dir, "master", true).current()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve(ClusterTerm.FILE))).isEqualTo("term = 1\n");
            assertThat(ClusterTerm.load(dir, "master", true).current()).isEqualTo(1);
        }

        @Test
        void aReplicaKnowsNoTermBeforeItSeesOneAndRemembersTheHighestAcrossRestarts() throws Exception {
            ClusterTerm term = ClusterTerm.load(dir, "replica-1", false);
            assertThat(term.current()).isZero();
            assertThat(Files.exists(dir.resolve(ClusterTerm.FILE))).isFalse();

            assertThat(term.observe(3, "replica-2")).isTrue();
            assertThat(term.observe(2, "master")).isFalse();

            assertThat(ClusterTerm.load(dir, "replica-1", false).current()).isEqualTo(3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "term = ", "term = 0", "term = -1", "term = two", "3", "term = 1234567890123456789"})
        void anUnreadableTermFileRefusesTheStartNamingTheFile(String content) throws Exception {
            Files.writeString(dir.resolve(ClusterTerm.FILE), content);

            assertThatThrownBy(() -> ClusterTerm.load(dir, "replica-1", false))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid term file " + dir.resolve(ClusterTerm.FILE) + ": expected one line 'term = N'"
                            + " with N a whole number from 1 to 18 digits. Write the highest term of the cluster there"
                            + " ('ripple server info' on any server shows its Term).");
        }
    }

    @Nested
    class Callers {

        @Test
        void aReplicaRefusesAMasterOfALowerTermAndKeepsItsOwn() throws Exception {
            ClusterTerm term = ClusterTerm.load(dir, "replica-1", false);
            term.observe(2, "replica-2");

            assertThatThrownBy(() -> term.checkCaller("syncAndRestartUntil", master(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Refused syncAndRestartUntil from 'master' of term 1: replica-1 has seen term 2: a master"
                            + " of a newer term was promoted since. The old master must step down (see docs/FAILOVER.md).");
            assertThat(term.current()).isEqualTo(2);
        }

        @Test
        void aReplicaLearnsAHigherTermFromItsCallerDurably() throws Exception {
            ClusterTerm term = ClusterTerm.load(dir, "replica-1", false);

            term.checkCaller("syncAndRestartUntil", master(1));
            term.checkCaller("syncAndRestartUntil", master(4));
            term.checkCaller("syncAndRestartUntil", master(4));

            assertThat(ClusterTerm.load(dir, "replica-1", false).current()).isEqualTo(4);
        }

        @Test
        void aCallerWithoutATermIsNotJudged() throws Exception {
            ClusterTerm term = ClusterTerm.load(dir, "replica-1", false);
            term.observe(5, "master");

            term.checkCaller("restart", Optional.empty());
            term.checkCaller("restart", Optional.of(new ClusterClaim("ripple-cli", "")));
            term.checkCaller("confirmTurn", Optional.of(new ClusterClaim("replica-2", "c-1")));
        }

        @Test
        void anUnreadableTermIsRefusedNotIgnored() throws Exception {
            ClusterTerm term = ClusterTerm.load(dir, "replica-1", false);

            assertThatThrownBy(() -> term.checkCaller("syncAndRestartUntil", master(ClusterClaim.UNREADABLE_TERM)))
                    .hasMessage("Refused syncAndRestartUntil from 'master' of term (unreadable): its term is not a number"
                            + " of 1 to 18 digits.");
        }

        @Test
        void aMasterRefusesALowerTermButDoesNotTakeAHigherOneAsItsOwn() throws Exception {
            ClusterTerm term = ClusterTerm.load(dir, "master", true);
            term.observe(3, "replica-1"); // the master's own term is set, not learned: only a promotion raises it
            ClusterTerm held = ClusterTerm.load(dir, "master", true);

            held.checkCaller("restart", master(9));

            assertThat(held.current()).isEqualTo(3);
            assertThatThrownBy(() -> held.checkCaller("restart", master(2))).hasMessageContaining("of term 2: master has seen term 3");
        }
    }

    @Nested
    class MastersAnswers {

        @Test
        void aReplicaRefusesToSyncFromAMasterOfALowerTermAndLearnsAHigherOne() throws Exception {
            ClusterTerm term = ClusterTerm.load(dir, "replica-1", false);
            term.checkMaster("master", 2);
            term.checkMaster("master", 0); // a master of an earlier release claims no term

            assertThatThrownBy(() -> term.checkMaster("master", 1))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("The master 'master' holds term 1, but replica-1 has seen term 2: a newer master was"
                            + " promoted. Refused, nothing was applied.");
            assertThat(term.current()).isEqualTo(2);
        }
    }
}
