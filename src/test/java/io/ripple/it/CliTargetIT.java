package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ripple.it.RippleTool.Result;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ripple --conf} acts on the server the file describes, as the person who asked (issue 18, items 1 to 3),
 * against a real master and two replicas: server commands go to the file's own server and cluster commands to its
 * master; a state-changing command from a server.conf needs a person's login or {@code --as-cluster-account}, and the
 * server's audit line names who asked; {@code --jmx HOST:PORT} connects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTargetIT {

    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> NO_LOGIN = Map.of();

    TestCluster cluster;
    Path adminPassword;

    @BeforeAll
    void startCluster(@TempDir Path temp) throws IOException {
        adminPassword = temp.resolve("admin.password");
        Files.writeString(adminPassword, ServerDir.ADMIN_PASSWORD + "\n");
        Files.setPosixFilePermissions(adminPassword, PosixFilePermissions.fromString("rw-------"));
        cluster = new TestCluster(temp.resolve("cluster"), 2);
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Result ripple(Map<String, String> environment, String... args) {
        return RippleTool.inProcess(environment, args);
    }

    private Map<String, String> adminLogin() {
        return Map.of("RIPPLE_USER", ServerDir.ADMIN, "RIPPLE_PASSWORD_FILE", adminPassword.toString());
    }

    private String conf(String server) {
        return cluster.dir(server).conf().toString();
    }

    private String bootId(String server) throws Exception {
        return (String) cluster.attribute(server, TestCluster.SERVER, "BootId");
    }

    private void awaitRestarted(String server, String bootIdBefore) {
        await().atMost(RESTART_TIMEOUT).until(() -> !bootIdBefore.equals(bootId(server))
                && "RUNNING".equals(cluster.attribute(server, TestCluster.SERVER, "State")));
    }

    private void awaitAuditLine(String server, String line) {
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.processes.get(server).output().contains(line));
    }

    @Test
    @Order(1)
    void serverInfoWithAReplicasConfShowsThatReplica() throws Exception {
        for (String replica : new String[] {"replica-1", "replica-2"}) {
            Result text = ripple(NO_LOGIN, "--conf", conf(replica), "server", "info");
            assertThat(text.exitCode()).as(text.all()).isZero();
            assertThat(text.out()).containsPattern("Name:\\s+" + replica + "\n").containsPattern("Role:\\s+replica");

            Result json = ripple(NO_LOGIN, "--conf", conf(replica), "--json", "server", "info");
            assertThat(json.exitCode()).as(json.all()).isZero();
            JsonNode info = TestCluster.JSON.readTree(json.out());
            assertThat(info.at("/server/Name").asText()).isEqualTo(replica);
            assertThat(info.get("url").asText()).isEqualTo(cluster.dir(replica).jmxUrl());
        }
    }

    @Test
    @Order(2)
    void clusterCommandsWithAReplicasConfGoToItsMaster() {
        Result r = ripple(NO_LOGIN, "--conf", conf("replica-2"), "--json", "cluster", "status");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("\"runId\"");
    }

    @Test
    @Order(3)
    void aStateChangeWithTheClusterAccountIsRefusedAndNothingRestarts() throws Exception {
        Map<String, String> before = cluster.bootIds();
        Result restart = ripple(NO_LOGIN, "--conf", conf("replica-1"), "server", "restart");
        assertThat(restart.exitCode()).as(restart.all()).isEqualTo(2);
        assertThat(restart.err().strip()).isEqualTo("ripple: RPL5007E 'server restart' changes state: log in as yourself with --user NAME"
                + " --password-file FILE (or RIPPLE_USER and RIPPLE_PASSWORD_FILE), or add --as-cluster-account to act as"
                + " the cluster account of " + conf("replica-1") + ".");

        Result run = ripple(NO_LOGIN, "--conf", conf("master"), "cluster", "restart");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("'cluster restart' changes state");
        assertThat(cluster.attribute("master", TestCluster.CLUSTER, "StatusMessage"))
                .isEqualTo("No cluster restart has been requested.");
        assertThat(cluster.bootIds()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void serverRestartWithAReplicasConfRestartsThatReplicaAsThePerson() throws Exception {
        Map<String, String> before = cluster.bootIds();
        Result r = ripple(adminLogin(), "--conf", conf("replica-1"), "server", "restart");
        assertThat(r.exitCode()).as(r.all()).isZero();
        awaitRestarted("replica-1", before.get("replica-1"));
        assertThat(bootId("master")).as("the master is not restarted").isEqualTo(before.get("master"));
        assertThat(bootId("replica-2")).isEqualTo(before.get("replica-2"));
        awaitAuditLine("replica-1", "Audit - RPL4001I Server restart requested by admin (jmx 127.0.0.1)\n");
        assertThat(cluster.attribute("replica-1", TestCluster.SERVER, "LastRestartReason"))
                .isEqualTo("restart requested by admin (jmx 127.0.0.1)");
    }

    @Test
    @Order(5)
    void theClusterAccountTakesTheFlagAndTheAuditLineSaysSo() throws Exception {
        String before = bootId("replica-1");
        Result r = ripple(NO_LOGIN, "--conf", conf("replica-1"), "--as-cluster-account", "server", "restart");
        assertThat(r.exitCode()).as(r.all()).isZero();
        awaitRestarted("replica-1", before);
        awaitAuditLine("replica-1", "Audit - RPL4001I Server restart requested by ripple (jmx 127.0.0.1, cluster account via ripple CLI)\n");

        Result sync = ripple(NO_LOGIN, "--conf", conf("replica-2"), "--jolokia", cluster.dir("replica-2").jolokiaUrl(),
                "--as-cluster-account", "server", "sync");
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        awaitAuditLine("replica-2", "Audit - RPL4001I ConfigStore sync requested by ripple (jolokia 127.0.0.1, cluster account via ripple CLI)\n");
    }

    @Test
    @Order(6)
    void aClusterRestartFromTheMastersConfIsRecordedAsThePerson() throws Exception {
        Result r = ripple(adminLogin(), "--conf", conf("master"), "--json", "cluster", "restart", "--wait");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode status = TestCluster.JSON.readTree((String) cluster.invoke("master", TestCluster.CLUSTER, "statusJson",
                new Object[0], new String[0]));
        assertThat(status.get("requestedBy").asText()).isEqualTo("admin (jmx 127.0.0.1)");
        awaitAuditLine("master", "Audit - RPL4001I Cluster restart (parallel) requested by admin (jmx 127.0.0.1)\n");
    }

    @Test
    @Order(7)
    void jmxTakesHostAndPortAsJconsoleDoes() {
        Result r = ripple(NO_LOGIN, "--jmx", "127.0.0.1:" + cluster.master.jmxPort, "--user", ServerDir.ADMIN,
                "--password-file", adminPassword.toString(), "server", "info");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Server at " + cluster.master.jmxUrl()).containsPattern("Name:\\s+master\n");
    }
}
