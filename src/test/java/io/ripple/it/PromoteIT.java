package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cluster.RunStarted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion (issue 21) on real processes: a master and two replicas, replica-1 reached over JMX RMI and replica-2 over
 * Jolokia. {@code ripple server promote} makes a replica the master of the next term without restarting anything; the
 * members it reaches follow it in place (same process, same boot id) and keep it across restarts; a master of the
 * older term is refused.
 */
class PromoteIT {

    @Test
    void aPromotedReplicaLeadsTheClusterAndTheOtherReplicaFollowsItInPlace(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            Logins logins = new Logins(root);
            long version = (Long) cluster.attribute("master", CONFIG_STORE, "Version");
            String digest = (String) cluster.attribute("master", CONFIG_STORE, "Digest");

            // a readonly user may not promote
            RippleTool.Result readonly = logins.monitor("--jmx", cluster.dir("replica-1").jmxUrl(), "server", "promote");
            assertThat(readonly.exitCode()).as(readonly.all()).isEqualTo(3);
            assertThat(readonly.err()).contains("User monitor is not allowed to call promote on ripple:type=Server");
            assertThat(cluster.attribute("replica-1", SERVER, "Role")).isEqualTo("replica");

            long pid1 = cluster.processes.get("replica-1").pid();
            long pid2 = cluster.processes.get("replica-2").pid();
            String boot1 = (String) cluster.attribute("replica-1", SERVER, "BootId");
            String boot2 = (String) cluster.attribute("replica-2", SERVER, "BootId");
            cluster.kill("master");

            RippleTool.Result promoted = logins.admin("--jmx", cluster.dir("replica-1").jmxUrl(), "server", "promote");

            assertThat(promoted.exitCode()).as(promoted.all()).isZero();
            assertThat(promoted.out()).startsWith("replica-1 is the master of term 2 now (was a replica of 'master';"
                    + " configuration version " + (version + 1) + " published, digest " + digest.substring(0, 12) + "): told"
                    + " replica-2; not reached: master (");
            assertThat(cluster.attribute("replica-1", SERVER, "Role")).isEqualTo("master");
            assertThat(cluster.attribute("replica-1", SERVER, "Term")).isEqualTo(2L);
            assertThat(cluster.attribute("replica-1", SERVER, "MasterSource")).isEqualTo("data-dir/cluster-master (term 2)");
            assertThat(cluster.attribute("replica-1", CONFIG_STORE, "Digest")).as("same digest").isEqualTo(digest);
            assertThat(Files.readString(cluster.dir("replica-1").dataDir().resolve("cluster-master")))
                    .isEqualTo("master = replica-1\nurl = " + cluster.dir("replica-1").jmxUrl() + "\nterm = 2\n");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(cluster.attribute("replica-2", SERVER, "MasterName")).isEqualTo("replica-1");
                assertThat(cluster.attribute("replica-2", SERVER, "ConfigSource")).isEqualTo("master");
                assertThat(cluster.attribute("replica-2", CONFIG_STORE, "Version")).isEqualTo(version + 1);
            });
            assertThat(cluster.attribute("replica-2", SERVER, "Term")).isEqualTo(2L);
            assertThat(cluster.attribute("replica-2", SERVER, "MasterSource")).isEqualTo("data-dir/cluster-master (term 2)");
            // nothing restarted: the same processes, the same hosted servers
            assertThat(cluster.processes.get("replica-1").pid()).isEqualTo(pid1);
            assertThat(cluster.processes.get("replica-2").pid()).isEqualTo(pid2);
            assertThat(cluster.processes.get("replica-1").isAlive()).isTrue();
            assertThat(cluster.processes.get("replica-2").isAlive()).isTrue();
            assertThat(cluster.attribute("replica-1", SERVER, "BootId")).isEqualTo(boot1);
            assertThat(cluster.attribute("replica-2", SERVER, "BootId")).isEqualTo(boot2);

            // the old master comes back from its server.conf (term 1): its run changes nothing on the replicas
            cluster.startMaster();
            RippleTool.Result oldRun = logins.admin("--jmx", cluster.master.jmxUrl(), "cluster", "restart", "--wait");
            assertThat(oldRun.exitCode()).as(oldRun.all()).isNotZero();
            assertThat(cluster.attribute("replica-2", SERVER, "BootId")).isEqualTo(boot2);
            assertThat(cluster.attribute("replica-2", SERVER, "Term")).isEqualTo(2L);
            assertThat(cluster.attribute("replica-2", SERVER, "MasterName")).isEqualTo("replica-1");

            // a change published by the new master reaches replica-2 in a cluster restart from replica-1
            cluster.dir("replica-1").write("banner.txt", "Published by replica-1\n");
            JsonNode run = runAndWait(cluster, "replica-1");
            assertThat(row(run, "replica-2").get("state").asText()).as(run.toString()).isEqualTo("RESTARTED");
            assertThat(cluster.service("replica-2").toString()).contains("Published by replica-1");

            // a restart keeps the new master: the record overrides server.conf
            cluster.stop("replica-2");
            cluster.startReplica("replica-2");
            assertThat(cluster.attribute("replica-2", SERVER, "MasterName")).isEqualTo("replica-1");
            assertThat(cluster.attribute("replica-2", SERVER, "ConfigSource")).isEqualTo("master");
            assertThat(cluster.processes.get("replica-2").output()).contains("server.conf names master 'master';"
                    + " data-dir/cluster-master (term 2) overrides it: master 'replica-1' at " + cluster.dir("replica-1").jmxUrl());
        }
    }

    @Test
    void aStaleReplicaIsRefusedAndForcedPromotionMakesTheOldMasterFollowIt(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.clusterEntries.put("replica-2", "max-sync-files = 4\n");
            cluster.start();
            Logins logins = new Logins(root);
            // replica-2 sees version 2 and cannot take it: more files than its max-sync-files
            for (int i = 0; i < 4; i++) {
                cluster.master.write("junctions/more-" + i + ".json", "{\"path\": \"/more" + i + "\", \"backend\": \"http://127.0.0.1:9001\"}\n");
            }
            assertThat(cluster.invoke("master", CONFIG_STORE, "refresh", new Object[0], new String[0])).isEqualTo(2L);
            RippleTool.Result sync = logins.admin("--jolokia", cluster.dir("replica-2").jolokiaUrl(), "server", "sync");
            assertThat(sync.exitCode()).as(sync.all()).isNotZero();
            long masterPid = cluster.processes.get("master").pid();
            String masterBoot = (String) cluster.attribute("master", SERVER, "BootId");
            cluster.invoke("replica-1", CONFIG_STORE, "sync", new Object[0], new String[0]);
            assertThat(cluster.attribute("replica-1", CONFIG_STORE, "Version")).as("replica-1 took version 2").isEqualTo(2L);
            String replica1Boot = (String) cluster.attribute("replica-1", SERVER, "BootId");

            RippleTool.Result refused = logins.admin("--jolokia", cluster.dir("replica-2").jolokiaUrl(), "server", "promote");

            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).contains("RPL4016E Promotion of replica-2 refused: it holds version 1, not version 2 it"
                    + " saw from master 'master'. Sync it first, or promote with --force.\n");
            assertThat(cluster.attribute("replica-2", SERVER, "Role")).isEqualTo("replica");
            assertThat(cluster.attribute("replica-2", SERVER, "Term")).isEqualTo(1L);

            RippleTool.Result forced = logins.admin("--jolokia", cluster.dir("replica-2").jolokiaUrl(), "server", "promote",
                    "--force");

            assertThat(forced.exitCode()).as(forced.all()).isZero();
            assertThat(forced.out()).startsWith("replica-2 is the master of term 2 now (was a replica of 'master';"
                    + " configuration version 3 published").contains("told master, replica-1; every member was reached.");
            // the old master, alive, follows it in place
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(cluster.attribute("master", SERVER, "Role")).isEqualTo("replica");
                assertThat(cluster.attribute("master", SERVER, "MasterName")).isEqualTo("replica-2");
                assertThat(cluster.attribute("replica-1", SERVER, "MasterName")).isEqualTo("replica-2");
            });
            assertThat(cluster.attribute("master", SERVER, "Term")).isEqualTo(2L);
            assertThat(cluster.processes.get("master").pid()).isEqualTo(masterPid);
            assertThat(cluster.attribute("master", SERVER, "BootId")).isEqualTo(masterBoot);
            assertThat(cluster.processes.get("master").output()).contains("RPL4017W Following master 'replica-2' of term 2");
            // replica-1 holds version 2, not what replica-2 published: nothing is applied under its running server
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(cluster.processes.get("replica-1").output()).contains("which this replica does not hold: the next"
                            + " run applies it"));
            assertThat(cluster.attribute("replica-1", CONFIG_STORE, "Version")).isEqualTo(2L);
            assertThat(cluster.attribute("replica-1", SERVER, "BootId")).isEqualTo(replica1Boot);
        }
    }

    @Test
    void aForgedPromotionIsRefusedAndPeopleMayNotCallTheServerOnlyOperation(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            String clusterId = (String) cluster.attribute("replica-2", SERVER, "ClusterId");
            ObjectName failover = new ObjectName("ripple:type=Failover");
            Object[] args = {"replica-1", 5L};
            String[] signature = {"java.lang.String", "long"};

            // a person, even readwrite, is refused
            Throwable person = catchThrowable(() -> cluster.invoke("replica-2", "ripple:type=Failover", "masterPromoted",
                    args, signature));
            assertThat(person).isInstanceOf(MBeanException.class);
            assertThat(((MBeanException) person).getTargetException().getMessage()).isEqualTo("Refused masterPromoted from"
                    + " admin: ripple:type=Failover takes calls between Ripple servers only. People use ripple:type=Server"
                    + " promote.");

            // whoever holds the cluster account claims to be replica-1 of term 5: replica-1 at its URL says otherwise
            Map<String, Object> env = new HashMap<>();
            env.put(JMXConnector.CREDENTIALS, new String[] {ServerDir.CLUSTER_USER, ServerDir.CLUSTER_PASSWORD, clusterId,
                    "replica-1", "5"});
            try (JMXConnector forged = JMXConnectorFactory.connect(new JMXServiceURL(cluster.dir("replica-2").jmxUrl()), env)) {
                Throwable refused = catchThrowable(() -> forged.getMBeanServerConnection().invoke(failover, "masterPromoted",
                        args, signature));
                assertThat(refused).isInstanceOf(MBeanException.class);
                assertThat(((MBeanException) refused).getTargetException().getMessage()).startsWith("RPL4018E Refused"
                        + " masterPromoted from 'replica-1' of term 5: the server at " + cluster.dir("replica-1").jmxUrl()
                        + " is replica 'replica-1' of term 1, not the master of term 5.");
            }
            assertThat(cluster.attribute("replica-2", SERVER, "MasterName")).isEqualTo("master");
            assertThat(cluster.attribute("replica-2", SERVER, "MasterSource")).isEqualTo("server.conf");
            assertThat(cluster.dir("replica-2").dataDir().resolve("cluster-master")).doesNotExist();
        }
    }

    /** Starts a cluster restart on {@code master} over JMX and waits for its end; returns the run's status JSON. */
    private static JsonNode runAndWait(TestCluster cluster, String master) throws Exception {
        try (JMXConnector c = cluster.jmx(master)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(CLUSTER);
            String runId = RunStarted.runId((String) mbs.invoke(name, "restart", new Object[] {false}, new String[] {"boolean"}))
                    .orElseThrow();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    !(Boolean) mbs.getAttribute(name, "InProgress"));
            JsonNode status = TestCluster.JSON.readTree((String) mbs.invoke(name, "statusJson", new Object[0], new String[0]));
            assertThat(status.get("runId").asText()).isEqualTo(runId);
            return status;
        }
    }

    /** The CLI logged in as a person: admin (readwrite) or monitor (readonly). */
    private record Logins(Path admin, Path monitor) {
        Logins(Path root) throws Exception {
            this(password(root, "admin.password", ServerDir.ADMIN_PASSWORD), password(root, "monitor.password", ServerDir.MONITOR_PASSWORD));
        }

        private static Path password(Path root, String file, String password) throws Exception {
            Path p = root.resolve(file);
            Files.writeString(p, password + "\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            return p;
        }

        RippleTool.Result admin(String... args) {
            return run(ServerDir.ADMIN, admin, args);
        }

        RippleTool.Result monitor(String... args) {
            return run(ServerDir.MONITOR, monitor, args);
        }

        private static RippleTool.Result run(String user, Path passwordFile, String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--user", user, "--password-file", passwordFile.toString()));
            return RippleTool.inProcess(all.toArray(String[]::new));
        }
    }
}
