package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ripple.ClusterMXBean;
import io.ripple.MemberInfo;
import io.ripple.remote.RemoteException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The run engine with replicas in memory: batches, min-ready, max-failures, automatic revert, late, duplicate and
 * stray reports, fencing, the master's own turn last, and the races between them. No process is started.
 */
class CoordinatorEngineTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final int LONG_WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    private final MemoryMaster master = new MemoryMaster();
    private final List<RunEvent> heard = new CopyOnWriteArrayList<>();
    private MemoryReplicas replicas;
    private Coordinator coordinator;

    private Coordinator start(int maxWaitSeconds, String... names) throws IOException {
        return start(maxWaitSeconds, System::currentTimeMillis, names);
    }

    private Coordinator start(int maxWaitSeconds, LongSupplier clock, String... names) throws IOException {
        replicas = new MemoryReplicas(names);
        RunTracker tracker = new RunTracker(new RunJournal(dir), Runs.MASTER, heard::add);
        coordinator = new Coordinator(master, replicas.urls(), replicas, tracker, maxWaitSeconds, clock);
        replicas.reportTo(coordinator);
        master.runs = coordinator::current;
        return coordinator;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (replicas != null) {
            replicas.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    private Run awaitEnd() {
        await().atMost(DEADLINE).until(() -> !coordinator.inProgress() && coordinator.current() != null
                && !coordinator.current().inProgress());
        return coordinator.current();
    }

    private ServerRow row(String name) {
        return coordinator.current().row(name).orElseThrow();
    }

    private MemoryReplica replica(String name) {
        return replicas.get(name);
    }

    /** The replicas at work (asked, not ended) in the run now, but {@code except}. */
    private List<String> atWorkBesides(String except) {
        return coordinator.current().servers().stream()
                .filter(r -> r.is(Role.REPLICA) && r.state().isActive() && !r.name().equals(except))
                .map(ServerRow::name).toList();
    }

    /** Waits until the master's thread that asked a turn has left the turn's code: it has acted on the answer. */
    private static void awaitDoneWithTheTurn(Thread asking) {
        await().atMost(DEADLINE).until(() -> Arrays.stream(asking.getStackTrace())
                .noneMatch(f -> f.getClassName().startsWith(ReplicaTurns.class.getName())));
    }

    private static void open(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Nested
    class Turns {

        @Test
        void aTurnIsOneCallThatCarriesTheRunsVersionItsManifestAndItsSmallFiles() throws IOException {
            start(LONG_WAIT_SECONDS, "r1");

            coordinator.restart(true, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
            assertThat(replica("r1").calls).as("no read of who it is or of its version before the turn")
                    .containsExactly("takeTurn");
            TurnRequest request = replica("r1").turnRequests.get(0);
            assertThat(request).extracting(TurnRequest::runId, TurnRequest::replica, TurnRequest::clusterId,
                    TurnRequest::master).containsExactly("1", "r1", "c-1", Runs.MASTER);
            assertThat(request.version().getVersion()).isEqualTo(12);
            assertThat(request.version().getFiles()).singleElement().extracting(f -> f.getPath()).isEqualTo("app.conf");
            assertThat(request.inline().values()).singleElement().isEqualTo(MemoryMaster.content(12));
            assertThat(request.deadlineEpochMillis()).isGreaterThan(System.currentTimeMillis());
            assertThat(row("r1").versionBefore()).as("from the answer").isEqualTo(11);
        }

        @Test
        void aReplicaThatAnsweredItHoldsTheMembershipIsSentOnlyItsDigestUntilItChanges() throws IOException {
            List<MemberInfo> members = List.of(new MemberInfo(Runs.MASTER, "mem://master"), new MemberInfo("r1", "mem://r1"),
                    new MemberInfo("r2", "mem://r2"));
            master.members = members;
            start(LONG_WAIT_SECONDS, "r1", "r2");
            replica("r1").heldMembers = members;

            for (int run = 0; run < 2; run++) {
                coordinator.restart(true, "admin");
                assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            }
            List<MemberInfo> changed = List.of(members.get(0), members.get(1));
            master.members = changed;
            coordinator.restart(true, "admin");
            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);

            assertThat(replica("r1").turnRequests).extracting(TurnRequest::membersDigest)
                    .as("the first run's answer tells the master what r1 holds; a changed membership goes in full")
                    .containsExactly("", MembershipDigest.of(members), "");
            assertThat(replica("r1").turnRequests.get(1).version().getMembers()).isEmpty();
            assertThat(replica("r1").turnRequests.get(2).version().getMembers()).isEqualTo(changed);
            assertThat(replica("r1").heldMembers).isEqualTo(changed);
            assertThat(replica("r2").turnRequests).as("a replica of an earlier release names no membership: always in full")
                    .allSatisfy(r -> assertThat(r.membersDigest()).isEmpty()).hasSize(3);
        }

        @Test
        void aReplicaThatHoldsAnotherMembershipThanItAnsweredIsAskedAgainWithTheMembers() throws IOException {
            List<MemberInfo> members = List.of(new MemberInfo(Runs.MASTER, "mem://master"), new MemberInfo("r1", "mem://r1"));
            master.members = members;
            start(LONG_WAIT_SECONDS, "r1");
            replica("r1").heldMembers = members;
            coordinator.restart(true, "admin");
            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            replica("r1").heldMembers = List.of(); // its copy lost since its answer
            replica("r1").calls.clear();

            coordinator.restart(true, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
            assertThat(replica("r1").calls).containsExactly("takeTurn", "takeTurn");
            assertThat(replica("r1").turnRequests.subList(1, 3)).extracting(TurnRequest::membersDigest)
                    .containsExactly(MembershipDigest.of(members), "");
            assertThat(replica("r1").heldMembers).isEqualTo(members);
            assertThat(replica("r1").asked).hasSize(2);
        }

        @Test
        void aMasterThatOffersNoVersionAsksInStepsAsBefore() throws IOException {
            master.offersTurns = false;
            start(LONG_WAIT_SECONDS, "r1");

            coordinator.restart(true, "admin");

            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            assertThat(replica("r1").calls).contains("syncAndRestartUntil").doesNotContain("takeTurn");
            assertThat(replica("r1").turnRequests).isEmpty();
        }

        @Test
        void aReplicaThatRefusesItsTurnFailsItsRowWithItsOwnLine() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2");
            replica("r1").refusesTurns = "Turn request refused: version 12 is older than version 14, which this replica"
                    + " already took: versions only go forward.";

            coordinator.restart(true, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.FAILED,
                    "Turn request refused: version 12 is older than version 14, which this replica already took: versions"
                            + " only go forward.");
            assertThat(replica("r1").asked).isEmpty();
            assertThat(replica("r2").asked).as("a ripple run stops at the first failure").isEmpty();
        }

        @Test
        void aStrangerThatTakesTheTurnAnywayFailsItsRowAndIsNeverConfirmed() throws IOException {
            start(LONG_WAIT_SECONDS, "r1");
            MemoryReplica stranger = replica("r1");
            stranger.takesAnyTurn = true;
            stranger.clusterId = "c-2";
            List<Boolean> confirmed = new CopyOnWriteArrayList<>();
            CountDownLatch judged = new CountDownLatch(1);
            stranger.script = ask -> {
                open(judged);
                confirmed.add(coordinator.confirmTurn(ask.runId(), "r1"));
            };

            coordinator.restart(true, "admin");
            Run run = awaitEnd();
            judged.countDown();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(row("r1").detail()).isEqualTo("RPL4011E the server at mem://r1 is 'r1' of cluster c-2, not 'r1' of"
                    + " this cluster (c-1)");
            await().atMost(DEADLINE).until(() -> !confirmed.isEmpty());
            assertThat(confirmed).containsExactly(false);
        }
    }

    @Nested
    class Plans {

        @Test
        void parallelAsksEveryReplicaBeforeAnyEndsAndRestartsTheMasterLast() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3");
            CountDownLatch allAsked = new CountDownLatch(3);
            replicas.all().forEach(r -> r.script = ask -> {
                allAsked.countDown();
                open(allAsked);
                ask.report(RunOutcome.RESTARTED, "restarted " + ask.replica().name);
            });

            coordinator.restart(false, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
            assertThat(run.message()).isEqualTo(ClusterMXBean.MESSAGE_RESTARTED);
            for (String name : List.of("r1", "r2", "r3")) {
                assertThat(row(name)).extracting(ServerRow::state, ServerRow::versionBefore, ServerRow::versionAfter, ServerRow::detail)
                        .containsExactly(RowState.RESTARTED, 11L, 12L, "restarted " + name);
                assertThat(replica(name).asked).containsExactly("1");
            }
            assertThat(row(Runs.MASTER).state()).isEqualTo(RowState.RESTARTED);
            assertThat(master.runAtRestart).singleElement().satisfies(atRestart -> assertThat(atRestart.servers())
                    .filteredOn(r -> r.is(Role.REPLICA)).allMatch(r -> r.state() == RowState.RESTARTED));
        }

        @Test
        void rippleAsksOneReplicaAtATimeInOrder() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3");
            List<String> order = new CopyOnWriteArrayList<>();
            List<String> overlaps = new CopyOnWriteArrayList<>();
            replicas.all().forEach(r -> r.script = ask -> {
                order.add(r.name);
                overlaps.addAll(atWorkBesides(r.name));
                ask.report(RunOutcome.RESTARTED, "");
            });

            coordinator.restart(true, "admin");

            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            assertThat(order).containsExactly("r1", "r2", "r3");
            assertThat(overlaps).isEmpty();
        }

        @Test
        void rippleStopsAtTheFirstFailureAndDoesNotRestartTheMaster() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3");
            replica("r2").script = ask -> ask.report(RunOutcome.FAILED, "disk full");

            coordinator.restart(true, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(run.message()).isEqualTo(ClusterMXBean.MESSAGE_FAILED + " r2 FAILED: disk full");
            assertThat(row("r3")).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.SKIPPED, "skipped: r2 FAILED");
            assertThat(replica("r3").asked).isEmpty();
            assertThat(row(Runs.MASTER)).extracting(ServerRow::state, ServerRow::detail)
                    .containsExactly(RowState.SKIPPED, "not restarted because r2 failed (the master restarts last, only if"
                            + " every replica succeeded): the master stays on version 11, this run's version is 12; fix r2,"
                            + " then run 'ripple cluster restart' again");
            assertThat(master.runAtRestart).isEmpty();
        }

        @Test
        void aFailedReplicaOfAParallelRunLeavesTheMasterOnItsVersionAndTheRowSaysWhyAndWhatToDo() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3");
            replica("r3").script = ask -> ask.report(RunOutcome.FAILED, "disk full");

            coordinator.restart(false, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(row("r1").state()).isEqualTo(RowState.RESTARTED);
            assertThat(row("r2").state()).isEqualTo(RowState.RESTARTED);
            assertThat(master.runAtRestart).as("the master is never restarted beside a failed replica").isEmpty();
            assertThat(master.applied).isEqualTo(11);
            assertThat(row(Runs.MASTER)).extracting(ServerRow::state, ServerRow::versionBefore, ServerRow::versionAfter,
                            ServerRow::detail)
                    .containsExactly(RowState.SKIPPED, -1L, -1L, "not restarted because r3 failed (" + RunPlan.MASTER_LAST
                            + "): the master stays on version 11, this run's version is 12; fix r3, then run 'ripple cluster"
                            + " restart' again");
            assertThat(RunFormat.text(run)).contains("not restarted because r3 failed");
        }

        @Test
        void aMasterAlreadyOnTheRunsVersionIsNotToldToWait() {
            assertThat(RunEnding.skippedForFailures(List.of("r1", "r2"), 12, 12))
                    .isEqualTo("not restarted: r1, r2 failed; the master already runs version 12");
        }

        @Test
        void previewAndPlanSayTheMasterRestartsLastOnlyIfEveryReplicaSucceeds() throws Exception {
            start(LONG_WAIT_SECONDS, "r1", "r2");

            assertThat(coordinator.preview()).contains("master (master): running version 11: would restart last, only if"
                    + " every replica succeeds (a failed replica leaves it on version 11)");
            assertThat(coordinator.preview(RunPlan.RIPPLE)).contains("  batch 2: r2\n  then master: " + RunPlan.MASTER_LAST + "\n");
        }

        @Test
        void batchesAskTheirReplicasTogetherAndOneBatchAfterTheOther() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3", "r4", "r5");
            List<List<String>> batches = List.of(List.of("r1", "r2"), List.of("r3", "r4"), List.of("r5"));
            List<String> strangers = new CopyOnWriteArrayList<>();
            List<String> order = new CopyOnWriteArrayList<>();
            replicas.all().forEach(r -> r.script = ask -> {
                List<String> mine = batches.stream().filter(b -> b.contains(r.name)).findFirst().orElseThrow();
                atWorkBesides(r.name).stream().filter(other -> !mine.contains(other)).forEach(strangers::add);
                order.add(r.name);
                ask.report(RunOutcome.RESTARTED, "");
            });

            coordinator.restart(new RunPlan(2, 0, 0, 0, false), "admin");

            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            assertThat(strangers).as("replicas of another batch at work at the same time").isEmpty();
            assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("r1", "r2");
            assertThat(order.subList(2, 4)).containsExactlyInAnyOrder("r3", "r4");
            assertThat(order.get(4)).isEqualTo("r5");
        }

        @Test
        void thePauseSeparatesTheEndOfABatchFromTheStartOfTheNext() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2");

            coordinator.restart(new RunPlan(1, 1, 0, 0, false), "admin");

            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            assertThat(row("r2").requestedAt() - row("r1").endedAt()).isGreaterThanOrEqualTo(1000);
        }

        @Test
        void minReadyHoldsABatchUntilEnoughOtherReplicasAreReady() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3");
            replica("r3").ready = false;

            coordinator.restart(new RunPlan(1, 0, 2, 0, false), "admin");
            await().atMost(DEADLINE).until(() -> replica("r3").snapshotReads.get() >= 3);
            assertThat(replica("r1").asked).as("r1 asked while only r2 was Ready").isEmpty();
            assertThat(row("r1").state()).isEqualTo(RowState.PENDING);

            replica("r3").ready = true;
            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            replicas.all().forEach(r -> assertThat(r.asked).containsExactly("1"));
        }

        @Test
        void minReadyNeverReachedFailsEachBatchAfterMaxWaitTimeWithoutAskingIt() throws IOException {
            start(1, "r1", "r2");
            replicas.all().forEach(r -> r.ready = false);

            coordinator.restart(new RunPlan(1, 0, 1, 0, false), "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            for (String name : List.of("r1", "r2")) {
                assertThat(row(name)).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.FAILED,
                        "not asked: only 0 other replicas were Ready for 1 s, and min-ready is 1");
                assertThat(replica(name).asked).isEmpty();
            }
        }

        @Test
        void maxFailuresStopsTheRunAtThatManyFailures() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3", "r4");
            replica("r1").script = ask -> ask.report(RunOutcome.FAILED, "bad");
            replica("r2").script = ask -> ask.report(RunOutcome.FAILED, "worse");

            coordinator.restart(new RunPlan(1, 0, 0, 2, false), "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(run.failedServers()).containsExactly("r1", "r2");
            for (String name : List.of("r3", "r4")) {
                assertThat(row(name)).extracting(ServerRow::state, ServerRow::detail)
                        .containsExactly(RowState.SKIPPED, "skipped: r2 FAILED (2 failures, max-failures 2)");
                assertThat(replica(name).asked).isEmpty();
            }
        }

        @Test
        void autoRevertBringsTheReplicasTheRunMovedBackToTheVersionBefore() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3");
            List<Long> revertVersions = new CopyOnWriteArrayList<>();
            replica("r1").script = ask -> {
                if (ask.runId().endsWith(RunId.REVERT_SUFFIX)) {
                    revertVersions.add(coordinator.runVersion(ask.runId()));
                }
                ask.report(RunOutcome.RESTARTED, "at " + ask.runId());
            };
            replica("r2").script = ask -> ask.report(RunOutcome.FAILED, "cannot start");

            coordinator.restart(new RunPlan(1, 0, 0, 1, true), "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.REVERTED);
            assertThat(run.message()).isEqualTo(ClusterMXBean.MESSAGE_FAILED + " r2 FAILED: cannot start Reverted to version 11.");
            assertThat(replica("r1").asked).containsExactly("1", "1.revert");
            assertThat(revertVersions).containsExactly(11L);
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::versionAfter, ServerRow::detail)
                    .containsExactly(RowState.RESTARTED, 11L, "reverted: at 1.revert");
            assertThat(replica("r2").asked).containsExactly("1");
            assertThat(row("r3").state()).isEqualTo(RowState.SKIPPED);
            assertThat(row(Runs.MASTER)).extracting(ServerRow::state, ServerRow::detail)
                    .containsExactly(RowState.SKIPPED, "not restarted: the run was reverted");
            assertThat(master.runAtRestart).isEmpty();
        }

        /**
         * A replica may report before its answer to the turn request arrives. When that answer comes after the run
         * turned into its revert pass and asked the replica again, it is the answer of a pass that has ended.
         */
        @Test
        void anAnswerOfTheRunsOwnPassThatArrivesInItsRevertPassChangesNothing() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2");
            MemoryReplica r1 = replica("r1");
            r1.beforeAnswer = ask -> {
                if (ask.runId().equals("1")) {
                    ask.report(RunOutcome.RESTARTED, "at 1");
                    await().atMost(DEADLINE).until(() -> r1.asked.contains("1" + RunId.REVERT_SUFFIX));
                }
            };
            r1.script = ask -> {
                if (ask.runId().endsWith(RunId.REVERT_SUFFIX)) {
                    awaitDoneWithTheTurn(r1.turnCallers.get(0)); // the first pass's late answer has been acted on
                    ask.report(RunOutcome.RESTARTED, "at " + ask.runId());
                }
            };
            replica("r2").script = ask -> ask.report(RunOutcome.FAILED, "cannot start");

            coordinator.restart(new RunPlan(1, 0, 0, 1, true), "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.REVERTED);
            List<String> r1Details = heard.stream().filter(e -> "r1".equals(e.server())).map(RunEvent::detail).toList();
            assertThat(r1Details.subList(r1Details.indexOf("reverting to version 11"), r1Details.size()))
                    .doesNotContain("accepted run 1");
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::detail)
                    .containsExactly(RowState.RESTARTED, "reverted: at 1.revert");
        }

        @Test
        void cancelLetsTheReplicasAtWorkFinishAndAsksNoMore() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3");
            CountDownLatch asked = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            replica("r1").script = ask -> {
                asked.countDown();
                open(finish);
                ask.report(RunOutcome.RESTARTED, "");
            };

            coordinator.restart(true, "admin");
            open(asked);
            assertThat(coordinator.cancel()).isEqualTo("Run 1 cancelled: 1 server(s) already asked will finish, no more will be asked.");
            finish.countDown();
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.CANCELLED);
            assertThat(row("r1").state()).isEqualTo(RowState.RESTARTED);
            for (String name : List.of("r2", "r3")) {
                assertThat(row(name)).extracting(ServerRow::state, ServerRow::detail)
                        .containsExactly(RowState.SKIPPED, "skipped: the run was cancelled");
                assertThat(replica(name).asked).isEmpty();
            }
            assertThat(row(Runs.MASTER).state()).isEqualTo(RowState.SKIPPED);
        }
    }

    @Nested
    class Reports {

        @Test
        void aSlowReplicaWithinItsTimeEndsAsItReports() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2");
            replica("r1").script = ask -> CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)
                    .execute(() -> ask.report(RunOutcome.UP_TO_DATE, "nothing changed"));

            coordinator.restart(false, "admin");

            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.UP_TO_DATE, "nothing changed");
            assertThat(row("r1").endedAt()).isGreaterThan(row("r2").endedAt());
        }

        @Test
        void theMasterFollowsAReplicaByPollingWhenItDoesNotReport() throws IOException {
            start(LONG_WAIT_SECONDS, "r1");
            CountDownLatch next = new CountDownLatch(1);
            replica("r1").script = ask -> {
                ask.replica().showWorking(ask.runId(), "RESTARTING", "restarting the hosted server");
                open(next);
                ask.show(RunOutcome.RESTARTED, "restarted, seen by a poll");
            };

            coordinator.restart(false, "admin");
            await().atMost(DEADLINE).until(() -> row("r1").state() == RowState.RESTARTING);
            next.countDown();

            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::detail)
                    .containsExactly(RowState.RESTARTED, "restarted, seen by a poll");
        }

        @Test
        void aSecondReportAndALateReportChangeNothing() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2");
            replica("r1").script = ask -> {
                ask.report(RunOutcome.RESTARTED, "first");
                ask.report(RunOutcome.FAILED, "second");
            };

            coordinator.restart(false, "admin");
            Run run = awaitEnd();
            String before = RunFormat.json(run);
            replica("r1").report("1", "FAILED", "late");

            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.RESTARTED, "first");
            assertThat(heard).filteredOn(e -> "r1".equals(e.server()) && RowState.valueOf(e.state()).isFinal()).hasSize(1);
            assertThat(RunFormat.json(coordinator.current())).isEqualTo(before);
            assertThat(replica("r1").refusedReports).isEmpty();
        }

        @Test
        void aTurnThatReportsWithinTheFirstPollDelayIsNeverPolled() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3");
            long reportAfter = ReplicaTurns.FIRST_POLL_AFTER_MILLIS / 2; // several poll intervals // several poll intervals
            replicas.all().forEach(r -> r.script = ask -> CompletableFuture.delayedExecutor(reportAfter, TimeUnit.MILLISECONDS)
                    .execute(() -> ask.report(RunOutcome.RESTARTED, "reported")));

            coordinator.restart(true, "admin");

            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            replicas.all().forEach(r -> assertThat(r.snapshotReads.get()).as(r.name + "'s polls").isZero());
        }

        @Test
        void aReportOrAnOutcomeForAnotherRunDoesNotEndTheTurn() throws IOException {
            start(LONG_WAIT_SECONDS, "r1");
            List<RowState> whileStray = new CopyOnWriteArrayList<>();
            replica("r1").script = ask -> {
                ask.replica().report("7", "RESTARTED", "forged");
                ask.replica().show("6", "RESTARTED", "another run's outcome");
                int reads = ask.replica().snapshotReads.get();
                await().atMost(DEADLINE).until(() -> ask.replica().snapshotReads.get() >= reads + 3);
                whileStray.add(row("r1").state());
                ask.report(RunOutcome.RESTARTED, "mine");
            };

            coordinator.restart(false, "admin");

            assertThat(awaitEnd().state()).isEqualTo(RunState.COMPLETED);
            assertThat(replica("r1").refusedReports).singleElement().extracting(Throwable::getMessage)
                    .isEqualTo("Unknown run '7': run 1 is in progress.");
            assertThat(whileStray).singleElement().matches(RowState::isActive);
            assertThat(row("r1").detail()).isEqualTo("mine");
        }

        @Test
        void aServerThatIsNotThatReplicaOfThisClusterIsNeverAsked() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2");
            replica("r1").answersName = "r9";
            replica("r2").clusterId = "c-2";

            coordinator.restart(false, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(row("r1").detail()).isEqualTo("RPL4011E the server at mem://r1 is 'r9' of no cluster yet, not 'r1' of this cluster (c-1)");
            assertThat(row("r2").detail()).isEqualTo("RPL4011E the server at mem://r2 is 'r2' of cluster c-2, not 'r2' of this cluster (c-1)");
            replicas.all().forEach(r -> assertThat(r.asked).isEmpty());
        }

        @Test
        void aReplicaThatHangsPastItsDeadlineTimesOutAndIsNoLongerConfirmed() throws IOException {
            start(1, "r1", "r2");
            List<Boolean> confirmedInTime = new CopyOnWriteArrayList<>();
            replica("r1").script = ask -> confirmedInTime.add(coordinator.confirmTurn(ask.runId(), "r1"));
            replica("r2").answerGate = new CountDownLatch(1);

            coordinator.restart(false, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(confirmedInTime).containsExactly(true);
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.TIMED_OUT,
                    "no outcome within max-wait-time 1 s (last seen REQUESTED: accepted run 1)");
            assertThat(row("r2")).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.TIMED_OUT,
                    "no outcome within max-wait-time 1 s (last seen REQUESTED: asking mem://r2)");
            assertThat(coordinator.confirmTurn("1", "r1")).as("fenced: the run ended").isFalse();
            String before = RunFormat.json(run);
            replica("r1").report("1", "RESTARTED", "too late");
            assertThat(RunFormat.json(coordinator.current())).isEqualTo(before);
        }

        @Test
        void aTurnAnswerThatArrivesAfterItsRowTimedOutChangesNothing() throws IOException {
            start(1, "r1", "r2");
            replica("r2").answerGate = new CountDownLatch(1);
            replica("r2").version = 7;

            coordinator.restart(false, "admin");
            Run run = awaitEnd();
            String before = RunFormat.json(run);
            replica("r2").answerGate.countDown();
            await().atMost(DEADLINE).until(() -> !replica("r2").turnCallers.isEmpty());
            awaitDoneWithTheTurn(replica("r2").turnCallers.get(0));

            assertThat(row("r2").state()).isEqualTo(RowState.TIMED_OUT);
            assertThat(RunFormat.json(coordinator.current())).isEqualTo(before);
        }

        @ParameterizedTest
        @EnumSource(value = RemoteException.Kind.class, names = {"AUTHENTICATION_FAILED", "NOT_ALLOWED"})
        void aRefusedPollFailsTheReplicaAtOnceInsteadOfAfterMaxWaitTime(RemoteException.Kind kind) throws IOException {
            start(LONG_WAIT_SECONDS, "r1");
            RemoteException refusal = new RemoteException(kind, "Authentication failed at mem://r1 for user ripple", null);
            replica("r1").script = ask -> ask.replica().failPolls = refusal;

            coordinator.restart(false, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.FAILED,
                    "the master cannot follow it: Authentication failed at mem://r1 for user ripple");
            assertThat(row("r1").endedAt() - row("r1").requestedAt()).isLessThan(TimeUnit.SECONDS.toMillis(LONG_WAIT_SECONDS));
        }
    }

    @Nested
    class Races {

        /**
         * Two replicas of a batch that report at the same moment start the next batch once: asked twice, it would
         * leave the batch after it PENDING and the run in progress.
         */
        @Test
        void replicasOfABatchEndingTogetherStartTheNextBatchOnce() throws IOException {
            start(LONG_WAIT_SECONDS, "r1", "r2", "r3", "r4", "r5", "r6");
            for (List<String> batch : List.of(List.of("r1", "r2"), List.of("r3", "r4"), List.of("r5", "r6"))) {
                CyclicBarrier together = new CyclicBarrier(2);
                batch.forEach(name -> replica(name).script = ask -> {
                    try {
                        together.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                    } catch (Exception e) {
                        return; // a broken round: the run's own checks below say what went wrong
                    }
                    ask.report(RunOutcome.RESTARTED, "");
                });
            }
            for (int round = 1; round <= 100; round++) {
                String runId = coordinator.restart(new RunPlan(2, 0, 0, 0, false), "admin");
                Run run = awaitEnd();
                assertThat(run.state()).as("run " + runId).isEqualTo(RunState.COMPLETED);
                for (MemoryReplica r : replicas.all()) {
                    assertThat(r.asked).as(r.name + " asked in run " + runId).filteredOn(runId::equals).hasSize(1);
                }
            }
        }

        /**
         * The deadline check that times out a run's last turn may be overtaken: another replica's report ends the run,
         * and the next run asks that replica again over the connection the master keeps to it. The check's drop of the
         * timed-out turn's connection must not then fail the next run's call.
         */
        @Test
        void aTimeOutCheckOvertakenByTheNextRunNeverClosesThatRunsConnection() throws IOException {
            AtomicLong skew = new AtomicLong();
            CountDownLatch checkHeld = new CountDownLatch(1);
            CountDownLatch releaseCheck = new CountDownLatch(1);
            CountDownLatch nextCheck = new CountDownLatch(1);
            AtomicBoolean armed = new AtomicBoolean(true);
            AtomicBoolean released = new AtomicBoolean();
            LongSupplier clock = () -> {
                if (Thread.currentThread().getName().startsWith("ripple-run-scheduler")) {
                    if (released.get()) {
                        nextCheck.countDown(); // one check at a time: the held one has ended
                    } else if (r1TimedOutInRun("1") && armed.compareAndSet(true, false)) {
                        checkHeld.countDown();
                        open(releaseCheck);
                        released.set(true);
                    }
                }
                return System.currentTimeMillis() + skew.get();
            };
            start(LONG_WAIT_SECONDS, clock, "r1", "r2");
            CountDownLatch r2Reports = new CountDownLatch(1);
            replica("r1").script = ask -> {
                if (!ask.runId().equals("1")) {
                    ask.report(RunOutcome.RESTARTED, "run " + ask.runId());
                }
            };
            replica("r2").script = ask -> {
                open(r2Reports);
                ask.report(RunOutcome.RESTARTED, "run " + ask.runId());
            };

            coordinator.restart(false, "admin");
            await().atMost(DEADLINE).until(() -> replica("r1").asked.contains("1") && replica("r2").asked.contains("1"));
            skew.set(TimeUnit.SECONDS.toMillis(LONG_WAIT_SECONDS + 1));
            open(checkHeld); // the check timed r1 out, and has not yet gone on
            r2Reports.countDown();
            assertThat(awaitEnd().runId()).isEqualTo("1");
            replica("r1").answerGate = new CountDownLatch(1);
            coordinator.restart(false, "admin");
            await().atMost(DEADLINE).until(() -> replica("r1").callsWaiting.get() == 1);
            releaseCheck.countDown();
            open(nextCheck);
            replica("r1").answerGate.countDown();
            Run run = awaitEnd();

            assertThat(run.runId()).isEqualTo("2");
            assertThat(row("r1")).extracting(ServerRow::state, ServerRow::detail).containsExactly(RowState.RESTARTED, "run 2");
            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        }

        private boolean r1TimedOutInRun(String runId) {
            Coordinator engine = coordinator;
            Run run = engine == null ? null : engine.current();
            return run != null && run.runId().equals(runId) && run.row("r1").orElseThrow().state() == RowState.TIMED_OUT;
        }

        @Test
        void aPollingRoundThatThrowsDoesNotEndPolling() throws IOException {
            AtomicBoolean armed = new AtomicBoolean();
            CountDownLatch thrown = new CountDownLatch(1);
            LongSupplier clock = () -> {
                if (Thread.currentThread().getName().startsWith("ripple-run-scheduler") && armed.compareAndSet(true, false)) {
                    thrown.countDown();
                    throw new IllegalStateException("the clock failed once");
                }
                return System.currentTimeMillis();
            };
            start(LONG_WAIT_SECONDS, clock, "r1");
            replica("r1").script = ask -> {
                armed.set(true);
                open(thrown);
                ask.show(RunOutcome.RESTARTED, "seen by a poll after the failure");
            };

            coordinator.restart(false, "admin");
            Run run = awaitEnd();

            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
            assertThat(row("r1").detail()).isEqualTo("seen by a poll after the failure");
        }
    }

    @Test
    void aReportForARunThatWasNeverStartedIsRefused() throws IOException {
        start(LONG_WAIT_SECONDS, "r1");
        assertThatThrownBy(() -> coordinator.replicaCompleted("3", "r1", "RESTARTED", ""))
                .hasMessage("Unknown run '3': no run has been started.");
        assertThat(new ArrayList<>(heard)).isEmpty();
    }
}
