package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cluster.RunStarted;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing from an ended run acts. A replica stalled (SIGSTOP) past max-wait-time while the master's request to it is
 * under way: the run ends with the replica TIMED_OUT, and when the replica goes on (SIGCONT) no request of that run
 * reaches it, and a -ripple run right after it completes with every replica restarted once. replica-1 is reached over
 * JMX RMI, replica-2 over Jolokia.
 */
class FencingIT {

    private static final int MAX_WAIT_SECONDS = 4;

    private static void signal(NodeProcess node, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + signal).isZero();
    }

    private static String startRun(TestCluster cluster, boolean ripple) throws Exception {
        return RunStarted.runId((String) cluster.invoke("master", CLUSTER, "restart", new Object[] {ripple}, new String[] {"boolean"}))
                .orElseThrow();
    }

    private static JsonNode awaitEnd(TestCluster cluster) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !(Boolean) cluster.attribute("master", CLUSTER, "InProgress"));
        try {
            return JSON.readTree((String) cluster.invoke("master", CLUSTER, "statusJson", new Object[0], new String[0]));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"replica-1", "replica-2"})
    void aReplicaStalledPastItsDeadlineNeverActsForTheEndedRun(String stalled, @TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.maxWaitSeconds = MAX_WAIT_SECONDS;
            cluster.start();
            NodeProcess node = cluster.processes.get(stalled);
            String bootBefore = (String) cluster.attribute(stalled, SERVER, "BootId");
            cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9101\"}\n");

            signal(node, "STOP");
            String run1;
            JsonNode ended;
            try {
                run1 = startRun(cluster, false);
                ended = awaitEnd(cluster);
            } finally {
                signal(node, "CONT");
            }
            assertThat(ended.get("runId").asText()).isEqualTo(run1);
            assertThat(ended.get("state").asText()).isEqualTo("FAILED");
            assertThat(row(ended, stalled).get("state").asText()).isEqualTo("TIMED_OUT");
            assertThat(cluster.attribute(stalled, SERVER, "BootId")).as("stalled, so not restarted yet").isEqualTo(bootBefore);

            String run2 = startRun(cluster, true);
            JsonNode next = awaitEnd(cluster);

            assertThat(next.get("runId").asText()).isEqualTo(run2);
            assertThat(next.get("state").asText()).as(next.toString()).isEqualTo("COMPLETED");
            assertThat(row(next, stalled).get("state").asText()).isEqualTo("RESTARTED");
            assertThat(cluster.attribute(stalled, SERVER, "LastRunId")).isEqualTo(run2);
            assertThat((Long) cluster.attribute(stalled, SERVER, "RestartCount")).as("restarted by run 2 only").isEqualTo(1L);
            assertThat(node.output()).doesNotContain("Run " + run1 + " accepted");
        }
    }

    @Test
    void aRequestPastItsDeadlineOrForARunTheMasterDoesNotRunActsNever(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 1)) {
            cluster.start();
            cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9102\"}\n");
            cluster.invoke("master", TestCluster.CONFIG_STORE, "refresh", new Object[0], new String[0]);
            try (JMXConnector jmx = cluster.jmx("replica-1")) {
                MBeanServerConnection mbs = jmx.getMBeanServerConnection();
                ObjectName server = new ObjectName(SERVER);
                String boot = (String) mbs.getAttribute(server, "BootId");

                Throwable late = catchThrowable(() -> mbs.invoke(server, "syncAndRestartUntil",
                        new Object[] {"41", System.currentTimeMillis() - 1_000}, new String[] {"java.lang.String", "long"}));
                assertThat(late).hasMessageContaining("Run 41 arrived at replica-1").hasMessageContaining("after the master's deadline: refused");
                assertThat(mbs.getAttribute(server, "LastRunId")).isNotEqualTo("41");

                mbs.invoke(server, "syncAndRestart", new Object[] {"42"}, new String[] {"java.lang.String"});
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> "FAILED".equals(mbs.getAttribute(server, "LastRunOutcome")));
                assertThat((String) mbs.getAttribute(server, "LastRunDetail")).contains("not restarted: run 42 no longer wants replica-1");
                assertThat(mbs.getAttribute(server, "BootId")).isEqualTo(boot);
            }

            JsonNode run = cluster.runAndWait(false);
            assertThat(row(run, "replica-1").get("state").asText()).as("the version left on disk is started by the next run")
                    .isEqualTo("RESTARTED");
            assertThat(cluster.service("replica-1").toString()).contains("9102");
        }
    }
}
