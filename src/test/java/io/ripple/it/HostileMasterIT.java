package io.ripple.it;

import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica whose master answers with JSON nested 200,000 levels deep: it starts (on its last-known-good
 * configuration), and every run it is asked to carry out ends FAILED with the reason and leaves it free for the next
 * run, over both channels (before, the start never completed and never ended: a JVM that was never Ready). And a start
 * that meets an error it cannot handle ends the JVM with one line.
 */
class HostileMasterIT {

    private static final int DEPTH = 200_000;
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(30);

    private static String deeplyNested(JsonNode request) {
        return "[".repeat(DEPTH) + "]".repeat(DEPTH);
    }

    @Test
    void aDeeplyNestedAnswerFailsTheTurnAndFreesTheReplica(@TempDir Path root) throws Exception {
        ServerDir replica = new ServerDir(root, "replica-1");
        try (FakeJolokiaMaster master = new FakeJolokiaMaster("master", HostileMasterIT::deeplyNested);
             NodeProcess node = NodeProcess.start(replica, dir -> dir.conf(
                     "is-master = no\nmaster-name = master\nmaster-url = " + master.url() + "\n"))) {
            assertThat(node.output()).contains("Starting on the last-known-good configuration")
                    .contains("nested deeper than");
            try (JMXConnector jmx = JmxClients.connect(replica.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
                MBeanServerConnection mbs = jmx.getMBeanServerConnection();
                ObjectName server = new ObjectName(SERVER);
                assertThat(mbs.getAttribute(server, "ConfigSource")).isEqualTo("last-known-good");
                assertThat(mbs.getAttribute(server, "Ready")).isEqualTo(true);

                mbs.invoke(server, "syncAndRestart", new Object[] {"41"}, new String[] {"java.lang.String"});
                awaitOutcome(mbs, server, "41");
                assertThat((String) mbs.getAttribute(server, "LastRunDetail")).contains("nested deeper than");

                JolokiaHttp jolokia = new JolokiaHttp(replica.jolokiaUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD);
                JolokiaHttp.Response accepted = jolokia.exec(SERVER, "syncAndRestart", "42");
                assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(200);
                assertThat(accepted.body().path("value").asText()).isEqualTo("Run 42 accepted by replica-1.");
                awaitOutcome(mbs, server, "42");
                assertThat(mbs.getAttribute(server, "State")).isEqualTo("RUNNING");
                assertThat(mbs.getAttribute(server, "Ready")).isEqualTo(true);
            }
            // the report goes to the master after the outcome is recorded, so it may still be on its way
            await().atMost(RUN_DEADLINE).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(master.received).anyMatch(r -> r.contains("replicaCompleted") && r.contains("42")));
        }
    }

    private static void awaitOutcome(MBeanServerConnection mbs, ObjectName server, String runId) {
        await().atMost(RUN_DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(mbs.getAttribute(server, "LastRunId")).isEqualTo(runId);
            assertThat(mbs.getAttribute(server, "LastRunOutcome")).isEqualTo("FAILED");
        });
    }

    /**
     * A class the start needs is missing (a broken installation, here Jolokia's jars): one line that a supervisor's log
     * shows as it is, and a non-zero exit, not a stack trace from a dying main thread.
     */
    @Test
    void aFatalErrorAtStartIsOneLineAndANonZeroExit(@TempDir Path root) throws Exception {
        ServerDir server = new ServerDir(root, "master");
        server.writeConf(server.masterConf(""));
        List<String> command = withoutJolokiaAgent(NodeProcess.command(NodeProcess.SAMPLE_MAIN, List.of(), server.conf()));
        Path output = root.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(Files.readString(output)).contains("ripple-node: RPL1005E fatal error during start-up")
                    .contains("NoClassDefFoundError").doesNotContain("\tat ");
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The class path of {@code command} with every jar but Jolokia's agent and server core. */
    private static List<String> withoutJolokiaAgent(List<String> command) throws IOException {
        List<String> result = new ArrayList<>(command);
        int cp = result.indexOf("-cp") + 1;
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("ripple.classesDir", "target/classes"));
        try (var jars = Files.list(Path.of(System.getProperty("ripple.libDir", "target/lib")))) {
            jars.map(Path::toString).filter(jar -> !jar.contains("jolokia-agent-jvm") && !jar.contains("jolokia-server-core"))
                    .sorted().forEach(entries::add);
        }
        result.set(cp, String.join(File.pathSeparator, entries));
        return result;
    }
}
