package io.ripple.it;

import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.junctionPaths;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master failover (issue 21) end to end on real processes, mixed transports (the master reaches replica-2 over
 * Jolokia, the others over JMX RMI; a promoted replica-1 reaches each member at the URL the membership gives): who
 * learns the new master when. A member told at the promotion follows at once; a replica that was down asks its
 * members at its start; the old master asks them too and steps down; a replica that was not told learns it from the
 * new master's next run.
 */
class FailoverScenarioIT {

    private static final String NEW_JUNCTION = "{\"path\": \"/promoted\", \"backend\": \"http://127.0.0.1:9003\"}\n";

    @Test
    void aLostMasterIsReplacedByAPromotionAndTheWholeClusterFollows(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3)) {
            cluster.start();
            Path admin = password(root, "admin.password", ServerDir.ADMIN_PASSWORD);
            String r1 = cluster.dir("replica-1").jmxUrl();
            // replica-3 is down during the promotion; the master is lost for good
            cluster.stop("replica-3");
            cluster.kill("master");

            RippleTool.Result promote = RippleTool.inProcess("--jmx", r1, "--user", ServerDir.ADMIN, "--password-file",
                    admin.toString(), "server", "promote");

            assertThat(promote.exitCode()).as(promote.all()).isZero();
            assertThat(cluster.attribute("replica-1", SERVER, "Role")).isEqualTo("master");
            assertThat(cluster.attribute("replica-1", SERVER, "Term")).isEqualTo(2L);
            assertThat(cluster.attribute("replica-2", SERVER, "MasterName")).as("told at the promotion").isEqualTo("replica-1");

            // replica-3 starts: it asks its members, finds the new master, and syncs from it
            cluster.startReplica("replica-3");
            assertThat(cluster.attribute("replica-3", SERVER, "MasterName")).isEqualTo("replica-1");
            assertThat(cluster.attribute("replica-3", SERVER, "Term")).isEqualTo(2L);
            assertThat(cluster.attribute("replica-3", SERVER, "ConfigSource")).isEqualTo("master");
            assertThat(cluster.processes.get("replica-3").output())
                    .contains("Following master 'replica-1' of term 2 at " + r1);

            // a cluster restart from replica-1 reaches replica-2 (Jolokia) and replica-3 (JMX)
            cluster.dir("replica-1").write("junctions/promoted.json", NEW_JUNCTION);
            RippleTool.Result run = RippleTool.inProcess("--jmx", r1, "--user", ServerDir.ADMIN, "--password-file",
                    admin.toString(), "cluster", "restart", "--wait", "--json");
            JsonNode status = TestCluster.JSON.readTree(run.out());
            for (String replica : new String[] {"replica-2", "replica-3"}) {
                assertThat(row(status, replica).get("state").asText()).as(run.all()).isEqualTo("RESTARTED");
                assertThat(junctionPaths(cluster.service(replica))).as(replica).contains("/promoted");
            }

            // the old master comes back: it asks its replicas, steps down without publishing, and syncs from replica-1
            cluster.startMaster();
            assertThat(cluster.processes.get("master").output()).contains("Stepped down: replica-1 holds term 2")
                    .doesNotContain("published");
            assertThat(cluster.attribute("master", SERVER, "Role")).isEqualTo("replica");
            assertThat(cluster.attribute("master", SERVER, "MasterName")).isEqualTo("replica-1");
            assertThat((String) cluster.attribute("master", SERVER, "MasterSource")).contains("stepped down");
            assertThat(junctionPaths(cluster.service("master"))).contains("/promoted");
            RippleTool.Result check = RippleTool.inProcess("--jmx", cluster.master.jmxUrl(), "--user", ServerDir.ADMIN,
                    "--password-file", admin.toString(), "check");
            assertThat(check.exitCode()).as(check.all()).isEqualTo(1);
            assertThat(check.out()).startsWith("RIPPLE WARNING - 'master' stepped down: it is a replica of 'replica-1'");
        }
    }

    @Test
    void aReplicaThatWasNotToldFollowsTheNewMasterAtItsNextRunAndRefusesAnUnknownName(@TempDir Path root)
            throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            String clusterId = (String) cluster.attribute("master", SERVER, "ClusterId");
            // replica-1 becomes the master of term 2 while replica-2 hears nothing of it (as when the promotion's
            // notice did not reach it): its durable master record names itself
            cluster.kill("master");
            cluster.stop("replica-1");
            Path data = cluster.dir("replica-1").dataDir();
            Files.writeString(data.resolve("cluster-term"), "term = 2\n", StandardCharsets.UTF_8);
            Files.writeString(data.resolve("cluster-master"), "master = replica-1\nurl = " + cluster.dir("replica-1").jmxUrl()
                    + "\nterm = 2\n", StandardCharsets.UTF_8);
            cluster.startReplica("replica-1");
            assertThat(cluster.attribute("replica-1", SERVER, "Role")).isEqualTo("master");
            assertThat(cluster.attribute("replica-2", SERVER, "MasterName")).isEqualTo("master");

            // a server that is no member, of this cluster and with its password, claims a newer term: refused
            assertThatThrownBy(() -> syncAndRestartAs(cluster.dir("replica-2").jmxUrl(), clusterId, "intruder", 5))
                    .hasMessageContaining("Refused syncAndRestartUntil from 'intruder' of term 5: 'intruder' is not a"
                            + " member of the cluster as replica-2 knows it");
            assertThat(cluster.attribute("replica-2", SERVER, "Term")).as("not recorded").isEqualTo(1L);

            // replica-1's run: replica-2 re-points to it (the URL its membership gives) and its turn proceeds
            cluster.dir("replica-1").write("junctions/promoted.json", NEW_JUNCTION);
            JsonNode run = runOn(cluster, "replica-1");

            assertThat(row(run, "replica-2").get("state").asText()).as(run.toString()).isEqualTo("RESTARTED");
            assertThat(junctionPaths(cluster.service("replica-2"))).contains("/promoted");
            assertThat(cluster.attribute("replica-2", SERVER, "MasterName")).isEqualTo("replica-1");
            assertThat(cluster.attribute("replica-2", SERVER, "Term")).isEqualTo(2L);
            assertThat(Files.readString(cluster.dir("replica-2").dataDir().resolve("cluster-master")))
                    .contains("master = replica-1").contains("term = 2");
            assertThat(cluster.processes.get("replica-2").output()).contains("Following master 'replica-1' of term 2");
        }
    }

    /** Server.syncAndRestartUntil on {@code url} over JMX, with the claim of a server called {@code caller}. */
    private static Object syncAndRestartAs(String url, String clusterId, String caller, long term) throws Exception {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {ServerDir.CLUSTER_USER, ServerDir.CLUSTER_PASSWORD, clusterId,
                caller, Long.toString(term)});
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(url), env)) {
            return c.getMBeanServerConnection().invoke(new ObjectName(SERVER), "syncAndRestartUntil",
                    new Object[] {"77", System.currentTimeMillis() + 60_000}, new String[] {"java.lang.String", "long"});
        }
    }

    /** A cluster restart on {@code master} over JMX, waited for; its status JSON. */
    private static JsonNode runOn(TestCluster cluster, String master) throws Exception {
        try (JMXConnector c = cluster.jmx(master)) {
            var mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(TestCluster.CLUSTER);
            mbs.invoke(name, "restart", new Object[] {false}, new String[] {"boolean"});
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> !(Boolean) mbs.getAttribute(name, "InProgress"));
            return TestCluster.JSON.readTree((String) mbs.invoke(name, "statusJson", new Object[0], new String[0]));
        }
    }

    private static Path password(Path root, String name, String password) throws Exception {
        Path file = root.resolve(name);
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
