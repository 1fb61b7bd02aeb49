package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cli.RippleCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers know their cluster (issue 15, item 1), on real processes and both transports. Two clusters on loopback: a
 * master whose replica lines point at the other cluster's replica fails those rows at once and never asks it; a
 * replica pinned to its master refuses another master of the same name until an operator resets the pin; a fresh
 * replica adopts its master's cluster id; an operation called with another cluster's id is refused.
 */
class ClusterIdentityIT {

    private static final String EXEC_SYNC = "{\"type\":\"exec\",\"mbean\":\"ripple:type=Server\","
            + "\"operation\":\"syncAndRestart\",\"arguments\":[\"77\"]}";

    /** A master of its own cluster in {@code dir}, with the same content as {@link TestCluster}'s master. */
    private static ServerDir otherMaster(Path root, String junctionBackend) {
        ServerDir master = new ServerDir(root, "master");
        master.write("banner.txt", "Welcome\n");
        master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"" + junctionBackend + "\"}\n");
        master.write("junctions/old.json", "{\"path\": \"/old\", \"backend\": \"http://127.0.0.1:9002\"}\n");
        return master;
    }

    @Test
    void aReplicaLineThatReachesAnotherClustersReplicaFailsItsRowAndNeverAsksIt(@TempDir Path root) throws Exception {
        try (TestCluster b = new TestCluster(root.resolve("b"), 1)) {
            b.start();
            ServerDir theirs = b.dir("replica-1");
            // Same content as cluster B's master: without identity the rows read "up to date".
            ServerDir masterA = otherMaster(root.resolve("a"), "http://127.0.0.1:9001");
            String confA = masterA.masterConf("replica = replica-9 " + theirs.jmxUrl() + "\n"
                    + "replica = replica-1 " + theirs.jolokiaUrl() + "\n");
            try (NodeProcess a = NodeProcess.start(masterA, d -> confA)) {
                String bootBefore = (String) b.attribute("replica-1", SERVER, "BootId");

                JsonNode run = runOn(masterA);

                assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("FAILED");
                String idB = (String) b.attribute("master", SERVER, "ClusterId");
                String idA = (String) attribute(masterA, SERVER, "ClusterId");
                assertThat(idA).isNotBlank().isNotEqualTo(idB);
                assertThat(row(run, "replica-9").get("state").asText()).isEqualTo("FAILED");
                assertThat(row(run, "replica-9").get("detail").asText()).isEqualTo("RPL4011E the server at " + theirs.jmxUrl()
                        + " is 'replica-1' of cluster " + idB + ", not 'replica-9' of this cluster (" + idA + ")");
                assertThat(row(run, "replica-1").get("state").asText()).isEqualTo("FAILED");
                assertThat(row(run, "replica-1").get("detail").asText()).isEqualTo("RPL4011E the server at " + theirs.jolokiaUrl()
                        + " is 'replica-1' of cluster " + idB + ", not 'replica-1' of this cluster (" + idA + ")");
                assertThat(b.attribute("replica-1", SERVER, "BootId")).as("never asked").isEqualTo(bootBefore);
                assertThat(b.attribute("replica-1", SERVER, "LastRunId")).isEqualTo("");
                assertThat(b.processes.get("replica-1").output()).doesNotContain("syncAndRestart");

                String preview = (String) invoke(masterA, CLUSTER, "preview");
                // replica-1 of B holds the same cluster account and proves itself, but as another server than the line
                // names: it is refused before any credentials go to it, so the preview cannot ask it
                assertThat(preview).contains("replica-9: cannot be asked (RPL4011E the server at " + theirs.jmxUrl() + " is 'replica-1'"
                        + " of cluster " + idB + ", not 'replica-9' of this cluster (" + idA + ")): would fail")
                        .doesNotContain("up to date");
                JsonNode health = JSON.readTree((String) invoke(masterA, CLUSTER, "health"));
                assertThat(health.get("replicas").get(0).get("error").asText()).contains("of cluster " + idB);
            }
        }
    }

    @Test
    void anOperationCalledWithAnotherClustersIdIsRefusedOnBothChannels(@TempDir Path root) throws Exception {
        try (TestCluster b = new TestCluster(root.resolve("b"), 1)) {
            b.start();
            ServerDir replica = b.dir("replica-1");
            String bootBefore = (String) b.attribute("replica-1", SERVER, "BootId");
            String refusal = "Refused syncAndRestart from 'master' of cluster cluster-a: replica-1 belongs to cluster ";

            Throwable jmxRefusal;
            Map<String, Object> env = new HashMap<>();
            env.put(JMXConnector.CREDENTIALS, new String[] {ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD, "cluster-a", "master"});
            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(replica.jmxUrl()), env)) {
                MBeanServerConnection mbs = jmx.getMBeanServerConnection();
                ObjectName server = new ObjectName(SERVER);
                assertThat(mbs.getAttribute(server, "Name")).as("reading is not refused").isEqualTo("replica-1");
                jmxRefusal = catchThrowable(() -> mbs.invoke(server, "syncAndRestart", new Object[] {"77"},
                        new String[] {"java.lang.String"}));
                assertThat(jmxRefusal).hasMessageContaining(refusal);
            }

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(replica.jolokiaUrl()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (ServerDir.ADMIN + ":" + ServerDir.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("X-Ripple-Cluster", "cluster-a").header("X-Ripple-Caller", "master")
                    .POST(HttpRequest.BodyPublishers.ofString(EXEC_SYNC)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).contains(refusal);
            String idB = (String) b.attribute("replica-1", SERVER, "ClusterId");
            assertThat(answer.body()).contains(refusal + idB + ".");
            assertThat(jmxRefusal.getMessage()).contains(refusal + idB + ".");

            assertThat(b.attribute("replica-1", SERVER, "BootId")).isEqualTo(bootBefore);
            assertThat(b.attribute("replica-1", SERVER, "LastRunId")).isNotEqualTo("77");
        }
    }

    @Test
    void aPinnedReplicaRefusesAnotherMasterOfTheSameNameUntilItsPinIsReset(@TempDir Path root) throws Exception {
        try (TestCluster a = new TestCluster(root.resolve("a"), 2)) {
            a.start();

            ServerDir masterB = otherMaster(root.resolve("b"), "http://127.0.0.1:9999");
            String confB = masterB.masterConf("cluster-id = cluster-b\n");
            try (NodeProcess b = NodeProcess.start(masterB, d -> confB)) {
                assertThat(attribute(masterB, SERVER, "ClusterId")).isEqualTo("cluster-b");
                for (String replica : List.of("replica-1", "replica-2")) {
                    boolean overJolokia = replica.equals("replica-2");
                    a.startReplica(replica, NodeProcess.SAMPLE_MAIN, List.of(), d -> d.replicaConf(masterB, overJolokia));

                    assertThat(a.attribute(replica, SERVER, "ConfigSource")).isEqualTo("last-known-good");
                    assertThat(a.service(replica).toString()).doesNotContain("9999");
                    String idA = (String) a.attribute("master", SERVER, "ClusterId");
                    assertThat(idA).isNotBlank();
                    assertThat(a.attribute(replica, SERVER, "ClusterId")).as("adopted at its first sync, kept").isEqualTo(idA);
                    assertThat(a.processes.get(replica).output()).contains("is the master 'master' of cluster cluster-b, "
                            + "but this replica is pinned to cluster " + idA + " (master 'master'): refused, nothing was applied.");
                    Throwable refused = catchThrowable(() -> a.invoke(replica, CONFIG_STORE, "sync", new Object[0], new String[0]));
                    assertThat(refused).hasMessageContaining("pinned to cluster " + idA);

                    Result reset = cli(root, overJolokia ? "jolokia" : "jmx", a.dir(replica), "server", "reset-pin");
                    assertThat(reset.code).as(reset.err).isZero();
                    assertThat(reset.out).contains("Pin reset on " + replica + " (was master 'master' of cluster " + idA + ")");
                    assertThat(a.processes.get(replica).output()).contains("Server resetClusterPin requested by admin");
                    assertThat(a.attribute(replica, SERVER, "ClusterId")).isEqualTo("");

                    a.invoke(replica, CONFIG_STORE, "sync", new Object[0], new String[0]);
                    assertThat(a.attribute(replica, SERVER, "ClusterId")).as("adopted B at its next sync").isEqualTo("cluster-b");
                    assertThat(a.attribute(replica, CONFIG_STORE, "Digest")).isEqualTo(attribute(masterB, CONFIG_STORE, "Digest"));
                }
            }
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(Path root, String transport, ServerDir server, String... command) throws Exception {
        Path password = root.resolve("admin.password");
        if (!Files.exists(password)) {
            Files.writeString(password, ServerDir.ADMIN_PASSWORD + "\n");
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        }
        List<String> args = new java.util.ArrayList<>(List.of("--" + transport,
                transport.equals("jmx") ? server.jmxUrl() : server.jolokiaUrl(),
                "--user", ServerDir.ADMIN, "--password-file", password.toString()));
        args.addAll(List.of(command));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RippleCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static Object attribute(ServerDir server, String mbean, String attribute) throws Exception {
        try (JMXConnector c = JmxClients.connect(server.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            return c.getMBeanServerConnection().getAttribute(new ObjectName(mbean), attribute);
        }
    }

    private static Object invoke(ServerDir server, String mbean, String operation) throws Exception {
        try (JMXConnector c = JmxClients.connect(server.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            return c.getMBeanServerConnection().invoke(new ObjectName(mbean), operation, new Object[0], new String[0]);
        }
    }

    private static JsonNode runOn(ServerDir master) throws Exception {
        try (JMXConnector c = JmxClients.connect(master.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName cluster = new ObjectName(CLUSTER);
            mbs.invoke(cluster, "restart", new Object[] {false}, new String[] {"boolean"});
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !(Boolean) mbs.getAttribute(cluster, "InProgress"));
            return JSON.readTree((String) mbs.invoke(cluster, "statusJson", new Object[0], new String[0]));
        }
    }
}
