package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.ClusterMXBean;
import io.ripple.remote.Credentials;
import io.ripple.remote.RemoteConnector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeMaster master = new FakeMaster();
    private final List<RunEvent> heard = new CopyOnWriteArrayList<>();
    private RunTracker tracker;
    private Coordinator coordinator;

    /** A master with no replicas: a version on disk, a version it runs, and a restart that can be held back. */
    static final class FakeMaster implements MasterSide {

        @Override
        public long restore(long version, String requestedBy) {
            throw new IllegalStateException("the fake master keeps no history");
        }

        @Override
        public java.util.List<io.ripple.config.PublishedVersion> history() {
            return java.util.List.of();
        }

        volatile long published = 12;
        volatile long applied = 11;
        volatile Exception refreshFailure;
        volatile Exception validationFailure;
        volatile int refreshes;
        volatile Exception restartFailure;
        volatile CountDownLatch restartGate = new CountDownLatch(0);
        final CountDownLatch restartEntered = new CountDownLatch(1);
        final List<String> restarts = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return Runs.MASTER;
        }

        @Override
        public void validate() throws Exception {
            if (validationFailure != null) {
                throw validationFailure;
            }
        }

        @Override
        public long refresh() throws Exception {
            refreshes++;
            if (refreshFailure != null) {
                throw refreshFailure;
            }
            return published;
        }

        @Override
        public long refreshlessVersion() {
            return published;
        }

        @Override
        public String digest(long version) {
            return "digest-" + version;
        }

        @Override
        public String diskDigest() {
            return "digest-" + published;
        }

        @Override
        public long appliedVersion() {
            return applied;
        }

        @Override
        public void restart(long version, String reason) throws Exception {
            restartEntered.countDown();
            if (!restartGate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate never opened");
            }
            if (restartFailure != null) {
                throw restartFailure;
            }
            restarts.add(version + ": " + reason);
            applied = version;
        }
    }

    private Coordinator coordinator() throws IOException {
        tracker = new RunTracker(new RunJournal(dir), Runs.MASTER, heard::add);
        coordinator = new Coordinator(master, Map.of(), new RemoteConnector(Credentials.NONE), tracker, 5);
        return coordinator;
    }

    @AfterEach
    void closeCoordinator() {
        master.restartGate.countDown();
        if (coordinator != null) {
            coordinator.close();
        }
    }

    private void awaitEnd(Coordinator c) {
        await().atMost(DEADLINE).until(() -> !c.inProgress() && c.current() != null && !c.current().inProgress());
    }

    private List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        heard.forEach(e -> kinds.add(e.kind()));
        return kinds;
    }

    @Test
    void noRunBeforeTheFirstRestart() throws IOException {
        Coordinator c = coordinator();
        assertThat(c.current()).isNull();
        assertThat(c.inProgress()).isFalse();
        assertThat(c.replicaNames()).isEmpty();
        assertThat(c.maxWaitSeconds()).isEqualTo(5);
        assertThat(c.runVersion("1")).isEqualTo(12);
        assertThat(c.eventsAfter(0)).isEqualTo("[]");
    }

    @Test
    void aRunWithoutReplicasRestartsAStaleMasterAndCompletes() throws IOException {
        Coordinator c = coordinator();
        assertThat(c.restart(false, "admin (jmx 127.0.0.1)")).isEqualTo("1");
        awaitEnd(c);

        Run run = c.current();
        assertThat(run.runId()).isEqualTo("1");
        assertThat(run.mode()).isEqualTo("parallel");
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(run.message()).isEqualTo(ClusterMXBean.MESSAGE_RESTARTED);
        assertThat(run.requestedBy()).isEqualTo("admin (jmx 127.0.0.1)");
        assertThat(run.version()).isEqualTo(12);
        assertThat(run.digest()).isEqualTo("digest-12");
        assertThat(run.endedAt()).isGreaterThanOrEqualTo(run.startedAt());
        ServerRow row = run.row(Runs.MASTER).orElseThrow();
        assertThat(run.servers()).containsExactly(row);
        assertThat(row.state()).isEqualTo(RowState.RESTARTED);
        assertThat(row.role()).isEqualTo("master");
        assertThat(row.versionBefore()).isEqualTo(11);
        assertThat(row.versionAfter()).isEqualTo(12);
        assertThat(row.startedAt()).isPositive();
        assertThat(row.endedAt()).isGreaterThanOrEqualTo(row.startedAt());
        assertThat(master.restarts).singleElement().asString().startsWith("12: cluster restart 1");

        assertThat(kinds()).containsExactly("run", "server", "master-restarting", "server", "end");
        assertThat(c.runVersion("1")).isEqualTo(12);
        JsonNode events = JSON.readTree(c.eventsAfter(0));
        assertThat(events).hasSize(5);
        assertThat(events.get(4).get("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aSecondRunRestartsNobody() throws IOException {
        Coordinator c = coordinator();
        c.restart(false, "admin");
        awaitEnd(c);
        assertThat(c.restart(true, "admin")).isEqualTo("2");
        awaitEnd(c);

        Run run = c.current();
        assertThat(run.runId()).isEqualTo("2");
        assertThat(run.mode()).isEqualTo("ripple");
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        ServerRow row = run.row(Runs.MASTER).orElseThrow();
        assertThat(row.state()).isEqualTo(RowState.UP_TO_DATE);
        assertThat(row.versionBefore()).isEqualTo(12);
        assertThat(row.versionAfter()).isEqualTo(12);
        assertThat(master.restarts).hasSize(1);
    }

    @Test
    void aSecondRestartWhileOneRunsIsRefused() throws IOException, InterruptedException {
        master.restartGate = new CountDownLatch(1);
        Coordinator c = coordinator();
        String runId = c.restart(false, "admin");
        assertThat(master.restartEntered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(c.inProgress()).isTrue();
        assertThat(c.current().inProgress()).isTrue();
        assertThat(c.current().row(Runs.MASTER).orElseThrow().state()).isEqualTo(RowState.RESTARTING);

        assertThatThrownBy(() -> c.restart(true, "someone else")).isInstanceOf(IllegalStateException.class)
                .hasMessage("A cluster restart is already in progress: run " + runId + ". Wait for it to end, or cancel it.");

        master.restartGate.countDown();
        awaitEnd(c);
        assertThat(c.current().runId()).isEqualTo(runId);
        assertThat(c.current().state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void aMasterRestartThatFailsFailsTheRun() throws IOException {
        master.restartFailure = new IllegalStateException("port in use");
        Coordinator c = coordinator();
        c.restart(false, "admin");
        awaitEnd(c);
        Run run = c.current();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.message()).startsWith(ClusterMXBean.MESSAGE_FAILED).contains("master FAILED").contains("port in use");
        assertThat(run.failedServers()).containsExactly(Runs.MASTER);
        assertThat(RunFormat.message(run)).startsWith("The cluster restart failed.");
    }

    @Test
    void aMasterThatCannotPublishRefusesTheRun() throws IOException {
        master.refreshFailure = new IOException("disk gone");
        Coordinator c = coordinator();
        assertThatThrownBy(() -> c.restart(false, "admin")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("disk gone");
        assertThat(c.inProgress()).isFalse();
        assertThat(c.current()).isNull();
        assertThat(heard).isEmpty();
    }

    @Test
    void aRejectedConfigurationRefusesTheRunBeforePublishingOrAskingAnyone() throws IOException {
        master.validationFailure = new IllegalArgumentException("Junction file junctions/bad.json must be a JSON object");
        tracker = new RunTracker(new RunJournal(dir), Runs.MASTER, heard::add);
        coordinator = new Coordinator(master, Map.of("replica-1", "service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi"),
                new RemoteConnector(Credentials.NONE), tracker, 5);
        assertThatThrownBy(() -> coordinator.restart(true, "admin")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cluster restart refused: Junction file junctions/bad.json must be a JSON object");
        assertThat(master.refreshes).isZero();
        assertThat(coordinator.inProgress()).isFalse();
        assertThat(coordinator.current()).isNull();
        assertThat(heard).isEmpty();
        assertThat(new RunJournal(dir).readAll()).isEmpty();
    }

    @Test
    void previewShowsTheValidationVerdict() throws Exception {
        Coordinator c = coordinator();
        assertThat(c.preview()).contains("validation: the configuration on the master's disk is accepted");
        master.validationFailure = new IllegalArgumentException("Invalid [service] http-port 'x'.");
        assertThat(c.preview()).contains("validation: REJECTED: Invalid [service] http-port 'x'. (a cluster restart would be refused; "
                + "no replica would be asked)");
    }

    @Test
    void aRejectedConfigurationPreviewsAsARunThatWouldNotRun() throws Exception {
        Coordinator c = coordinator();
        master.validationFailure = new IllegalArgumentException("Junction file bad.json is not valid JSON");
        for (String preview : java.util.List.of(c.preview(), c.preview(new RunPlan(1, 0, 0, 1, false)))) {
            assertThat(preview).contains("\nwould not run: Junction file bad.json is not valid JSON\n")
                    .doesNotContain("would sync and restart").doesNotContain("would restart last").doesNotContain("batch 1");
            assertThat(Preview.wouldNotRun(preview)).isTrue();
        }
        master.validationFailure = null;
        assertThat(Preview.wouldNotRun(c.preview())).isFalse();
    }

    @Test
    void aValidatorWithoutAMessageIsNamedByItsType() throws IOException {
        master.validationFailure = new IllegalStateException();
        Coordinator c = coordinator();
        assertThatThrownBy(() -> c.restart(false, "admin")).hasMessage("Cluster restart refused: java.lang.IllegalStateException");
    }

    @Test
    void replicaCompletedRefusesAnUnknownReplicaOrOutcome() throws IOException {
        Coordinator c = coordinator();
        assertThatThrownBy(() -> c.replicaCompleted("1", "replica-9", "RESTARTED", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replica-9");
        master.restartGate = new CountDownLatch(1);
        c.restart(false, "admin");
        for (String outcome : new String[] {"BOGUS", "SYNCING", "PENDING", null}) {
            assertThatThrownBy(() -> c.replicaCompleted("1", "replica-9", outcome, "")).as(outcome)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        master.restartGate.countDown();
        awaitEnd(c);
    }

    @Test
    void cancelWithNothingRunningIsRefused() throws IOException {
        Coordinator c = coordinator();
        assertThatThrownBy(c::cancel).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No cluster restart is in progress");
        c.restart(false, "admin");
        awaitEnd(c);
        assertThatThrownBy(c::cancel).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancelDuringTheMastersRestartEndsTheRunOnce() throws IOException, InterruptedException {
        master.restartGate = new CountDownLatch(1);
        Coordinator c = coordinator();
        c.restart(false, "admin");
        assertThat(master.restartEntered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(c.cancel()).startsWith("Run 1 cancelled");
        master.restartGate.countDown();
        awaitEnd(c);
        // let anything still scheduled run before counting the events
        c.close();

        assertThat(kinds()).filteredOn("end"::equals).as("the run ends exactly once: " + heard).hasSize(1);
        Run run = c.current();
        assertThat(run.row(Runs.MASTER).orElseThrow().state()).isEqualTo(RowState.RESTARTED);
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(new RunTracker(new RunJournal(dir), Runs.MASTER, e -> { }).current()).isEqualTo(run);
    }

    @Test
    void theJournalCarriesTheRunAcrossAMasterRestart() throws IOException {
        Coordinator c = coordinator();
        c.restart(false, "admin");
        awaitEnd(c);
        Run run = c.current();
        c.close();

        RunTracker after = new RunTracker(new RunJournal(dir), Runs.MASTER, e -> { });
        assertThat(after.current()).isEqualTo(run);
        assertThat(after.nextRunId()).isEqualTo("2");
    }
}
