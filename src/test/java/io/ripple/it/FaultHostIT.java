package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.config.ConfigScanner;
import io.ripple.util.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of a replica's host and disk, on real processes: replica-1 hosts {@link TestHostMain} (which hangs or refuses
 * to start when its configuration says so), replica-2 the sample server with its data-dir on a small tmpfs. The master
 * waits {@value #MASTER_MAX_WAIT_SECONDS} s for each replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultHostIT {

    static final int MASTER_MAX_WAIT_SECONDS = 6;
    /** replica-1 waits for its own host longer than the master waits for it, so that the master's deadline decides. */
    static final int REPLICA_MAX_WAIT_SECONDS = 12;
    static final String TMPFS_SIZE = "1m";

    TestCluster cluster;
    SmallDisk disk;
    Path tmpfs;
    String mountRefusal;

    @BeforeAll
    void startCluster(@TempDir Path temp) throws Exception {
        cluster = new TestCluster(temp, 2);
        cluster.maxWaitSeconds = MASTER_MAX_WAIT_SECONDS;
        cluster.mainClasses.put("replica-1", TestHostMain.class.getName());
        cluster.clusterEntries.put("replica-1", "max-wait-time = " + REPLICA_MAX_WAIT_SECONDS + "\n");
        Path dataDir = cluster.dir("replica-2").dataDir();
        disk = SmallDisk.tryMount(dataDir, TMPFS_SIZE);
        mountRefusal = disk.refusal();
        if (disk.mounted()) {
            tmpfs = dataDir;
        }
        cluster.start();
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    private JsonNode runAndWait() throws Exception {
        return cluster.runAndWait(false);
    }

    private static String state(JsonNode status, String server) {
        return row(status, server).get("state").asText();
    }

    private void setMasterService(String entries) {
        String conf = cluster.masterConf().replace("local-label = label of master\n", "local-label = label of master\n" + entries);
        cluster.master.writeConf(conf);
    }

    private String digestOnDisk(String server) throws Exception {
        ServerDir dir = cluster.dir(server);
        return new ConfigScanner(dir.conf(), dir.dataDir()).scan().digest();
    }

    /** Fault 4: replica-1's server starts with the new configuration and never becomes Ready. */
    @Test
    @Order(1)
    void aReplicaWhoseServerHangsTimesOutAfterMaxWaitTime() throws Exception {
        setMasterService("never-ready = yes\n");
        Instant start = Instant.now();
        JsonNode status = runAndWait();
        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        assertThat(status.get("message").asText()).contains("replica-1 TIMED_OUT");
        JsonNode hung = row(status, "replica-1");
        assertThat(hung.get("state").asText()).isEqualTo("TIMED_OUT");
        assertThat(hung.get("detail").asText()).contains("max-wait-time " + MASTER_MAX_WAIT_SECONDS + " s")
                .contains("RESTARTING");
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(MASTER_MAX_WAIT_SECONDS));
        assertThat(state(status, "replica-2")).isEqualTo("RESTARTED");
        assertThat(state(status, "master")).isEqualTo("SKIPPED");
        assertThat(cluster.attribute("replica-1", SERVER, "Ready")).isEqualTo(false);
        // replica-1 gives up on its own deadline too, later, and says why
        await().atMost(Duration.ofSeconds(REPLICA_MAX_WAIT_SECONDS + 10)).pollInterval(Duration.ofMillis(200))
                .until(() -> "FAILED".equals(cluster.attribute("replica-1", SERVER, "LastRunOutcome")));
        assertThat((String) cluster.attribute("replica-1", SERVER, "LastRunDetail")).contains("not Ready within max-wait-time");
    }

    /**
     * Fault 13: a configuration the master accepts but replica-1's server refuses to start with; the administrator
     * corrects the master and the next run converges every server, replica-1 included.
     */
    @Test
    @Order(2)
    void aBadConfigurationCorrectedOnTheMasterConvergesOnTheNextRun() throws Exception {
        setMasterService("fail-start = yes\n");
        JsonNode bad = runAndWait();
        assertThat(bad.get("state").asText()).isEqualTo("FAILED");
        assertThat(state(bad, "replica-1")).isEqualTo("FAILED");
        assertThat(row(bad, "replica-1").get("detail").asText()).contains("refuses to start", "reverted to version");
        // back on the version before, serving (issue 16 item 5; ReplicaRevertIT has the details)
        assertThat(cluster.attribute("replica-1", SERVER, "State")).isEqualTo("RUNNING");
        assertThat(state(bad, "replica-2")).isEqualTo("RESTARTED");

        setMasterService("");
        JsonNode good = runAndWait();
        assertThat(good.get("state").asText()).as(good.toString()).isEqualTo("COMPLETED");
        // the corrected version is the content replica-1 went back to: it takes the number without a restart
        assertThat(state(good, "replica-1")).isIn("RESTARTED", "UP_TO_DATE");
        assertThat(state(good, "replica-2")).isEqualTo("RESTARTED");
        assertThat(state(good, "master")).isIn("RESTARTED", "UP_TO_DATE");
        String digest = (String) cluster.attribute("master", CONFIG_STORE, "Digest");
        for (String replica : cluster.replicas.keySet()) {
            assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest")).as(replica).isEqualTo(digest);
            assertThat(cluster.attribute(replica, SERVER, "Ready")).as(replica).isEqualTo(true);
            assertThat(cluster.attribute(replica, SERVER, "State")).as(replica).isEqualTo("RUNNING");
        }
    }

    /** Fault 9: replica-2's file system cannot hold a large file: refused before it is fetched. */
    @Test
    @Order(3)
    void aFullDiskWhileStagingFailsTheRowAndLeavesTheOldConfiguration() throws Exception {
        Assumptions.assumeTrue(tmpfs != null, "cannot mount a small tmpfs on the replica's data-dir here ("
                + mountRefusal + "); the disk-full fault needs one");
        Path replicaDir = cluster.dir("replica-2").dir;
        String oldDigest = digestOnDisk("replica-2");
        String oldBanner = Files.readString(replicaDir.resolve("banner.txt"));
        cluster.master.write("banner.txt", "Welcome, larger than the disk\n" + ("y".repeat(99) + "\n").repeat(30_000));
        JsonNode status = runAndWait();
        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        JsonNode full = row(status, "replica-2");
        assertThat(full.get("state").asText()).isEqualTo("FAILED");
        assertThat(full.get("detail").asText()).contains("Not enough space for version", "Nothing was applied");
        assertThat(state(status, "replica-1")).isEqualTo("RESTARTED");

        assertThat(digestOnDisk("replica-2")).isEqualTo(oldDigest);
        assertThat(Files.readString(replicaDir.resolve("banner.txt"))).isEqualTo(oldBanner);
        assertThat(tmpfs.resolve("staging")).doesNotExist();
        assertThat(tmpfs.resolve("apply-journal.json")).doesNotExist();
        assertThat(cluster.attribute("replica-2", SERVER, "Ready")).isEqualTo(true);
        assertThat(cluster.attribute("replica-2", CONFIG_STORE, "Digest")).isEqualTo(oldDigest);

        cluster.master.write("banner.txt", "Welcome back\n");
        JsonNode after = runAndWait();
        assertThat(after.get("state").asText()).as(after.toString()).isEqualTo("COMPLETED");
        assertThat(digestOnDisk("replica-2")).isEqualTo(cluster.attribute("master", CONFIG_STORE, "Digest"));
    }

    /**
     * Fault 15: the staging fits on replica-2's disk but the backups of what it replaces would not. The sync is refused
     * before the first byte is fetched: never a mixture of versions (before: a new banner and app.json beside the old
     * large junction, a digest of no published version, and an apply journal that could not finish).
     */
    @Test
    @Order(4)
    void aVersionWhoseBackupsWouldNotFitIsRefusedBeforeAnythingChanges() throws Exception {
        Assumptions.assumeTrue(tmpfs != null, "cannot mount a small tmpfs on the replica's data-dir here ("
                + mountRefusal + "); the disk-full fault needs one");
        Path replicaDir = cluster.dir("replica-2").dir;
        cluster.master.write("junctions/zz-big.json", largeJunction('a'));
        JsonNode placed = runAndWait();
        assertThat(placed.get("state").asText()).as(placed.toString()).isEqualTo("COMPLETED");
        String oldDigest = digestOnDisk("replica-2");
        Map<String, String> before = Map.of(
                "banner.txt", Files.readString(replicaDir.resolve("banner.txt")),
                "junctions/app.json", Files.readString(replicaDir.resolve("junctions/app.json")),
                "junctions/zz-big.json", Files.readString(replicaDir.resolve("junctions/zz-big.json")));

        cluster.master.write("banner.txt", "A new banner\n");
        cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9300\"}\n");
        cluster.master.write("junctions/zz-big.json", largeJunction('b'));
        JsonNode status = runAndWait();

        JsonNode full = row(status, "replica-2");
        assertThat(full.get("state").asText()).isEqualTo("FAILED");
        assertThat(full.get("detail").asText()).contains("Not enough space for version", "bytes needed for staging and backups");
        assertThat(state(status, "replica-1")).isEqualTo("RESTARTED");
        for (Map.Entry<String, String> file : before.entrySet()) {
            assertThat(replicaDir.resolve(file.getKey())).as(file.getKey()).content().isEqualTo(file.getValue());
        }
        assertThat(digestOnDisk("replica-2")).isEqualTo(oldDigest);
        assertThat(tmpfs.resolve("staging")).doesNotExist();
        assertThat(tmpfs.resolve("apply-journal.json")).doesNotExist();
        assertThat(cluster.attribute("replica-2", SERVER, "Ready")).isEqualTo(true);

        cluster.master.write("junctions/zz-big.json", "{\"path\": \"/big\", \"backend\": \"http://127.0.0.1:9400\"}\n");
        JsonNode after = runAndWait();
        assertThat(after.get("state").asText()).as(after.toString()).isEqualTo("COMPLETED");
        assertThat(digestOnDisk("replica-2")).isEqualTo(cluster.attribute("master", CONFIG_STORE, "Digest"));
    }

    /** A junction of about 500 KB: staged and backed up together it is more than the 1 MB disk holds. */
    private static String largeJunction(char fill) {
        return "{\"path\": \"/big\", \"backend\": \"http://127.0.0.1:9400\", \"padding\": \""
                + String.valueOf(fill).repeat(500 * 1024) + "\"}\n";
    }
}
