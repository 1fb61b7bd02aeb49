package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.junctionPaths;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster restart on real processes: a master and three replicas (replica-2 over Jolokia, the others over JMX
 * RMI), driven as an administrator would. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final List<String> REPLICAS = List.of("replica-1", "replica-2", "replica-3");

    TestCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path temp) {
        cluster = new TestCluster(temp, 3);
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private String masterDigest() throws Exception {
        return (String) cluster.attribute("master", CONFIG_STORE, "Digest");
    }

    @Test
    @Order(1)
    void replicasSyncWithTheMasterWhenTheyStart() throws Exception {
        String digest = masterDigest();
        for (String replica : REPLICAS) {
            assertThat(cluster.attribute(replica, SERVER, "ConfigSource")).as(replica).isEqualTo("master");
            assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest")).as(replica).isEqualTo(digest);
            assertThat(junctionPaths(cluster.service(replica))).as(replica).containsExactly("/app", "/old");
        }
        assertThat(cluster.attribute("master", CLUSTER, "StatusMessage")).isEqualTo("No cluster restart has been requested.");
    }

    @Test
    @Order(2)
    void aParallelRunAppliesEveryKindOfChangeAndRestartsTheMasterLast() throws Exception {
        ServerDir master = cluster.master;
        String conf = Files.readString(master.conf())
                .replace("local-label = label of master", "local-label = changed on the master")
                .replace("banner-file = banner.txt", "banner-file = banner.txt\ngreeting = hello from version 2");
        master.writeConf(conf);
        master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9101\"}\n");
        master.write("junctions/new.json", "{\"path\": \"/new\", \"backend\": \"http://127.0.0.1:9103\"}\n");
        Files.delete(master.dir.resolve("junctions/old.json"));
        Map<String, String> bootBefore = cluster.bootIds();

        List<Long> statusReadMillis = new ArrayList<>();
        JsonNode status;
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Socket idle = new Socket("127.0.0.1", master.jolokiaPort)) {
            OutputStream half = idle.getOutputStream();
            half.write("POST /jolokia/ HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes()); // half a request, never finished
            half.flush();
            JolokiaHttp jolokia = new JolokiaHttp(master.jolokiaUrl(), ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD);
            Future<?> reads = reader.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    long start = System.nanoTime();
                    JolokiaHttp.Response r = jolokia.exec(CLUSTER, "statusJson");
                    statusReadMillis.add((System.nanoTime() - start) / 1_000_000);
                    assertThat(r.status()).isEqualTo(200);
                }
                return null;
            });
            status = cluster.runAndWait(false);
            reads.get();
        } finally {
            reader.shutdownNow();
        }

        assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("message").asText()).isEqualTo("The cluster has been restarted.");
        assertThat(status.get("mode").asText()).isEqualTo("parallel");
        assertThat(status.get("requestedBy").asText()).startsWith("admin (jmx");
        String digest = masterDigest();
        long masterStart = Instant.parse(row(status, "master").get("startedAt").asText()).toEpochMilli();
        for (String replica : REPLICAS) {
            JsonNode row = row(status, replica);
            assertThat(row.get("state").asText()).as(replica).isEqualTo("RESTARTED");
            assertThat(row.get("versionAfter").asLong()).isEqualTo(status.get("version").asLong());
            assertThat(Instant.parse(row.get("endedAt").asText()).toEpochMilli()).isLessThanOrEqualTo(masterStart);
            assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest")).as(replica).isEqualTo(digest);
            assertThat(cluster.attribute(replica, SERVER, "BootId")).as(replica).isNotEqualTo(bootBefore.get(replica));
            JsonNode page = cluster.service(replica);
            assertThat(junctionPaths(page)).as(replica).containsExactly("/app", "/new");
            assertThat(page.get("junctions").get(0).get("backend").asText()).isEqualTo("http://127.0.0.1:9101");
            String replicaConf = Files.readString(cluster.dir(replica).conf());
            assertThat(replicaConf).contains("greeting = hello from version 2").contains("local-label = label of " + replica)
                    .contains("name = " + replica);
        }
        assertThat(row(status, "master").get("state").asText()).isEqualTo("RESTARTED");
        assertThat(cluster.attribute("master", SERVER, "BootId")).isNotEqualTo(bootBefore.get("master"));
        assertThat(cluster.attribute("master", CLUSTER, "StatusMessage")).isEqualTo("The cluster has been restarted.");
        assertThat(statusReadMillis).hasSize(40).allSatisfy(ms -> assertThat(ms).isLessThan(2000L));
    }

    @Test
    @Order(3)
    void runningAgainAtOnceRestartsNobody() throws Exception {
        Map<String, String> before = cluster.bootIds();
        JsonNode status = cluster.runAndWait(false);
        assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        for (String replica : REPLICAS) {
            assertThat(row(status, replica).get("state").asText()).as(replica).isEqualTo("UP_TO_DATE");
        }
        assertThat(row(status, "master").get("state").asText()).isEqualTo("UP_TO_DATE");
        assertThat(cluster.bootIds()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aRippleRunRestartsOneReplicaAfterAnotherInTheConfiguredOrder() throws Exception {
        cluster.master.write("junctions/ripple.json", "{\"path\": \"/ripple\", \"backend\": \"http://127.0.0.1:9104\"}\n");
        JsonNode status = cluster.runAndWait(true);
        assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("mode").asText()).isEqualTo("ripple");
        long previousEnd = 0;
        for (String replica : REPLICAS) {
            JsonNode row = row(status, replica);
            assertThat(row.get("state").asText()).as(replica).isEqualTo("RESTARTED");
            long requested = Instant.parse(row.get("requestedAt").asText()).toEpochMilli();
            assertThat(requested).as(replica + " asked only after the one before it ended").isGreaterThanOrEqualTo(previousEnd);
            previousEnd = Instant.parse(row.get("endedAt").asText()).toEpochMilli();
            assertThat(junctionPaths(cluster.service(replica))).contains("/ripple");
        }
    }

    @Test
    @Order(5)
    void aLocalEditOnAReplicaIsListedAsDriftAndKeptInTheBackups() throws Exception {
        ServerDir replica = cluster.dir("replica-1");
        String edit = "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:7777\", \"note\": \"edited by hand\"}\n";
        replica.write("junctions/app.json", edit);
        // attributes re-read the disk at most once a second
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat((String[]) cluster.attribute("replica-1", CONFIG_STORE, "DriftedFiles")).containsExactly("junctions/app.json"));

        JsonNode status = cluster.runAndWait(false);
        assertThat(row(status, "replica-1").get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row(status, "replica-2").get("state").asText()).isEqualTo("UP_TO_DATE");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat((String[]) cluster.attribute("replica-1", CONFIG_STORE, "DriftedFiles")).isEmpty());
        try (var backups = Files.walk(replica.dataDir().resolve("backups"))) {
            List<Path> kept = backups.filter(p -> p.endsWith(Path.of("junctions/app.json"))).toList();
            assertThat(kept).isNotEmpty();
            assertThat(kept).anySatisfy(p -> assertThat(p).content().isEqualTo(edit));
        }
    }

    @Test
    @Order(6)
    void touchingAMasterFileOrRestartingTheMasterAloneRestartsNoReplica() throws Exception {
        Path junction = cluster.master.dir.resolve("junctions/app.json");
        Files.setLastModifiedTime(junction, FileTime.from(Instant.now().plusSeconds(10)));
        cluster.invoke("master", SERVER, "restart", new Object[0], new String[0]);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> "RUNNING".equals(cluster.attribute("master", SERVER, "State")));
        Map<String, String> before = cluster.bootIds();
        JsonNode status = cluster.runAndWait(false);
        for (String replica : REPLICAS) {
            assertThat(row(status, replica).get("state").asText()).as(replica).isEqualTo("UP_TO_DATE");
        }
        assertThat(cluster.bootIds()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void aStoppedReplicaFailsTheRunAndTheMasterIsNotRestarted() throws Exception {
        cluster.stop("replica-3");
        cluster.master.write("junctions/late.json", "{\"path\": \"/late\", \"backend\": \"http://127.0.0.1:9105\"}\n");
        Map<String, String> before = cluster.bootIds();
        long start = System.currentTimeMillis();
        JsonNode status = cluster.runAndWait(false);
        assertThat(System.currentTimeMillis() - start).isLessThan(Duration.ofSeconds(20 + 10).toMillis());
        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        assertThat(status.get("message").asText()).startsWith("The cluster restart failed.").contains("replica-3");
        assertThat(row(status, "replica-3").get("state").asText()).isIn("FAILED", "TIMED_OUT");
        assertThat(row(status, "replica-3").get("detail").asText()).containsIgnoringCase("connect");
        assertThat(row(status, "replica-1").get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row(status, "replica-2").get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row(status, "master").get("state").asText()).isEqualTo("SKIPPED");
        assertThat(cluster.attribute("master", SERVER, "BootId")).isEqualTo(before.get("master"));
        assertThat((String) cluster.attribute("master", CLUSTER, "StatusMessage")).startsWith("The cluster restart failed.");
    }

    @Test
    @Order(8)
    void aReplicaStartedAfterAChangeSyncsBeforeItsServerStarts() throws Exception {
        cluster.startReplica("replica-3");
        assertThat(cluster.attribute("replica-3", SERVER, "ConfigSource")).isEqualTo("master");
        assertThat(cluster.attribute("replica-3", CONFIG_STORE, "Digest")).isEqualTo(masterDigest());
        assertThat(cluster.attribute("replica-3", CONFIG_STORE, "AppliedVersion"))
                .isEqualTo(cluster.attribute("master", CONFIG_STORE, "Version"));
        assertThat(junctionPaths(cluster.service("replica-3"))).contains("/late");
    }

    @Test
    @Order(9)
    void withTheMasterDownAReplicaStartsOnItsLastKnownGoodConfiguration() throws Exception {
        cluster.stop("master");
        // startup-wait = 0: this replica does not wait for its master to come back
        cluster.startReplica("replica-1", NodeProcess.SAMPLE_MAIN, List.of(),
                d -> cluster.replicaConf("replica-1").replace("is-master = no\n", "is-master = no\nstartup-wait = 0\n"));
        assertThat(cluster.attribute("replica-1", SERVER, "ConfigSource")).isEqualTo("last-known-good");
        assertThat(cluster.processes.get("replica-1").output()).contains("last-known-good");
        assertThat(junctionPaths(cluster.service("replica-1"))).contains("/late");
    }
}
