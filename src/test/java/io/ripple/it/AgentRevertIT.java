package io.ripple.it;

import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.config.ConfigScanner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Issue 16 item 5 in agent mode, on real processes: a master (the sample server) and a replica that is a plain program
 * ({@link MarkedApp}) run with the agent under bin/ripple-supervise, Ready when the program listens on its port
 * ({@code ready-port}). A new version on which the program's {@code main} throws, or on which it never opens its port,
 * is put back by the JVM started for it, which restarts the process again; the next JVM serves the version before and
 * reports the run FAILED "reverted to version N". When the version before fails too, it says both reasons and stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentRevertIT {

    private static final String AGENT = "agent-1";
    static final int MASTER_MAX_WAIT_SECONDS = 60;
    /** The agent gives up on a program that never becomes Ready after this long, well before the master does. */
    static final int AGENT_MAX_WAIT_SECONDS = 5;
    private static final String PROCESS_RESTART_LINE = "ripple-supervise: process restart requested (exit 75); starting again";

    Path temp;
    ServerDir master;
    ServerDir agentDir;
    NodeProcess masterProcess;
    AgentProcess agent;

    @BeforeAll
    void start(@TempDir Path root) {
        temp = root;
        master = new ServerDir(root, "master");
        master.write("banner.txt", "Welcome\n");
        master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9001\"}\n");
        agentDir = new ServerDir(root, AGENT);
        masterProcess = NodeProcess.start(master, d -> d.masterConf("replica = " + AGENT + " " + agentDir.jmxUrl() + "\n",
                MASTER_MAX_WAIT_SECONDS));
        agent = startAgent();
    }

    private AgentProcess startAgent() {
        String conf = agentDir.replicaConf(master, false).replace("is-master = no\n",
                "is-master = no\nmax-wait-time = " + AGENT_MAX_WAIT_SECONDS + "\n");
        return AgentProcess.start(agentDir, conf, "banner.txt", MarkedApp.class, ",ready-port=" + agentDir.httpPort);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable p : new AutoCloseable[] {agent, masterProcess}) {
            try {
                if (p != null) {
                    p.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    private static JMXConnector jmx(ServerDir server) throws Exception {
        return AdminJmx.connect(server);
    }

    private static Object attribute(ServerDir server, String mbean, String name) throws Exception {
        return AdminJmx.attribute(server, mbean, name);
    }

    private JsonNode runAndWait() throws Exception {
        return AdminJmx.restartAndWait(master, Duration.ofSeconds(MASTER_MAX_WAIT_SECONDS + 30), Duration.ofMillis(200));
    }

    private JsonNode served() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agentDir.httpPort + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return TestCluster.JSON.readTree(response.body());
    }

    private int processRestarts() {
        return agent.output().split(java.util.regex.Pattern.quote(PROCESS_RESTART_LINE), -1).length - 1;
    }

    /** What the agent's replica holds and serves before a run: the version a revert must come back to. */
    private record Held(long version, String digest, String text) {
    }

    private Held held() throws Exception {
        return new Held((Long) attribute(agentDir, CONFIG_STORE, "Version"), (String) attribute(agentDir, CONFIG_STORE, "Digest"),
                served().get("text").asText());
    }

    /** A good version the run applies: the agent's process restarted once, serving it. */
    private Held runGood(String banner) throws Exception {
        master.write("banner.txt", banner);
        JsonNode status = runAndWait();
        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(row(status, AGENT).get("state").asText()).isEqualTo("RESTARTED");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> served().get("text").asText().equals(banner.strip()));
        return held();
    }

    /** The agent's process serves {@code before} again: Ready, RUNNING, its version and digest, on disk too. */
    private void assertServesAgain(Held before) throws Exception {
        assertThat(attribute(agentDir, SERVER, "State")).isEqualTo("RUNNING");
        assertThat(attribute(agentDir, SERVER, "Ready")).isEqualTo(true);
        assertThat(attribute(agentDir, SERVER, "LastRunOutcome")).isEqualTo("FAILED");
        assertThat(attribute(agentDir, SERVER, "ConfigSource")).isEqualTo("master");
        assertThat(attribute(agentDir, CONFIG_STORE, "Version")).isEqualTo(before.version());
        assertThat(attribute(agentDir, CONFIG_STORE, "AppliedVersion")).isEqualTo(before.version());
        assertThat(attribute(agentDir, CONFIG_STORE, "Digest")).isEqualTo(before.digest());
        assertThat(new ConfigScanner(agentDir.conf(), agentDir.dataDir()).scan().digest()).isEqualTo(before.digest());
        assertThat(served().get("text").asText()).isEqualTo(before.text());
        assertThat(agent.supervisorAlive()).isTrue();
    }

    @Test
    @Order(1)
    void aVersionOnWhichTheProgramsMainThrowsIsRevertedByTheNextProcess() throws Exception {
        Held before = runGood("Welcome to version two\n");
        int restarts = processRestarts();

        master.write("banner.txt", "Version three\nfail-start\n");
        JsonNode bad = runAndWait();

        assertThat(bad.get("state").asText()).as(bad.toString()).isEqualTo("FAILED");
        JsonNode failed = row(bad, AGENT);
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("detail").asText()).as(bad.toString())
                .contains("fail-start is set: this program refuses to start", "reverted to version " + before.version());
        assertThat(row(bad, "master").get("state").asText()).isEqualTo("SKIPPED");
        assertServesAgain(before);
        // one process restart for the new version, one for the revert
        assertThat(processRestarts()).isEqualTo(restarts + 2);
    }

    @Test
    @Order(2)
    void aVersionOnWhichTheProgramNeverBecomesReadyIsRevertedByTheNextProcess() throws Exception {
        Held before = held();

        master.write("banner.txt", "Version four\nnever-ready\n");
        JsonNode bad = runAndWait();

        JsonNode failed = row(bad, AGENT);
        assertThat(failed.get("state").asText()).as(bad.toString()).isEqualTo("FAILED");
        assertThat(failed.get("detail").asText()).as(bad.toString())
                .contains("not Ready within max-wait-time", "reverted to version " + before.version());
        assertServesAgain(before);
    }

    @Test
    @Order(3)
    void aCorrectedNextRunConverges() throws Exception {
        Held now = runGood("Version five\n");
        assertThat(now.digest()).isEqualTo(attribute(master, CONFIG_STORE, "Digest"));
        assertThat(attribute(agentDir, SERVER, "LastRunOutcome")).isEqualTo("RESTARTED");
        assertThat(attribute(agentDir, SERVER, "Ready")).isEqualTo(true);
    }

    /** Once only: when the version before fails too, the run says both reasons, and the process is not restarted again. */
    @Test
    @Order(4)
    void whenTheVersionBeforeFailsTooTheRunSaysBothAndTheProcessStops() throws Exception {
        Path blocker = temp.resolve("agent-refuses");
        Held before = runGood("Version six\nfail-start-if-exists " + blocker + "\n");
        Files.writeString(blocker, "the version before cannot start either\n");
        int restarts = processRestarts();

        master.write("banner.txt", "Version seven\nfail-start\nfail-start-if-exists " + blocker + "\n");
        JsonNode bad = runAndWait();

        JsonNode failed = row(bad, AGENT);
        assertThat(failed.get("state").asText()).as(bad.toString()).isEqualTo("FAILED");
        assertThat(failed.get("detail").asText()).as(bad.toString()).contains("fail-start is set",
                "reverting to version " + before.version() + " failed too", "exists: this program refuses to start");
        // no loop: the JVM that ran the version before ends, and its supervisor with it
        agent.awaitSupervisorEnded(Duration.ofSeconds(30));
        assertThat(processRestarts()).isEqualTo(restarts + 2);
        assertThat(agentDir.dir.resolve("banner.txt")).content().startsWith("Version six");

        // corrected on the master and started again by hand: the next run converges
        Files.delete(blocker);
        agent.close();
        master.write("banner.txt", "Version eight\n");
        try (JMXConnector c = jmx(master)) {
            c.getMBeanServerConnection().invoke(new ObjectName(CONFIG_STORE), "refresh", new Object[0], new String[0]);
        }
        agent = startAgent();
        JsonNode good = runAndWait();
        assertThat(good.get("state").asText()).as(good.toString()).isEqualTo("COMPLETED");
        assertThat(attribute(agentDir, CONFIG_STORE, "Digest")).isEqualTo(attribute(master, CONFIG_STORE, "Digest"));
        assertThat(served().get("text").asText()).isEqualTo("Version eight");
    }

    /** A program whose main returns and leaves nothing running has ended: on a new version, that is a failure too. */
    @Test
    @Order(5)
    void aVersionOnWhichTheProgramEndsAtOnceIsRevertedByTheNextProcess() throws Exception {
        Held before = held();

        master.write("banner.txt", "Version nine\nend-at-once\n");
        JsonNode bad = runAndWait();

        JsonNode failed = row(bad, AGENT);
        assertThat(failed.get("state").asText()).as(bad.toString()).isEqualTo("FAILED");
        assertThat(failed.get("detail").asText()).as(bad.toString())
                .contains("the program ended", "reverted to version " + before.version());
        assertServesAgain(before);
    }
}
