package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerRowTest {

    private static final ServerRow PENDING = ServerRow.pending("replica-1", "replica");

    @Test
    void pendingHasNoTimesNoVersionsAndAnEmptyDetail() {
        assertThat(PENDING).isEqualTo(new ServerRow("replica-1", "replica", RowState.PENDING, 0, 0, 0, -1, -1, ""));
    }

    @Test
    void requestedStampsOnlyRequestedAt() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100);
        assertThat(r.state()).isEqualTo(RowState.REQUESTED);
        assertThat(r.requestedAt()).isEqualTo(100);
        assertThat(r.startedAt()).isZero();
        assertThat(r.endedAt()).isZero();
        assertThat(r.detail()).isEqualTo("asking");
    }

    @Test
    void requestedAgainKeepsTheFirstRequestTime() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100).to(RowState.REQUESTED, "accepted", 150);
        assertThat(r.requestedAt()).isEqualTo(100);
        assertThat(r.detail()).isEqualTo("accepted");
    }

    @Test
    void firstWorkingStateStampsStartedAtAndLaterOnesKeepIt() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100)
                .to(RowState.CHECKING, "checking", 200)
                .to(RowState.SYNCING, "syncing", 300)
                .to(RowState.RESTARTING, "restarting", 400);
        assertThat(r.requestedAt()).isEqualTo(100);
        assertThat(r.startedAt()).isEqualTo(200);
        assertThat(r.endedAt()).isZero();
    }

    @Test
    void finalStateStampsEndedAtAndKeepsTheOthers() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100)
                .to(RowState.SYNCING, "syncing", 200)
                .to(RowState.RESTARTED, "3 files changed", 500);
        assertThat(r).extracting(ServerRow::requestedAt, ServerRow::startedAt, ServerRow::endedAt)
                .containsExactly(100L, 200L, 500L);
        assertThat(r.detail()).isEqualTo("3 files changed");
    }

    @Test
    void reportedOutcomeWithoutASeenWorkingStateStampsStartedAtWithTheOutcome() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100).to(RowState.UP_TO_DATE, "nothing changed", 300);
        assertThat(r.startedAt()).isEqualTo(300);
        assertThat(r.endedAt()).isEqualTo(300);
    }

    @Test
    void skippedIsFinalButNeverStarted() {
        ServerRow r = PENDING.to(RowState.SKIPPED, "skipped: replica-0 FAILED", 300);
        assertThat(r.requestedAt()).isZero();
        assertThat(r.startedAt()).isZero();
        assertThat(r.endedAt()).isEqualTo(300);
    }

    @Test
    void timedOutWhileOnlyRequestedWasNeverSeenWorking() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100).to(RowState.TIMED_OUT, "no outcome", 60_100);
        assertThat(r.requestedAt()).isEqualTo(100);
        assertThat(r.startedAt()).as("a replica that timed out before it was seen working has no start time").isZero();
        assertThat(r.endedAt()).isEqualTo(60_100);
    }

    @Test
    void timedOutAfterWorkingKeepsItsStartTime() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100).to(RowState.SYNCING, "syncing", 200)
                .to(RowState.TIMED_OUT, "no outcome", 60_100);
        assertThat(r.startedAt()).isEqualTo(200);
        assertThat(r.endedAt()).isEqualTo(60_100);
    }

    @Test
    void failedWhileOnlyRequestedWasNeverSeenWorking() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100).to(RowState.FAILED, "cannot connect", 200);
        assertThat(r.startedAt()).isZero();
        assertThat(r.endedAt()).isEqualTo(200);
    }

    @Test
    void failedAfterWorkingKeepsItsStartTime() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100).to(RowState.CHECKING, "checking", 150)
                .to(RowState.FAILED, "digest mismatch", 200);
        assertThat(r.startedAt()).isEqualTo(150);
    }

    @ParameterizedTest
    @EnumSource(value = RowState.class, names = {"PENDING", "REQUESTED", "CHECKING", "SYNCING", "RESTARTING"})
    void nonFinalStatesNeverStampEndedAt(RowState state) {
        assertThat(PENDING.to(state, "x", 100).endedAt()).isZero();
    }

    @Test
    void nullDetailKeepsTheCurrentOne() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100).to(RowState.CHECKING, null, 200);
        assertThat(r.detail()).isEqualTo("asking");
    }

    @Test
    void sameStateSameDetailIsAnIdenticalRow() {
        ServerRow r = PENDING.to(RowState.REQUESTED, "asking", 100).to(RowState.SYNCING, "syncing", 200);
        assertThat(r.to(RowState.SYNCING, "syncing", 900)).isEqualTo(r);
    }

    @Test
    void withVersionsKeepsKnownValuesForNegativeArguments() {
        ServerRow r = PENDING.withVersions(11, -1);
        assertThat(r.versionBefore()).isEqualTo(11);
        assertThat(r.versionAfter()).isEqualTo(-1);
        r = r.withVersions(-1, 12);
        assertThat(r.versionBefore()).isEqualTo(11);
        assertThat(r.versionAfter()).isEqualTo(12);
        assertThat(r.withVersions(-1, -1)).isEqualTo(r);
        assertThat(r.state()).isEqualTo(RowState.PENDING);
    }
}
