package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cluster.RunStarted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollout controls on real processes: batches, a minimum of replicas Ready, automatic revert, rollback and history. The
 * order of batches is CoordinatorEngineTest's to prove; here a batch plan runs once, through the tool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {

    private static final List<String> REPLICAS = List.of("replica-1", "replica-2", "replica-3", "replica-4");
    private static final String[] PLAN_SIGNATURE = {"int", "int", "int", "int", "boolean"};

    TestCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path temp) {
        cluster = new TestCluster(temp, 4);
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void change(String name) {
        cluster.master.write("junctions/" + name + ".json", "{\"path\": \"/" + name + "\", \"backend\": \"http://127.0.0.1:9\"}\n");
    }

    private JsonNode runPlan(int batch, int pause, int minReady, int maxFailures, boolean autoRevert) throws Exception {
        try (JMXConnector c = cluster.jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(CLUSTER);
            String runId = RunStarted.runId((String) mbs.invoke(name, "restartPlan",
                    new Object[] {batch, pause, minReady, maxFailures, autoRevert}, PLAN_SIGNATURE)).orElseThrow();
            await().atMost(Duration.ofSeconds(90)).until(() -> !(Boolean) mbs.getAttribute(name, "InProgress"));
            JsonNode status = TestCluster.JSON.readTree((String) mbs.invoke(name, "statusJson", new Object[0], new String[0]));
            assertThat(status.get("runId").asText()).isEqualTo(runId);
            return status;
        }
    }

    @Test
    @Order(20)
    void minReadyKeepsThatManyReplicasReadyThroughoutTheRun() throws Exception {
        change("min-ready");
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> readyCounts = new ArrayList<>();
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        List<JMXConnector> connections = new ArrayList<>();
        for (String replica : REPLICAS) {
            connections.add(cluster.jmx(replica));
        }
        try {
            Future<?> sampling = sampler.submit(() -> {
                while (running.get()) {
                    int ready = 0;
                    for (JMXConnector c : connections) {
                        try {
                            ready += Boolean.TRUE.equals(c.getMBeanServerConnection()
                                    .getAttribute(new ObjectName(TestCluster.SERVER), "Ready")) ? 1 : 0;
                        } catch (Exception e) {
                            // a replica that cannot answer is not Ready
                        }
                    }
                    readyCounts.add(ready);
                }
                return null;
            });
            JsonNode status = runPlan(4, 0, 3, 0, false);
            running.set(false);
            sampling.get();
            assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        } finally {
            running.set(false);
            sampler.shutdownNow();
            for (JMXConnector c : connections) {
                c.close();
            }
        }
        assertThat(readyCounts).hasSizeGreaterThan(10).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
    }

    @Test
    @Order(30)
    void aPlanThatCouldRestartNobodyIsRefused() {
        assertThatThrownBy(() -> runPlan(1, 0, 4, 0, false))
                .hasStackTraceContaining("min-ready 4 leaves no replica free to restart among 4");
    }

    @Test
    @Order(40)
    void rollbackPublishesTheOldContentAsANewVersionAndEveryServerTakesIt() throws Exception {
        long target = (Long) cluster.attribute("master", CONFIG_STORE, "Version");
        String targetDigest = (String) cluster.attribute("master", CONFIG_STORE, "Digest");
        change("after-target");
        assertThat(cluster.runAndWait(true).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(cluster.attribute("replica-1", CONFIG_STORE, "Digest")).isNotEqualTo(targetDigest);

        try (JMXConnector c = cluster.jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(CLUSTER);
            mbs.invoke(name, "rollback", new Object[] {target}, new String[] {"long"});
            await().atMost(Duration.ofSeconds(90)).until(() -> !(Boolean) mbs.getAttribute(name, "InProgress"));
            JsonNode status = TestCluster.JSON.readTree((String) mbs.invoke(name, "statusJson", new Object[0], new String[0]));
            assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(status.get("version").asLong()).isGreaterThan(target);
            assertThat(status.get("digest").asText()).isEqualTo(targetDigest);
        }
        assertThat(cluster.attribute("master", CONFIG_STORE, "Digest")).isEqualTo(targetDigest);
        for (String replica : REPLICAS) {
            assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest")).as(replica).isEqualTo(targetDigest);
        }
        assertThat(cluster.master.dir.resolve("junctions/after-target.json")).doesNotExist();
    }

    @Test
    @Order(45)
    void theToolRunsAPlanAndListsTheHistory() throws Exception {
        change("from-the-tool");
        String conf = cluster.master.conf().toString();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = io.ripple.cli.RippleCli.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "--conf", conf, "--as-cluster-account", "cluster", "restart", "-batch", "2", "-max-failures", "1", "--wait");
        assertThat(code).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("Cluster restart started: run", "(batch 2)", "The cluster has been restarted.");
        java.io.StringWriter history = new java.io.StringWriter();
        code = io.ripple.cli.RippleCli.execute(new java.io.PrintWriter(history, true), new java.io.PrintWriter(err, true),
                "--conf", conf, "cluster", "history");
        assertThat(code).isZero();
        assertThat(history.toString()).startsWith("VERSION").contains("rollback to version", "ripple (jmx");
    }

    @Test
    @Order(50)
    void historyListsWhoPublishedEachVersionAndWhichRunAppliedItAndSurvivesTheMastersRestart() throws Exception {
        JsonNode before = TestCluster.JSON.readTree((String) cluster.invoke("master", CLUSTER, "history", new Object[0], new String[0]));
        assertThat(before.size()).isGreaterThanOrEqualTo(3);
        JsonNode last = before.get(before.size() - 1);
        assertThat(before.findValuesAsText("publishedBy")).anyMatch(by -> by.contains("rollback to version"));
        assertThat(last.get("publishedBy").asText()).contains("ripple (jmx");
        assertThat(last.get("appliedByRuns")).isNotEmpty();
        cluster.startMaster();
        JsonNode after = TestCluster.JSON.readTree((String) cluster.invoke("master", CLUSTER, "history", new Object[0], new String[0]));
        assertThat(after).isEqualTo(before);
    }

    @Test
    @Order(60)
    void autoRevertBringsTheMovedReplicasBackWhenOneRefusesTheNewConfiguration() throws Exception {
        String oldDigest = (String) cluster.attribute("master", CONFIG_STORE, "Digest");
        String masterBoot = (String) cluster.attribute("master", TestCluster.SERVER, "BootId");
        change("refused-by-replica-3");
        // replica-3 cannot apply the new configuration: a folder of its own sits where the new file must go
        cluster.dir("replica-3").write("junctions/refused-by-replica-3.json/keep.txt", "in the way\n");
        JsonNode status = runPlan(1, 0, 0, 1, true);
        assertThat(status.get("state").asText()).isEqualTo("REVERTED");
        assertThat(status.get("message").asText()).startsWith("The cluster restart failed.").contains("Reverted to version");
        assertThat(row(status, "replica-3").get("state").asText()).isIn("FAILED", "TIMED_OUT");
        assertThat(row(status, "replica-4").get("state").asText()).isEqualTo("SKIPPED");
        assertThat(row(status, "master").get("state").asText()).isEqualTo("SKIPPED");
        for (String replica : List.of("replica-1", "replica-2")) {
            assertThat(row(status, replica).get("detail").asText()).as(replica).startsWith("reverted");
            assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest")).as(replica).isEqualTo(oldDigest);
        }
        assertThat(cluster.attribute("replica-4", CONFIG_STORE, "Digest")).isEqualTo(oldDigest);
        assertThat(cluster.attribute("master", TestCluster.SERVER, "BootId")).isEqualTo(masterBoot);
    }
}
