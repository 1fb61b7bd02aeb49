package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.config.ConfigScanner;
import io.ripple.config.FaultPoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 items 5 and 7 on real processes. replica-1 hosts {@link TestHostMain} (which refuses to start, or never
 * becomes Ready, when its configuration says so) and is reached over JMX RMI; replica-2 hosts the sample server and is
 * reached over Jolokia. A replica whose server does not come up on a new version goes back to the version before it and
 * serves on it; while a replica pulls, the master's row for it shows SYNCING with the bytes done.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaRevertIT {

    static final int MASTER_MAX_WAIT_SECONDS = 40;
    /** replica-1 gives up on a server that never becomes Ready after this long, well before the master does. */
    static final int REPLICA_MAX_WAIT_SECONDS = 4;

    Path temp;
    TestCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path dir) {
        temp = dir;
        cluster = new TestCluster(temp, 2);
        cluster.maxWaitSeconds = MASTER_MAX_WAIT_SECONDS;
        cluster.mainClasses.put("replica-1", TestHostMain.class.getName());
        cluster.clusterEntries.put("replica-1", "max-wait-time = " + REPLICA_MAX_WAIT_SECONDS + "\n");
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void setMasterService(String entries) {
        cluster.master.writeConf(cluster.masterConf().replace("local-label = label of master\n",
                "local-label = label of master\n" + entries));
    }

    private static String state(JsonNode status, String server) {
        return row(status, server).get("state").asText();
    }

    private String digestOnDisk(String server) throws Exception {
        ServerDir dir = cluster.dir(server);
        return new ConfigScanner(dir.conf(), dir.dataDir()).scan().digest();
    }

    /** What replica-1 holds and serves before a run: the version a revert must come back to. */
    private record Held(long version, String digest, String bootId) {
    }

    private Held held(String replica) throws Exception {
        return new Held((Long) cluster.attribute(replica, CONFIG_STORE, "Version"),
                (String) cluster.attribute(replica, CONFIG_STORE, "Digest"), (String) cluster.attribute(replica, SERVER, "BootId"));
    }

    /** replica-1 is back on {@code before}: its files, its attributes, its server Ready and RUNNING. */
    private void assertServesAgain(Held before) throws Exception {
        assertThat(cluster.attribute("replica-1", SERVER, "State")).isEqualTo("RUNNING");
        assertThat(cluster.attribute("replica-1", SERVER, "Ready")).isEqualTo(true);
        assertThat(cluster.attribute("replica-1", SERVER, "BootId")).isNotEqualTo(before.bootId());
        assertThat(cluster.attribute("replica-1", SERVER, "LastRunOutcome")).isEqualTo("FAILED");
        assertThat(cluster.attribute("replica-1", CONFIG_STORE, "Version")).isEqualTo(before.version());
        assertThat(cluster.attribute("replica-1", CONFIG_STORE, "AppliedVersion")).isEqualTo(before.version());
        assertThat(cluster.attribute("replica-1", CONFIG_STORE, "Digest")).isEqualTo(before.digest());
        assertThat((String[]) cluster.attribute("replica-1", CONFIG_STORE, "DriftedFiles")).isEmpty();
        assertThat(digestOnDisk("replica-1")).isEqualTo(before.digest());
        assertThat(cluster.dir("replica-1").dataDir().resolve("apply-journal.json")).doesNotExist();
    }

    /** Item 5: a version replica-1's server refuses to start with; replica-1 goes back and serves, the next run retries. */
    @Test
    @Order(1)
    void aReplicaWhoseServerRefusesTheNewVersionRevertsAndServes() throws Exception {
        cluster.master.write("junctions/added.json", "{\"path\": \"/added\", \"backend\": \"http://127.0.0.1:9003\"}\n");
        JsonNode placed = cluster.runAndWait(false);
        assertThat(placed.get("state").asText()).as(placed.toString()).isEqualTo("COMPLETED");
        Held before = held("replica-1");

        // the bad version changes server.conf, replaces a file, adds one and removes one: all of it must be put back
        setMasterService("fail-start = yes\n");
        cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9101\"}\n");
        cluster.master.write("junctions/new.json", "{\"path\": \"/new\", \"backend\": \"http://127.0.0.1:9102\"}\n");
        Files.delete(cluster.master.dir.resolve("junctions/added.json"));
        JsonNode bad = cluster.runAndWait(false);

        assertThat(bad.get("state").asText()).isEqualTo("FAILED");
        JsonNode failed = row(bad, "replica-1");
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("detail").asText()).contains("refuses to start", "reverted to version " + before.version());
        assertThat(state(bad, "replica-2")).isEqualTo("RESTARTED");
        assertServesAgain(before);
        Path replicaDir = cluster.dir("replica-1").dir;
        assertThat(replicaDir.resolve("server.conf")).content().doesNotContain("fail-start");
        assertThat(replicaDir.resolve("junctions/app.json")).content().contains("9001");
        assertThat(replicaDir.resolve("junctions/added.json")).exists();
        assertThat(replicaDir.resolve("junctions/new.json")).doesNotExist();

        // the bad version is still the master's: the next run tries it again, and reverts again
        Held reverted = held("replica-1");
        JsonNode again = cluster.runAndWait(false);
        assertThat(row(again, "replica-1").get("detail").asText()).contains("refuses to start",
                "reverted to version " + before.version());
        assertServesAgain(new Held(before.version(), before.digest(), reverted.bootId()));

        setMasterService("");
        JsonNode good = cluster.runAndWait(false);
        assertThat(good.get("state").asText()).as(good.toString()).isEqualTo("COMPLETED");
        assertThat(state(good, "replica-1")).isEqualTo("RESTARTED");
        assertThat(cluster.attribute("replica-1", CONFIG_STORE, "Digest")).isEqualTo(cluster.attribute("master", CONFIG_STORE, "Digest"));
        assertThat(replicaDir.resolve("junctions/new.json")).exists();
        assertThat(replicaDir.resolve("junctions/added.json")).doesNotExist();
    }

    /** Item 5: a version on which replica-1's server starts but never becomes Ready; replica-1 goes back and serves. */
    @Test
    @Order(2)
    void aReplicaWhoseServerNeverBecomesReadyRevertsAndServes() throws Exception {
        Held before = held("replica-1");
        setMasterService("never-ready = yes\n");
        JsonNode bad = cluster.runAndWait(false);

        JsonNode failed = row(bad, "replica-1");
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("detail").asText()).contains("not Ready within max-wait-time",
                "reverted to version " + before.version());
        assertServesAgain(before);
        assertThat(cluster.dir("replica-1").conf()).content().doesNotContain("never-ready");

        setMasterService("");
        assertThat(cluster.runAndWait(false).get("state").asText()).isEqualTo("COMPLETED");
    }

    /** Item 5: when the version before does not start either, replica-1 says so, with both reasons, and stops trying. */
    @Test
    @Order(3)
    void aReplicaWhoseOldVersionFailsTooSaysSoWithBothReasons() throws Exception {
        Path blocker = temp.resolve("replica-1-refuses");
        setMasterService("fail-start-if-exists = " + blocker + "\n");
        assertThat(cluster.runAndWait(false).get("state").asText()).isEqualTo("COMPLETED");
        long before = (Long) cluster.attribute("replica-1", CONFIG_STORE, "Version");
        Files.writeString(blocker, "the old version cannot start either\n");
        setMasterService("fail-start-if-exists = " + blocker + "\nfail-start = yes\n");
        JsonNode bad = cluster.runAndWait(false);

        JsonNode failed = row(bad, "replica-1");
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("detail").asText()).contains("fail-start is set",
                "reverting to version " + before + " failed too", "exists: this host refuses to start");
        assertThat(cluster.attribute("replica-1", SERVER, "State")).isEqualTo("FAILED");
        assertThat(cluster.attribute("replica-1", SERVER, "LastRunOutcome")).isEqualTo("FAILED");

        Files.delete(blocker);
        setMasterService("");
        JsonNode good = cluster.runAndWait(false);
        assertThat(good.get("state").asText()).as(good.toString()).isEqualTo("COMPLETED");
        assertThat(cluster.attribute("replica-1", SERVER, "Ready")).isEqualTo(true);
    }

    /**
     * Item 7: both replicas held in the middle of a pull (replica-1 polled over JMX RMI, replica-2 over Jolokia): the
     * master's rows say SYNCING with the bytes done, read over JMX and over Jolokia. The replicas are killed after.
     */
    @Test
    @Order(4)
    void theRowOfAReplicaThatPullsIsSyncingWithTheBytesDone() throws Exception {
        Files.deleteIfExists(temp.resolve("replica-1-refuses"));
        for (String replica : cluster.replicas.keySet()) {
            cluster.startReplica(replica, cluster.mainClass(replica), List.of("-D" + FaultPoints.PAUSE_PROPERTY + "=" + FaultPoints.PULLING),
                    ServerDir::readConf);
        }
        // more than two chunks, so that the pull is held after its first
        cluster.master.write("banner.txt", "Welcome, large edition\n" + ("x".repeat(80) + "\n").repeat(30_000));
        cluster.invoke("master", CLUSTER, "restart", new Object[] {false}, new String[] {"boolean"});
        JolokiaHttp jolokia = new JolokiaHttp(cluster.master.jolokiaUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode overJmx = TestCluster.JSON.readTree((String) cluster.invoke("master", CLUSTER, "statusJson",
                        new Object[0], new String[0]));
                JolokiaHttp.Response response = jolokia.exec(CLUSTER, "statusJson");
                assertThat(response.status()).isEqualTo(200);
                JsonNode overJolokia = TestCluster.JSON.readTree(response.body().get("value").asText());
                for (JsonNode status : List.of(overJmx, overJolokia)) {
                    for (String replica : cluster.replicas.keySet()) {
                        JsonNode r = row(status, replica);
                        assertThat(r.get("state").asText()).as(replica + " in " + status).isEqualTo("SYNCING");
                        assertThat(r.get("detail").asText()).as(replica).startsWith("syncing").contains(" of ", "bytes");
                    }
                }
            });
        } finally {
            cluster.replicas.keySet().forEach(cluster::kill);
        }
    }
}
