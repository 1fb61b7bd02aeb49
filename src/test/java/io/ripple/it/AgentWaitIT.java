package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cli.RippleCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ripple cluster restart --wait} against a master whose own process restarts at the end of the run: the master
 * and its replica are plain programs run with the agent under bin/ripple-supervise, so step 7 is an exit 75 and a new
 * JVM. The CLI follows the master through it, over JMX RMI and over Jolokia, prints the final rows and exits 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentWaitIT {

    private static final String REPLICA = "agent-replica";
    private static final long WAIT_SECONDS = 150;

    private ServerDir master;
    private ServerDir replica;
    private AgentProcess masterProcess;
    private AgentProcess replicaProcess;
    private Path password;

    @BeforeAll
    void start(@TempDir Path root) throws Exception {
        master = new ServerDir(root, "master");
        replica = new ServerDir(root, REPLICA);
        master.write("banner.txt", "Welcome\n");
        master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9001\"}\n");
        masterProcess = AgentProcess.start(master, master.masterConf("replica = " + REPLICA + " " + replica.jmxUrl() + "\n"),
                "banner.txt");
        replicaProcess = AgentProcess.start(replica, replica.replicaConf(master, false), "banner.txt");
        password = root.resolve("admin.password");
        Files.writeString(password, ServerDir.ADMIN_PASSWORD + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    void stop() {
        for (AgentProcess p : new AgentProcess[] {replicaProcess, masterProcess}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private record Followed(int exitCode, String out, String err) {
        String all() {
            return out + "\n--- stderr ---\n" + err;
        }
    }

    /** {@code ripple --TRANSPORT URL cluster restart --wait}, as bin/ripple runs it, in this JVM. */
    private Followed restartAndWait(String transport) throws Exception {
        String url = transport.equals("jmx") ? master.jmxUrl() : master.jolokiaUrl();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ExecutorService follower = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> code = follower.submit(() -> RippleCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                    "--" + transport, url, "--user", ServerDir.ADMIN, "--password-file", password.toString(),
                    "cluster", "restart", "--wait"));
            return new Followed(code.get(WAIT_SECONDS, TimeUnit.SECONDS), out.toString(), err.toString());
        } finally {
            follower.shutdownNow();
        }
    }

    private JsonNode status() throws Exception {
        try (JMXConnector c = JmxClients.connect(master.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            return TestCluster.JSON.readTree((String) mbs.invoke(new ObjectName(CLUSTER), "statusJson", new Object[0], new String[0]));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"jmx", "jolokia"})
    void waitFollowsTheMasterThroughItsOwnProcessRestartAndEndsWithTheFinalRows(String transport) throws Exception {
        String masterBoot = masterProcess.bootId();
        String replicaBoot = replicaProcess.bootId();
        master.write("banner.txt", "Welcome, followed over " + transport + "\n");

        Followed followed = restartAndWait(transport);

        JsonNode status = status();
        String runId = status.get("runId").asText();
        assertThat(followed.exitCode()).as(followed.all()).isZero();
        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(row(status, "master").get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row(status, REPLICA).get("state").asText()).isEqualTo("RESTARTED");
        assertThat(masterProcess.awaitBootId()).as("the master's process was restarted").isNotEqualTo(masterBoot);
        assertThat(replicaProcess.bootId()).isNotEqualTo(replicaBoot);
        assertThat(masterProcess.output()).contains("ripple-supervise: process restart requested (exit 75); starting again");
        // the final status the CLI printed, after the master came back: the run and both rows as they ended
        String printed = followed.out().substring(followed.out().lastIndexOf("Run " + runId + " ("));
        assertThat(printed).as(followed.all()).startsWith("Run " + runId + " (parallel) COMPLETED")
                .containsPattern("master\\s+master\\s+RESTARTED").containsPattern(REPLICA + "\\s+replica\\s+RESTARTED")
                .doesNotContain("IN_PROGRESS").doesNotContain("RESTARTING");
        // a note while the master's process was away, naming no cause it does not have (before: "a TLS endpoint?")
        assertThat(followed.out()).as(followed.all()).contains("reconnecting for up to")
                .contains("Connected again to " + (transport.equals("jmx") ? master.jmxUrl() : master.jolokiaUrl()))
                .doesNotContain("TLS").doesNotContain("truststore");
        assertThat(followed.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
