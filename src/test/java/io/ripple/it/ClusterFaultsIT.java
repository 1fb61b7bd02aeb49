package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.cluster.RunStarted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Refusals, failures and what a run tells its watchers, on real processes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {

    TestCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path temp) {
        cluster = new TestCluster(temp, 3);
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void changeMaster(String path) {
        cluster.master.write("junctions/" + path + ".json", "{\"path\": \"/" + path + "\", \"backend\": \"http://127.0.0.1:9\"}\n");
    }

    @Test
    @Order(1)
    void watchersGetNotificationsAndTheEventLog() throws Exception {
        changeMaster("notified");
        List<Notification> received = new CopyOnWriteArrayList<>();
        NotificationListener listener = (n, handback) -> received.add(n);
        try (JMXConnector c = cluster.jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(CLUSTER);
            mbs.addNotificationListener(name, listener, null, null);
            String runId = RunStarted.runId((String) mbs.invoke(name, "restart", new Object[] {false}, new String[] {"boolean"})).orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.stream()
                    .anyMatch(n -> n.getType().equals("ripple.cluster.restart.finished")));
            assertThat(received.get(0).getType()).isEqualTo("ripple.cluster.restart.started");
            assertThat(received).extracting(Notification::getType).contains("ripple.cluster.replica.state");
            Notification finished = received.stream().filter(n -> n.getType().equals("ripple.cluster.restart.finished"))
                    .findFirst().orElseThrow();
            JsonNode run = TestCluster.JSON.readTree((String) finished.getUserData());
            assertThat(run.get("runId").asText()).isEqualTo(runId);
            assertThat(run.get("state").asText()).isEqualTo("COMPLETED");
            mbs.removeNotificationListener(name, listener);

            JsonNode events = TestCluster.JSON.readTree((String) mbs.invoke(name, "events", new Object[] {0L}, new String[] {"long"}));
            assertThat(events).isNotEmpty();
            long last = events.get(events.size() - 1).get("seq").asLong();
            assertThat(events.findValuesAsText("server")).contains("replica-1", "replica-2", "replica-3", "master");
            JsonNode none = TestCluster.JSON.readTree((String) mbs.invoke(name, "events", new Object[] {last}, new String[] {"long"}));
            assertThat(none).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aReportFromAnUnknownReplicaIsRefused() throws Exception {
        try (JMXConnector c = JmxClients.connectAsServer(cluster.dir("master").jmxUrl(), "nobody")) {
            assertThatThrownBy(() -> c.getMBeanServerConnection().invoke(new ObjectName(ClusterProtocolMXBean.OBJECT_NAME),
                    "replicaCompleted", new Object[] {"1", "nobody", "RESTARTED", ""},
                    new String[] {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String"}))
                    .hasStackTraceContaining("Unknown replica 'nobody'");
        }
    }

    @Test
    @Order(4)
    void cancelAsksNoMoreServersAndEndsTheRunCancelled() throws Exception {
        changeMaster("cancelled");
        try (JMXConnector c = cluster.jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(CLUSTER);
            mbs.invoke(name, "restart", new Object[] {true}, new String[] {"boolean"});
            String answer = (String) mbs.invoke(name, "cancel", new Object[0], new String[0]);
            assertThat(answer).contains("cancelled");
            await().atMost(Duration.ofSeconds(60)).until(() -> !(Boolean) mbs.getAttribute(name, "InProgress"));
            JsonNode status = TestCluster.JSON.readTree((String) mbs.invoke(name, "statusJson", new Object[0], new String[0]));
            assertThat(status.get("state").asText()).isEqualTo("CANCELLED");
            assertThat(row(status, "replica-3").get("state").asText()).isEqualTo("SKIPPED");
            assertThat(row(status, "master").get("state").asText()).isEqualTo("SKIPPED");
            assertThatThrownBy(() -> mbs.invoke(name, "cancel", new Object[0], new String[0]))
                    .hasStackTraceContaining("No cluster restart is in progress.");
        }
    }

    @Test
    @Order(5)
    void inRippleModeTheFirstFailedReplicaStopsTheRun() throws Exception {
        cluster.stop("replica-2");
        changeMaster("stopped");
        String masterBoot = (String) cluster.attribute("master", SERVER, "BootId");
        JsonNode status = cluster.runAndWait(true);
        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        assertThat(row(status, "replica-1").get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row(status, "replica-2").get("state").asText()).isEqualTo("FAILED");
        assertThat(row(status, "replica-2").get("detail").asText()).contains("Cannot connect");
        assertThat(row(status, "replica-3").get("state").asText()).isEqualTo("SKIPPED");
        assertThat(row(status, "replica-3").get("detail").asText()).contains("replica-2");
        assertThat(row(status, "master").get("state").asText()).isEqualTo("SKIPPED");
        assertThat(cluster.attribute("master", SERVER, "BootId")).isEqualTo(masterBoot);
    }

    @Test
    @Order(6)
    void aReplicaThatRefusesTheMastersPasswordFailsItsRowClearly() throws Exception {
        ServerDir replica = cluster.dir("replica-2");
        replica.write("jmx-config/jmxremote.password", "admin admin-secret\nmonitor monitor-secret\nripple another-secret\n");
        java.nio.file.Files.setPosixFilePermissions(replica.dir.resolve("jmx-config/jmxremote.password"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        cluster.startReplica("replica-2");
        JsonNode status = cluster.runAndWait(false);
        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        JsonNode row = row(status, "replica-2");
        assertThat(row.get("state").asText()).isEqualTo("FAILED");
        // a new connection: it cannot prove itself with the master's password, refused before the password is sent; a
        // connection the master kept from before: the replica refuses the password. Either way the row says why.
        assertThat(row.get("detail").asText()).containsAnyOf("Authentication failed",
                "did not prove it is replica 'replica-2' of this cluster (wrong proof for user 'ripple'")
                .doesNotContain("ripple-secret");
        assertThat(row(status, "replica-1").get("state").asText()).isIn("RESTARTED", "UP_TO_DATE");
    }
}
