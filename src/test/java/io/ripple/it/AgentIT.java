package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.node.NodeSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.management.MBeanServerConnection;
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

/**
 * A master (the sample server), a plain program run with the agent under bin/ripple-supervise, and a server embedding
 * Ripple with a host that misbehaves on request: validation, process restarts, failed starts and readiness, on real
 * processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {

    private static final String AGENT = "agent-1";
    private static final String HOSTED = "hosted-1";

    ServerDir master;
    ServerDir agentDir;
    ServerDir hostedDir;
    NodeProcess masterProcess;
    NodeProcess hostedProcess;
    AgentProcess agent;

    @BeforeAll
    void start(@TempDir Path root) {
        master = new ServerDir(root, "master");
        master.write("banner.txt", "Welcome\n");
        master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9001\"}\n");
        agentDir = new ServerDir(root, AGENT);
        hostedDir = new ServerDir(root, HOSTED);
        hostedDir.readyChecks = NodeSettings.DEFAULT_READY_CHECKS; // it must see the host fall over a moment after Ready
        masterProcess = NodeProcess.start(master, d -> masterConf(""));
        hostedProcess = NodeProcess.start(hostedDir, d -> d.replicaConf(master, false), TestHostMain.class.getName());
        // one backup kept: the prune before a process restart is seen from the second restart on
        agent = AgentProcess.start(agentDir, agentDir.replicaConf(master, false)
                .replace("is-master = no\n", "is-master = no\nkeep-backups = 1\n"), "banner.txt");
    }

    @AfterAll
    void stop() {
        for (AutoCloseable p : new AutoCloseable[] {agent, hostedProcess, masterProcess}) {
            try {
                if (p != null) {
                    p.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    /** The master's server.conf, with extra [service] entries (replicated to both replicas). */
    private String masterConf(String serviceEntries) {
        String replicas = "replica = " + AGENT + " " + agentDir.jmxUrl() + "\nreplica = " + HOSTED + " " + hostedDir.jmxUrl() + "\n";
        return master.masterConf(replicas).replace("[service]\n", "[service]\n" + serviceEntries);
    }

    private static JMXConnector jmx(ServerDir server) throws Exception {
        return AdminJmx.connect(server);
    }

    private static Object attribute(ServerDir server, String mbean, String name) throws Exception {
        return AdminJmx.attribute(server, mbean, name);
    }

    private JsonNode runAndWait() throws Exception {
        return AdminJmx.restartAndWait(master, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    private JsonNode plainApp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agentDir.httpPort + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return TestCluster.JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void theAgentStartsAPlainProgramAfterItsStartupSync() throws Exception {
        assertThat(plainApp().get("text").asText()).isEqualTo("Welcome");
        assertThat(attribute(agentDir, SERVER, "ConfigSource")).isEqualTo("master");
        assertThat(attribute(agentDir, SERVER, "Role")).isEqualTo("replica");
    }

    @Test
    @Order(2)
    void aRejectedConfigurationStopsTheRunBeforeAnyReplicaIsAsked() throws Exception {
        Object agentRun = attribute(agentDir, SERVER, "LastRunId");
        Object hostedRun = attribute(hostedDir, SERVER, "LastRunId");
        String masterBoot = (String) attribute(master, SERVER, "BootId");
        master.write("junctions/bad.json", "{\"backend\": \"http://127.0.0.1:9\"}\n");
        try (JMXConnector c = jmx(master)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName cluster = new ObjectName(CLUSTER);
            assertThatThrownBy(() -> mbs.invoke(cluster, "restart", new Object[] {true}, new String[] {"boolean"}))
                    .hasStackTraceContaining("Cluster restart refused: Junction file")
                    .hasStackTraceContaining("bad.json must be a JSON object with at least \"path\" and \"backend\" strings");
            String preview = (String) mbs.invoke(cluster, "preview", new Object[0], new String[0]);
            assertThat(preview).contains("validation: REJECTED: Junction file").contains("a cluster restart would be refused");
            assertThat(mbs.getAttribute(cluster, "InProgress")).isEqualTo(false);
            assertThat(mbs.getAttribute(cluster, "StatusMessage")).isEqualTo("No cluster restart has been requested.");
        } finally {
            Files.delete(master.dir.resolve("junctions/bad.json"));
        }
        assertThat(attribute(agentDir, SERVER, "LastRunId")).isEqualTo(agentRun);
        assertThat(attribute(hostedDir, SERVER, "LastRunId")).isEqualTo(hostedRun);
        assertThat(attribute(master, SERVER, "BootId")).isEqualTo(masterBoot);
        assertThat(Files.exists(agentDir.dir.resolve("junctions/bad.json"))).isFalse();
    }

    @Test
    @Order(3)
    void aClusterRestartRestartsTheAgentsProcessWhichComesBackWithTheNewConfiguration() throws Exception {
        String bootBefore = agent.bootId();
        long pidBefore = plainApp().get("pid").asLong();
        master.write("banner.txt", "Welcome to version two\n");

        JsonNode status = runAndWait();

        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("COMPLETED");
        JsonNode row = row(status, AGENT);
        assertThat(row.get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row.get("detail").asText()).contains("process restarted").matches(".* \\(\\d+ ms\\)$");
        assertThat(row(status, HOSTED).get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row(status, "master").get("state").asText()).isEqualTo("RESTARTED");
        assertThat(agent.bootId()).isNotEqualTo(bootBefore);
        assertThat(attribute(agentDir, SERVER, "LastRunOutcome")).isEqualTo("RESTARTED");
        assertThat(Files.readString(agentDir.dir.resolve("banner.txt"))).isEqualTo("Welcome to version two\n");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> plainApp().get("pid").asLong() != pidBefore);
        assertThat(plainApp().get("text").asText()).isEqualTo("Welcome to version two");
        assertThat(agent.supervisorAlive()).isTrue();
        assertThat(agent.output()).contains("ripple-supervise: process restart requested (exit 75); starting again");
    }

    @Test
    @Order(4)
    void aProcessRestartPrunesTheOldBackupsBeforeTheProcessEnds() throws Exception {
        for (String banner : new String[] {"Welcome, first prune\n", "Welcome, second prune\n"}) {
            long replaced = (Long) attribute(agentDir, CONFIG_STORE, "Version");
            master.write("banner.txt", banner);

            JsonNode status = runAndWait();

            assertThat(row(status, AGENT).get("state").asText()).as(status.toString()).isEqualTo("RESTARTED");
            assertThat(Files.readString(agentDir.dir.resolve("banner.txt"))).isEqualTo(banner);
            // a turn prunes after its outcome went out; a process that ends with its restart has no after
            try (var folders = Files.list(agentDir.dir.resolve("data/backups"))) {
                assertThat(folders.map(p -> p.getFileName().toString()).toList()).as("keep-backups = 1")
                        .containsExactly(Long.toString(replaced));
            }
        }
    }

    @Test
    @Order(5)
    void aHostWhoseStartFailsAfterTheRestartEndsFailedAndTheMasterIsNotRestarted() throws Exception {
        String masterBoot = (String) attribute(master, SERVER, "BootId");
        master.writeConf(masterConf("fail-start = yes\n"));

        JsonNode status = runAndWait();

        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        JsonNode row = row(status, HOSTED);
        assertThat(row.get("state").asText()).isEqualTo("FAILED");
        assertThat(row.get("detail").asText()).contains("fail-start is set: this host refuses to start", "reverted to version");
        assertThat(row(status, AGENT).get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row(status, "master").get("state").asText()).isEqualTo("SKIPPED");
        assertThat(attribute(master, SERVER, "BootId")).isEqualTo(masterBoot);
        // back on the version before, serving (issue 16 item 5)
        assertThat(attribute(hostedDir, SERVER, "State")).isEqualTo("RUNNING");
        assertThat(attribute(hostedDir, SERVER, "Ready")).isEqualTo(true);
    }

    @Test
    @Order(6)
    void aHostThatFallsOverAMomentAfterItsRestartEndsFailed() throws Exception {
        String masterBoot = (String) attribute(master, SERVER, "BootId");
        master.writeConf(masterConf("fall-over-after-millis = 300\n"));

        JsonNode status = runAndWait();

        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        JsonNode row = row(status, HOSTED);
        assertThat(row.get("state").asText()).isEqualTo("FAILED");
        assertThat(row.get("detail").asText()).startsWith("not ready after restart: it was Ready, then not Ready");
        assertThat(row(status, AGENT).get("state").asText()).isEqualTo("RESTARTED");
        assertThat(attribute(master, SERVER, "BootId")).isEqualTo(masterBoot);
    }
}
