package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReplayTest {

    private final List<RunEvent> events = new ArrayList<>();

    private void add(RunEvent e) {
        events.add(e.numbered(events.size() + 1, Times.iso(1_000_000L + events.size())));
    }

    @Test
    void noRunEventMeansNoRun() {
        assertThat(RunReplay.lastRun(List.of())).isEmpty();
        add(RunEvent.masterRestarting("1", Runs.MASTER));
        assertThat(RunReplay.lastRun(events)).isEmpty();
    }

    @Test
    void startedRunIsInProgressWithPendingRowsReplicasFirst() {
        Run run = Runs.inProgress("3", "replica-1", "replica-2");
        add(RunEvent.started(run, Runs.MASTER));
        Run replayed = RunReplay.lastRun(events).orElseThrow();
        assertThat(replayed).isEqualTo(run);
        assertThat(replayed.servers()).extracting(ServerRow::name).containsExactly("replica-1", "replica-2", "master");
        assertThat(replayed.servers()).extracting(ServerRow::role).containsExactly("replica", "replica", "master");
    }

    @Test
    void rebuildsRowsEndStateAndMessage() {
        Run run = Runs.inProgress("3", "replica-1", "replica-2");
        add(RunEvent.started(run, Runs.MASTER));
        ServerRow r1 = run.row("replica-1").orElseThrow().to(RowState.REQUESTED, "asking", 1000).withVersions(11, -1);
        add(RunEvent.row("3", r1));
        r1 = r1.to(RowState.SYNCING, "syncing 3 files", 1100);
        add(RunEvent.row("3", r1));
        r1 = r1.to(RowState.RESTARTED, "3 files changed", 1500).withVersions(-1, 12);
        add(RunEvent.row("3", r1));
        ServerRow r2 = run.row("replica-2").orElseThrow().to(RowState.REQUESTED, "asking", 1000)
                .to(RowState.FAILED, "cannot connect", 1200);
        add(RunEvent.row("3", r2));
        ServerRow m = run.row("master").orElseThrow().to(RowState.SKIPPED, "not restarted: replica-2 failed", 1600);
        add(RunEvent.row("3", m));
        Run expected = run.withRow(r1).withRow(r2).withRow(m)
                .ended(RunState.FAILED, "The cluster restart failed. replica-2 FAILED: cannot connect", 1700);
        add(RunEvent.ended(expected));

        Run replayed = RunReplay.lastRun(events).orElseThrow();
        assertThat(replayed).isEqualTo(expected);
        assertThat(replayed.state()).isEqualTo(RunState.FAILED);
        assertThat(replayed.message()).isEqualTo("The cluster restart failed. replica-2 FAILED: cannot connect");
        assertThat(replayed.endedAt()).isEqualTo(1700);
        assertThat(replayed.failedServers()).containsExactly("replica-2");
        assertThat(RunReplay.endsWithMasterRestart(events, "3")).isFalse();
    }

    @Test
    void onlyTheLatestRunIsRebuiltAndEventsOfOtherRunsAreIgnored() {
        Run first = Runs.inProgress("1", "replica-1");
        add(RunEvent.started(first, Runs.MASTER));
        add(RunEvent.ended(first.ended(RunState.COMPLETED, "The cluster has been restarted.", 2000)));
        Run second = Runs.inProgress("2", "replica-1", "replica-9");
        add(RunEvent.started(second, Runs.MASTER));
        // a late event of run 1 and an event for an unknown server of run 2
        add(RunEvent.row("1", first.row("replica-1").orElseThrow().to(RowState.FAILED, "late", 3000)));
        add(RunEvent.row("2", ServerRow.pending("ghost", "replica").to(RowState.FAILED, "??", 3000)));

        Run replayed = RunReplay.lastRun(events).orElseThrow();
        assertThat(replayed).isEqualTo(second);
        assertThat(replayed.servers()).extracting(ServerRow::name).containsExactly("replica-1", "replica-9", "master");
    }

    @Test
    void masterRestartingIsTheLastWordOnlyWhenNothingOfTheRunFollowsIt() {
        Run run = Runs.inProgress("5");
        add(RunEvent.started(run, Runs.MASTER));
        add(RunEvent.row("5", run.row("master").orElseThrow().to(RowState.RESTARTING, "applying version 12", 1000)));
        add(RunEvent.masterRestarting("5", Runs.MASTER));
        assertThat(RunReplay.endsWithMasterRestart(events, "5")).isTrue();
        assertThat(RunReplay.endsWithMasterRestart(events, "4")).isFalse();
        Run replayed = RunReplay.lastRun(events).orElseThrow();
        assertThat(replayed.inProgress()).isTrue();
        assertThat(replayed.row("master").orElseThrow().state()).isEqualTo(RowState.RESTARTING);

        add(RunEvent.row("5", replayed.row("master").orElseThrow().to(RowState.FAILED, "restart failed", 2000)));
        assertThat(RunReplay.endsWithMasterRestart(events, "5")).isFalse();
    }
}
