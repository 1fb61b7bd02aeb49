package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ripple.remote.Credentials;
import io.ripple.remote.RemoteConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the master accepts as a replica's report (step 6): a known run, one of its replicas, a final outcome. */
class ReplicaReportTest {

    @TempDir
    Path dir;

    private Coordinator coordinator;

    @BeforeEach
    void noRunYet() throws Exception {
        RunTracker tracker = new RunTracker(new RunJournal(dir), Runs.MASTER, e -> { });
        coordinator = new Coordinator(new CoordinatorTest.FakeMaster(),
                Map.of("replica-1", "service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi"),
                new RemoteConnector(Credentials.NONE), tracker, 5);
    }

    @AfterEach
    void close() {
        coordinator.close();
    }

    @Test
    void aReportForARunNeverStartedIsRefused() {
        assertThatThrownBy(() -> coordinator.replicaCompleted("5", "replica-1", "RESTARTED", "forged"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown run '5': no run has been started.");
        assertThat(coordinator.current()).isNull();
    }

    @Test
    void aLateReportForTheLatestRunChangesNothingAndAnOlderOneIsRefused() throws Exception {
        String runId = coordinator.restart(false, "admin");
        await().atMost(Duration.ofSeconds(20)).until(() -> coordinator.current() != null && !coordinator.current().inProgress());
        String before = RunFormat.json(coordinator.current());

        coordinator.replicaCompleted(runId, "replica-1", "RESTARTED", "late");
        coordinator.replicaCompleted(runId + ".revert", "replica-1", "UP_TO_DATE", "late");
        assertThatThrownBy(() -> coordinator.replicaCompleted("0", "replica-1", "RESTARTED", "older"))
                .hasMessage("Unknown run '0': no run is in progress; the latest was " + runId + ".");
        assertThat(RunFormat.json(coordinator.current())).isEqualTo(before);
    }

    @Test
    void aReportWithAnInvalidRunIdIsRefusedShortly() {
        assertThatThrownBy(() -> coordinator.replicaCompleted("5\nforged", "replica-1", "RESTARTED", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid run id '5\\nforged'");
    }

    @Test
    void anUnknownReplicaOrOutcomeIsNamedShortly() {
        assertThatThrownBy(() -> coordinator.checkReport("1", "x".repeat(100_000), "RESTARTED"))
                .hasMessage("Unknown replica '" + "x".repeat(80) + "…(100000 chars)': the master's replicas are [replica-1].");
        for (String outcome : new String[] {"restarted", "SYNCING", "PENDING", "TIMED_OUT", "SKIPPED", "", null}) {
            assertThatThrownBy(() -> coordinator.checkReport("1", "replica-1", outcome)).as(outcome)
                    .hasMessage("Unknown outcome '" + outcome + "': expected RESTARTED, UP_TO_DATE or FAILED.");
        }
    }
}
