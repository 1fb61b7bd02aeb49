package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.ClusterMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTrackerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @TempDir
    Path dir;

    private final List<RunEvent> heard = new ArrayList<>();

    private RunTracker tracker() throws IOException {
        return tracker(heard::add);
    }

    private RunTracker tracker(Consumer<RunEvent> listener) throws IOException {
        return new RunTracker(new RunJournal(dir), Runs.MASTER, listener);
    }

    private static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    /** A finished two-replica run: one replica restarted, one up to date, the master restarted. */
    private static void completedRun(RunTracker t, String runId) throws IOException {
        t.start(Runs.inProgress(runId, "replica-1", "replica-2"));
        t.updateRow("replica-1", r -> r.to(RowState.REQUESTED, "asking", 1000));
        t.updateRow("replica-1", r -> r.withVersions(11, -1));
        t.updateRow("replica-1", r -> r.to(RowState.SYNCING, "syncing", 1100));
        t.updateRow("replica-1", r -> r.to(RowState.RESTARTED, "3 files changed", 1500).withVersions(-1, 12));
        t.updateRow("replica-2", r -> r.to(RowState.REQUESTED, "asking", 1600));
        t.updateRow("replica-2", r -> r.to(RowState.UP_TO_DATE, "nothing changed", 1700).withVersions(12, 12));
        t.updateRow(Runs.MASTER, r -> r.to(RowState.RESTARTING, "applying version 12", 1800).withVersions(11, -1));
        t.masterRestarting();
        t.updateRow(Runs.MASTER, r -> r.to(RowState.RESTARTED, "restarted itself last", 1900).withVersions(-1, 12));
        t.end(RunState.COMPLETED, ClusterMXBean.MESSAGE_RESTARTED);
    }

    @Test
    void emptyJournalHasNoRunAndStartsAtRunOne() throws IOException {
        RunTracker t = tracker();
        assertThat(t.current()).isNull();
        assertThat(t.nextRunId()).isEqualTo("1");
        assertThat(t.eventsAfter(0)).isEqualTo("[]");
        assertThat(heard).isEmpty();
    }

    @Test
    void startUpdateAndEndRecordEventsWithIncreasingSequence() throws IOException {
        RunTracker t = tracker();
        completedRun(t, "1");

        assertThat(heard).extracting(RunEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(heard).extracting(RunEvent::kind).containsExactly("run", "server", "server", "server", "server",
                "server", "server", "master-restarting", "server", "end");
        assertThat(heard).allSatisfy(e -> {
            assertThat(e.runId()).isEqualTo("1");
            assertThat(e.time()).matches(ISO_MILLIS);
        });
        assertThat(new RunJournal(dir).readAll()).containsExactlyElementsOf(heard);
        Run run = t.current();
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(run.message()).isEqualTo(ClusterMXBean.MESSAGE_RESTARTED);
        assertThat(run.endedAt()).isPositive();
        assertThat(run.row("replica-1").orElseThrow()).isEqualTo(
                new ServerRow("replica-1", "replica", RowState.RESTARTED, 1000, 1100, 1500, 11, 12, "3 files changed"));
    }

    @Test
    void identicalUpdatesWriteNothing() throws IOException {
        RunTracker t = tracker();
        t.start(Runs.inProgress("1", "replica-1"));
        t.updateRow("replica-1", r -> r.to(RowState.SYNCING, "syncing", 1000));
        int events = heard.size();
        Run before = t.current();
        assertThat(t.updateRow("replica-1", r -> r)).isSameAs(before);
        assertThat(t.updateRow("replica-1", r -> r.to(RowState.SYNCING, "syncing", 5000))).isSameAs(before);
        assertThat(heard).hasSize(events);
        assertThat(new RunJournal(dir).readAll()).hasSize(events);
    }

    @Test
    void unknownServerIsRefused() throws IOException {
        RunTracker t = tracker();
        t.start(Runs.inProgress("1", "replica-1"));
        assertThatThrownBy(() -> t.updateRow("nobody", r -> r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody");
    }

    @Test
    void eventsAfterReturnsOnlyLaterEventsInTheContractsShape() throws IOException {
        RunTracker t = tracker();
        completedRun(t, "7");
        JsonNode all = parse(t.eventsAfter(0));
        assertThat(all).hasSize(10);
        JsonNode later = parse(t.eventsAfter(4));
        assertThat(later).hasSize(6);
        List<Long> seqs = new ArrayList<>();
        later.forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(parse(t.eventsAfter(10))).isEmpty();
        assertThat(parse(t.eventsAfter(-1))).hasSize(10);

        for (JsonNode e : all) {
            assertThat(e.get("seq").isIntegralNumber()).isTrue();
            assertThat(e.get("time").asText()).matches(ISO_MILLIS);
            assertThat(e.get("runId").isTextual()).as("runId is a string").isTrue();
            assertThat(e.get("runId").asText()).isEqualTo("7");
            assertThat(e.has("server")).as("every event has a server field (null for run-level events): " + e).isTrue();
            assertThat(e.get("state").isTextual()).isTrue();
            assertThat(e.get("detail").isTextual()).isTrue();
        }
        JsonNode syncing = all.get(2);
        assertThat(syncing.get("server").asText()).isEqualTo("replica-1");
        assertThat(syncing.get("state").asText()).isEqualTo("SYNCING");
        assertThat(syncing.get("detail").asText()).isEqualTo("syncing");
        assertThat(all.get(0).get("server").isNull()).isTrue();
        assertThat(all.get(0).get("state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(all.get(9).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(all.get(9).get("detail").asText()).isEqualTo(ClusterMXBean.MESSAGE_RESTARTED);
    }

    @Test
    void aNewTrackerOnTheSameJournalReproducesTheRunAndContinuesTheSequence() throws IOException {
        RunTracker first = tracker();
        completedRun(first, "4");
        Run before = first.current();
        String eventsBefore = first.eventsAfter(0);

        List<RunEvent> heardAgain = new ArrayList<>();
        RunTracker second = tracker(heardAgain::add);
        assertThat(second.current()).isEqualTo(before);
        assertThat(heardAgain).as("a finished run is not concluded again").isEmpty();
        assertThat(second.eventsAfter(0)).isEqualTo(eventsBefore);
        assertThat(second.nextRunId()).isEqualTo("5");

        second.start(Runs.inProgress("5", "replica-1"));
        assertThat(heardAgain).singleElement().extracting(RunEvent::seq).isEqualTo(11L);
        assertThat(parse(second.eventsAfter(10))).hasSize(1);
        assertThat(second.nextRunId()).isEqualTo("6");
    }

    @Test
    void aNewTrackerReproducesARunInProgressExactlyBeforeConcludingIt() throws IOException {
        RunTracker first = tracker();
        first.start(Runs.inProgress("2", "replica-1", "replica-2", "replica-3"));
        first.updateRow("replica-1", r -> r.to(RowState.REQUESTED, "asking", 1000));
        first.updateRow("replica-1", r -> r.to(RowState.RESTARTED, "done", 1400).withVersions(11, 12));
        first.updateRow("replica-2", r -> r.to(RowState.REQUESTED, "asking", 1500));
        first.updateRow("replica-2", r -> r.to(RowState.SYNCING, "syncing", 1600));
        Run cut = first.current();

        RunTracker second = tracker();
        Run concluded = second.current();
        assertThat(concluded.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(concluded.message()).contains("interrupted").contains("run 2");
        assertThat(concluded.endedAt()).isPositive();
        assertThat(concluded.row("replica-1").orElseThrow()).as("finished rows stay as they were")
                .isEqualTo(cut.row("replica-1").orElseThrow());
        ServerRow r2 = concluded.row("replica-2").orElseThrow();
        assertThat(r2.state()).isEqualTo(RowState.FAILED);
        assertThat(r2.detail()).startsWith("interrupted");
        assertThat(r2.requestedAt()).isEqualTo(1500);
        assertThat(r2.startedAt()).isEqualTo(1600);
        assertThat(r2.endedAt()).isPositive();
        for (String pending : List.of("replica-3", Runs.MASTER)) {
            ServerRow r = concluded.row(pending).orElseThrow();
            assertThat(r.state()).as(pending).isEqualTo(RowState.SKIPPED);
            assertThat(r.detail()).as(pending).startsWith("interrupted");
            assertThat(r.startedAt()).as(pending).isZero();
        }
        // the conclusion is journaled: a third tracker sees the same run and does not conclude it again
        int lines = new RunJournal(dir).readAll().size();
        RunTracker third = tracker();
        assertThat(third.current()).isEqualTo(concluded);
        assertThat(new RunJournal(dir).readAll()).hasSize(lines);
        assertThat(third.nextRunId()).isEqualTo("3");
    }

    @Test
    void aRunLeftInProgressAfterTheMasterRestartedItselfIsCompleted() throws IOException {
        RunTracker first = tracker();
        first.start(Runs.inProgress("9", "replica-1"));
        first.updateRow("replica-1", r -> r.to(RowState.REQUESTED, "asking", 1000));
        first.updateRow("replica-1", r -> r.to(RowState.RESTARTED, "done", 1400).withVersions(11, 12));
        first.updateRow(Runs.MASTER, r -> r.to(RowState.RESTARTING, "applying version 12", 1500).withVersions(11, -1));
        first.masterRestarting();
        // the process is replaced here: nothing more is written

        RunTracker second = tracker();
        Run run = second.current();
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(run.message()).isEqualTo(ClusterMXBean.MESSAGE_RESTARTED);
        assertThat(RunFormat.message(run)).isEqualTo("The cluster has been restarted.");
        ServerRow master = run.row(Runs.MASTER).orElseThrow();
        assertThat(master.state()).isEqualTo(RowState.RESTARTED);
        assertThat(master.startedAt()).isEqualTo(1500);
        assertThat(master.endedAt()).isPositive();
        assertThat(master.versionBefore()).isEqualTo(11);
        assertThat(master.versionAfter()).as("the master now runs the run's version").isEqualTo(12);
        assertThat(run.row("replica-1").orElseThrow().state()).isEqualTo(RowState.RESTARTED);

        assertThat(tracker().current()).isEqualTo(run);
    }

    @Test
    void aMasterRestartThatWasNotTheLastWordIsInterrupted() throws IOException {
        RunTracker first = tracker();
        first.start(Runs.inProgress("9"));
        first.updateRow(Runs.MASTER, r -> r.to(RowState.RESTARTING, "applying version 12", 1500));
        first.masterRestarting();
        first.updateRow(Runs.MASTER, r -> r.to(RowState.RESTARTING, "still restarting", 1600));

        Run run = tracker().current();
        assertThat(run.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(run.row(Runs.MASTER).orElseThrow().state()).isEqualTo(RowState.FAILED);
    }

    @Test
    void aTornLastLineDoesNotLoseTheConclusion() throws IOException {
        RunTracker first = tracker();
        first.start(Runs.inProgress("3", "replica-1"));
        first.updateRow("replica-1", r -> r.to(RowState.REQUESTED, "asking", 1000));
        Files.writeString(dir.resolve("runs.jsonl"), "{\"seq\":3,\"time\":\"20", StandardOpenOption.APPEND);

        Run concluded = tracker().current();
        assertThat(concluded.state()).isEqualTo(RunState.INTERRUPTED);
        ServerRow r1 = concluded.row("replica-1").orElseThrow();
        assertThat(r1.state()).isEqualTo(RowState.FAILED);
        assertThat(r1.requestedAt()).isEqualTo(1000);
        assertThat(r1.startedAt()).as("never seen working").isZero();
        Run again = tracker().current();
        assertThat(again).isEqualTo(concluded);
    }

    @Test
    void listenerExceptionsDoNotBreakRecording() throws IOException {
        List<Long> seen = new ArrayList<>();
        RunTracker t = tracker(e -> {
            seen.add(e.seq());
            throw new IllegalStateException("listener broke");
        });
        completedRun(t, "1");
        assertThat(seen).hasSize(10);
        assertThat(t.current().state()).isEqualTo(RunState.COMPLETED);
        assertThat(new RunJournal(dir).readAll()).hasSize(10);
        assertThat(parse(t.eventsAfter(0))).hasSize(10);
    }

    @Test
    void keepsABoundedNumberOfEventsInMemory() throws IOException {
        RunTracker t = tracker();
        t.start(Runs.inProgress("1", "replica-1"));
        for (int i = 0; i < RunTracker.KEPT_EVENTS + 5; i++) {
            int n = i;
            t.updateRow("replica-1", r -> r.to(RowState.SYNCING, "file " + n, 1000));
        }
        JsonNode events = parse(t.eventsAfter(0));
        assertThat(events).hasSize(RunTracker.KEPT_EVENTS);
        assertThat(events.get(events.size() - 1).get("seq").asLong()).isEqualTo(RunTracker.KEPT_EVENTS + 6L);
    }

    @Test
    void nonNumericRunIdFallsBackToTheSequence() throws IOException {
        RunTracker t = tracker();
        t.start(Runs.inProgress("legacy", "replica-1"));
        assertThat(t.nextRunId()).isEqualTo("2");
    }

    @Test
    void aRunCutShortByTheMastersStopTakesWhatEachReplicaSaysItDid() throws IOException {
        RunTracker first = tracker();
        first.start(Runs.inProgress("4", "replica-1", "replica-2", "replica-3", "replica-4", "replica-5"));
        for (String r : List.of("replica-1", "replica-2", "replica-3", "replica-4")) {
            first.updateRow(r, row -> row.to(RowState.REQUESTED, "asking", 1000));
        }
        List<List<String>> asked = new ArrayList<>();
        RunTracker.LastRuns replicas = (runId, names) -> {
            asked.add(List.of(runId, String.join(",", names)));
            return java.util.Map.of(
                    "replica-1", new RunTracker.LastRun("4", "RESTARTED", "2 files changed, restarted in 900 ms"),
                    "replica-2", new RunTracker.LastRun("4", "FAILED", "not ready after restart: port closed"),
                    "replica-3", new RunTracker.LastRun("4", "IN_PROGRESS", "restarting: waiting for Ready"),
                    "replica-4", new RunTracker.LastRun("3", "RESTARTED", "an older run"),
                    "replica-5", new RunTracker.LastRun("4", "UP_TO_DATE", "already at version 12"));
        };

        Run run = new RunTracker(new RunJournal(dir), Runs.MASTER, e -> { }, replicas).current();

        assertThat(asked).containsExactly(List.of("4", "replica-1,replica-2,replica-3,replica-4,replica-5"));
        assertThat(run.state()).isEqualTo(RunState.INTERRUPTED);
        ServerRow r1 = run.row("replica-1").orElseThrow();
        assertThat(r1.state()).isEqualTo(RowState.RESTARTED);
        assertThat(r1.detail()).isEqualTo("2 files changed, restarted in 900 ms");
        assertThat(r1.versionAfter()).isEqualTo(run.version());
        assertThat(run.row("replica-2").orElseThrow().state()).isEqualTo(RowState.FAILED);
        assertThat(run.row("replica-2").orElseThrow().detail()).isEqualTo("not ready after restart: port closed");
        assertThat(run.row("replica-3").orElseThrow().state()).isEqualTo(RowState.FAILED);
        assertThat(run.row("replica-3").orElseThrow().detail()).startsWith("interrupted").contains("still at work");
        assertThat(run.row("replica-4").orElseThrow().state()).as("never took run 4").isEqualTo(RowState.FAILED);
        assertThat(run.row("replica-4").orElseThrow().detail()).startsWith("interrupted");
        assertThat(run.row("replica-5").orElseThrow().state()).as("asked before its row was journaled")
                .isEqualTo(RowState.UP_TO_DATE);
        assertThat(run.row(Runs.MASTER).orElseThrow().state()).isEqualTo(RowState.SKIPPED);
        assertThat(tracker().current()).as("journaled").isEqualTo(run);
    }

    @Test
    void eventsAnswerWhileARecordWaitsOnItsSlowPart() throws Exception {
        java.util.concurrent.CountDownLatch notifying = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RunTracker t = tracker(e -> {
            if (RunEvent.SERVER.equals(e.kind())) {
                notifying.countDown();
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        t.start(Runs.inProgress("4", "replica-1"));
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Run> update = writer.submit(
                    () -> t.updateRow("replica-1", r -> r.to(RowState.REQUESTED, "asking", 1000)));
            assertThat(notifying.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            String events = java.util.concurrent.CompletableFuture.supplyAsync(() -> t.eventsAfter(0))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(parse(events)).hasSizeGreaterThanOrEqualTo(1);
            assertThat(parse(events).get(0).get("kind").asText()).isEqualTo(RunEvent.RUN);
            assertThat(update.isDone()).isFalse();
            release.countDown();
            update.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            release.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void eventsFromManyThreadsKeepTheirOrderInTheJournalTheListAndTheNotifications() throws Exception {
        List<Long> notified = java.util.Collections.synchronizedList(new ArrayList<>());
        RunTracker t = tracker(e -> notified.add(e.seq()));
        List<String> replicas = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> "replica-" + i).toList();
        t.start(Runs.inProgress("5", replicas.toArray(String[]::new)));
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String replica : replicas) {
                done.add(writers.submit(() -> {
                    for (int step = 0; step < 25; step++) {
                        int n = step;
                        t.updateRow(replica, r -> r.to(RowState.SYNCING, "step " + n, 1000 + n));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        List<Long> journaled = new RunJournal(dir).readAll().stream().map(RunEvent::seq).toList();
        List<Long> listed = new ArrayList<>();
        parse(t.eventsAfter(0)).forEach(e -> listed.add(e.get("seq").asLong()));

        List<Long> expected = java.util.stream.LongStream.rangeClosed(1, 1 + 8 * 25).boxed().toList();
        assertThat(journaled).containsExactlyElementsOf(expected);
        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(notified).containsExactlyElementsOf(expected);
    }
}
