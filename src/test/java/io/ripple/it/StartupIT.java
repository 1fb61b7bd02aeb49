package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.junctionPaths;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cli.RippleCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that start together, and a master that starts again mid-run. replica-1 reaches the master over JMX RMI and
 * replica-2 over Jolokia; the master reaches them the same way.
 */
class StartupIT {

    private static final List<String> REPLICAS = List.of("replica-1", "replica-2");

    /** Starts servers side by side, each as {@link NodeProcess#start} does, and waits until every one has started. */
    private static void startTogether(TestCluster cluster, Map<String, java.util.concurrent.Callable<NodeProcess>> starts)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(starts.size());
        try {
            Map<String, Future<NodeProcess>> started = new LinkedHashMap<>();
            starts.forEach((name, start) -> started.put(name, pool.submit(start)));
            for (Map.Entry<String, Future<NodeProcess>> e : started.entrySet()) {
                cluster.processes.put(e.getKey(), e.getValue().get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static java.util.concurrent.Callable<NodeProcess> replica(TestCluster cluster, String name) {
        return () -> NodeProcess.start(cluster.dir(name), d -> cluster.replicaConf(name));
    }

    private static String log(TestCluster cluster, String name) throws IOException {
        Path log = cluster.dir(name).dir.resolve("node.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void assertOnTheMastersVersion(TestCluster cluster, String replica) throws Exception {
        assertThat(cluster.attribute(replica, SERVER, "ConfigSource")).as(replica).isEqualTo("master");
        assertThat(cluster.attribute(replica, CONFIG_STORE, "Version")).as(replica)
                .isEqualTo(cluster.attribute("master", CONFIG_STORE, "Version"));
        assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest")).as(replica)
                .isEqualTo(cluster.attribute("master", CONFIG_STORE, "Digest"));
    }

    private static JsonNode status(TestCluster cluster) throws Exception {
        return JSON.readTree((String) cluster.invoke("master", CLUSTER, "statusJson", new Object[0], new String[0]));
    }

    @Test
    void aMasterAndReplicasStartedAtTheSameMomentAllStartOnTheMastersVersion(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            Map<String, java.util.concurrent.Callable<NodeProcess>> starts = new LinkedHashMap<>();
            REPLICAS.forEach(name -> starts.put(name, replica(cluster, name)));
            starts.put("master", () -> NodeProcess.start(cluster.master, d -> cluster.masterConf()));

            startTogether(cluster, starts);

            assertThat((Long) cluster.attribute("master", CONFIG_STORE, "Version")).isPositive();
            for (String replica : REPLICAS) {
                assertOnTheMastersVersion(cluster, replica);
                assertThat(junctionPaths(cluster.service(replica))).as(replica).contains("/app", "/old");
            }
        }
    }

    @Test
    void aReplicaStartedWhileItsMasterIsDownWaitsForItWithinItsStartupWait(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            cluster.stop("master");
            REPLICAS.forEach(cluster::stop);
            cluster.master.write("junctions/late.json", "{\"path\": \"/late\", \"backend\": \"http://127.0.0.1:9003\"}\n");

            ExecutorService pool = Executors.newFixedThreadPool(REPLICAS.size());
            try {
                Map<String, Future<NodeProcess>> replicas = new LinkedHashMap<>();
                REPLICAS.forEach(name -> replicas.put(name, pool.submit(replica(cluster, name))));
                // each replica has found its master down (and, on Ripple before startup-wait, started without it)
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                        REPLICAS.stream().allMatch(name -> {
                            try {
                                String log = log(cluster, name);
                                return log.contains("not reachable yet") || log.contains("Start completed");
                            } catch (IOException e) {
                                return false;
                            }
                        }));
                cluster.startMaster();
                for (Map.Entry<String, Future<NodeProcess>> e : replicas.entrySet()) {
                    cluster.processes.put(e.getKey(), e.getValue().get());
                }
            } finally {
                pool.shutdownNow();
            }

            for (String replica : REPLICAS) {
                assertOnTheMastersVersion(cluster, replica);
                assertThat(junctionPaths(cluster.service(replica))).as(replica).contains("/late");
                assertThat(cluster.processes.get(replica).output()).as(replica)
                        .contains("Master master not reachable yet").contains("trying again for up to 30 s (startup-wait)")
                        .doesNotContain("last-known-good");
            }
        }
    }

    @Test
    void aMasterKilledWhileReplicasFinishTheirTurnsShowsThemRestartedInTheInterruptedRunAndWaitFollowsIt(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.maxWaitSeconds = 30;
            // each replica stays 5 s in its turn after its restart: the master is killed meanwhile
            REPLICAS.forEach(name -> cluster.clusterEntries.put(name, "soak-time = 5\n"));
            cluster.start();
            cluster.master.write("junctions/mid.json", "{\"path\": \"/mid\", \"backend\": \"http://127.0.0.1:9004\"}\n");

            Path password = root.resolve("admin.password");
            Files.writeString(password, ServerDir.ADMIN_PASSWORD + "\n");
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            ExecutorService follower = Executors.newSingleThreadExecutor();
            String runId;
            try {
                // the run is started and followed over Jolokia; the test reads the status over JMX RMI
                Future<Integer> followed = follower.submit(() -> RippleCli.execute(new PrintWriter(out, true),
                        new PrintWriter(err, true), "--jolokia", cluster.master.jolokiaUrl(), "--user", ServerDir.ADMIN,
                        "--password-file", password.toString(), "cluster", "restart", "--wait"));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    JsonNode s = status(cluster);
                    return s.get("servers").size() > 0
                            && REPLICAS.stream().allMatch(name -> "RESTARTING".equals(row(s, name).get("state").asText()));
                });
                runId = status(cluster).get("runId").asText();
                cluster.kill("master");
                cluster.startMaster();

                assertThat(followed.get(60, TimeUnit.SECONDS)).as(out + "" + err).isEqualTo(1);
            } finally {
                follower.shutdownNow();
            }
            assertThat(out.toString()).as(out + "" + err)
                    .contains("run " + runId + " INTERRUPTED")
                    .containsPattern("replica-1\\s+RESTARTED").containsPattern("replica-2\\s+RESTARTED");
            assertThat(out.toString()).as("one line saying it reconnects").containsOnlyOnce("reconnecting for up to");

            JsonNode status = status(cluster);
            assertThat(status.get("runId").asText()).isEqualTo(runId);
            assertThat(status.get("state").asText()).isEqualTo("INTERRUPTED");
            for (String replica : REPLICAS) {
                JsonNode r = row(status, replica);
                assertThat(r.get("state").asText()).as(replica + ": " + r).isEqualTo("RESTARTED");
                assertThat(r.get("detail").asText()).as(replica).doesNotContain("interrupted");
                assertThat(cluster.attribute(replica, SERVER, "LastRunId")).isEqualTo(runId);
                assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest"))
                        .isEqualTo(cluster.attribute("master", CONFIG_STORE, "Digest"));
                assertThat(junctionPaths(cluster.service(replica))).as(replica).contains("/mid");
            }
            assertThat(row(status, "master").get("state").asText()).isEqualTo("SKIPPED");
        }
    }
}
