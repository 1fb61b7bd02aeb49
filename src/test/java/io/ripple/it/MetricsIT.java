package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
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
 * A master and a replica as real processes, each with the Prometheus JMX exporter as a {@code -javaagent} and the
 * shipped rules of jmx-config/jmx-exporter.yaml: a cluster restart, then what a scrape of /metrics shows, and the
 * notifications a replica sends as it syncs and restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestCluster cluster;
    final Map<String, Integer> metricsPorts = new LinkedHashMap<>();
    final List<Notification> replicaHeard = new CopyOnWriteArrayList<>();
    JMXConnector replicaListener;
    JsonNode run;

    @BeforeAll
    void startCluster(@TempDir Path temp) {
        Path agent = exporterJar();
        Path rules = ServerDir.PROJECT.resolve("jmx-config/jmx-exporter.yaml");
        cluster = new TestCluster(temp, 1);
        for (String name : List.of("master", "replica-1")) {
            int port = FreePorts.next();
            metricsPorts.put(name, port);
            cluster.jvmArgs.put(name, List.of("-javaagent:" + agent + "=127.0.0.1:" + port + ":" + rules));
        }
        cluster.start();
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (replicaListener != null) {
            replicaListener.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The exporter's jar, a test dependency: failsafe lists the test class path in surefire.test.class.path. */
    static Path exporterJar() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith("jmx_prometheus_javaagent-")).findFirst()
                .orElseThrow(() -> new AssertionError("jmx_prometheus_javaagent is not on the test class path: " + classPath));
    }

    /** One scrape: each sample line as {@code name{labels}} to its value. */
    Map<String, Double> scrape(String server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPorts.get(server) + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return samples;
    }

    String text(String server) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPorts.get(server) + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @Order(1)
    void aClusterRestartSendsTheReplicasNotifications() throws Exception {
        replicaListener = cluster.jmx("replica-1");
        MBeanServerConnection mbs = replicaListener.getMBeanServerConnection();
        NotificationListener listener = (n, handback) -> replicaHeard.add(n);
        mbs.addNotificationListener(new ObjectName(SERVER), listener, null, null);
        mbs.addNotificationListener(new ObjectName(CONFIG_STORE), listener, null, null);
        long replicaRestarts = (Long) mbs.getAttribute(new ObjectName(SERVER), "RestartCount");

        cluster.master.write("junctions/metrics.json", "{\"path\": \"/metrics\", \"backend\": \"http://127.0.0.1:9\"}\n");
        run = cluster.runAndWait(false);
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        long version = run.get("version").asLong();

        await().atMost(Duration.ofSeconds(10)).until(() -> replicaHeard.stream()
                .anyMatch(n -> n.getType().equals("ripple.server.restarted")));
        Notification synced = replicaHeard.stream().filter(n -> n.getType().equals("ripple.config.version")).findFirst()
                .orElseThrow(() -> new AssertionError("no ripple.config.version among " + replicaHeard));
        JsonNode v = TestCluster.JSON.readTree((String) synced.getUserData());
        assertThat(v.get("name").asText()).isEqualTo("replica-1");
        assertThat(v.get("how").asText()).isEqualTo("synced");
        assertThat(v.get("version").asLong()).isEqualTo(version);
        assertThat(v.get("digest").asText()).isEqualTo(run.get("digest").asText());
        assertThat(v.get("timestamp").asLong()).isEqualTo(mbs.getAttribute(new ObjectName(CONFIG_STORE), "TimestampMillis"));

        Notification restarted = replicaHeard.stream().filter(n -> n.getType().equals("ripple.server.restarted"))
                .findFirst().orElseThrow();
        JsonNode r = TestCluster.JSON.readTree((String) restarted.getUserData());
        assertThat(r.get("name").asText()).isEqualTo("replica-1");
        assertThat(r.get("reason").asText()).isEqualTo("cluster restart " + run.get("runId").asText() + " applied version " + version);
        assertThat(r.get("restartCount").asLong()).isEqualTo(replicaRestarts + 1);
        assertThat(r.get("bootId").asText()).isEqualTo(mbs.getAttribute(new ObjectName(SERVER), "BootId"));
        assertThat(replicaHeard.indexOf(synced)).as("synced, then restarted").isLessThan(replicaHeard.indexOf(restarted));
    }

    @Test
    @Order(2)
    void theMasterExportsTheConfigurationTheServerAndTheLastRun() throws Exception {
        long version = run.get("version").asLong();
        long timestamp = (Long) cluster.attribute("master", CONFIG_STORE, "TimestampMillis");
        long restarts = (Long) cluster.attribute("master", SERVER, "RestartCount");
        Map<String, Double> m = scrape("master");

        assertThat(m).containsEntry("ripple_config_version", (double) version)
                .containsEntry("ripple_config_applied_version", (double) version)
                .containsEntry("ripple_config_drifted_files", 0.0)
                .containsEntry("ripple_server_ready", 1.0)
                .containsEntry("ripple_server_restarts_total", (double) restarts)
                .containsEntry("ripple_server_state{state=\"RUNNING\"}", 1.0)
                .containsEntry("ripple_server_role{role=\"master\"}", 1.0)
                .containsEntry("ripple_cluster_in_progress", 0.0)
                .containsEntry("ripple_cluster_last_run_succeeded", 1.0)
                .containsEntry("ripple_cluster_last_run_failed_servers", 0.0)
                .containsEntry("ripple_cluster_last_run_state{state=\"COMPLETED\"}", 1.0)
                .containsEntry("ripple_replica_last_run_restarted{replica=\"replica-1\"}", 1.0)
                .containsEntry("ripple_replica_last_run_up_to_date{replica=\"replica-1\"}", 0.0)
                .containsEntry("ripple_replica_last_run_failed{replica=\"replica-1\"}", 0.0)
                .containsEntry("ripple_replica_last_run_timed_out{replica=\"replica-1\"}", 0.0)
                .containsEntry("ripple_replica_last_run_skipped{replica=\"replica-1\"}", 0.0)
                .containsEntry("ripple_replica_last_run_version_after{replica=\"replica-1\"}", (double) version)
                .containsEntry("ripple_replica_last_run_state{replica=\"replica-1\",state=\"RESTARTED\"}", 1.0);
        assertThat(restarts).as("the master restarted last: its own configuration changed").isPositive();
        assertThat(m.get("ripple_config_timestamp_seconds")).isCloseTo(timestamp / 1000.0, within(0.001));
        double runSeconds = (Times.parse(run.get("endedAt").asText()) - Times.parse(run.get("startedAt").asText())) / 1000.0;
        assertThat(m.get("ripple_cluster_last_run_duration_seconds")).isPositive().isCloseTo(runSeconds, within(0.001));
        assertThat(m.get("ripple_cluster_last_run_end_time_seconds"))
                .isCloseTo(Times.parse(run.get("endedAt").asText()) / 1000.0, within(0.001));
        assertThat(m.get("ripple_replica_last_run_duration_seconds{replica=\"replica-1\"}")).isPositive()
                .isLessThanOrEqualTo(runSeconds);
        assertThat(m.get("ripple_server_start_time_seconds")).isPositive();
        assertThat(m.get("ripple_config_files")).isGreaterThanOrEqualTo(3.0);
        assertThat(m.get("ripple_config_size_bytes")).isPositive();

        String text = text("master");
        assertThat(text).contains("# TYPE ripple_server_restarts_total counter", "# TYPE ripple_config_version gauge",
                "# HELP ripple_cluster_last_run_failed_servers Servers that failed or timed out in the latest cluster restart");
        assertThat(m.keySet()).as("only ripple's own MBeans, besides the agent's jvm and process metrics")
                .allMatch(k -> k.startsWith("ripple_") || k.startsWith("jvm_") || k.startsWith("process_")
                        || k.startsWith("jmx_"));
    }

    @Test
    @Order(3)
    void theReplicaExportsItsVersionAndItsDrift() throws Exception {
        long version = run.get("version").asLong();
        Map<String, Double> m = scrape("replica-1");
        assertThat(m).containsEntry("ripple_config_version", (double) version)
                .containsEntry("ripple_config_applied_version", (double) version)
                .containsEntry("ripple_config_drifted_files", 0.0)
                .containsEntry("ripple_server_ready", 1.0)
                .containsEntry("ripple_server_restarts_total", 1.0)
                .containsEntry("ripple_server_role{role=\"replica\"}", 1.0);
        assertThat(m.keySet()).as("the cluster metrics are the master's").noneMatch(k -> k.startsWith("ripple_cluster_")
                || k.startsWith("ripple_replica_"));

        Path drifted = cluster.replicas.get("replica-1").dir.resolve("junctions/metrics.json");
        Files.writeString(drifted, "{\"path\": \"/edited-by-hand\", \"backend\": \"http://127.0.0.1:9\"}\n");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape("replica-1").get("ripple_config_drifted_files") == 1.0);
        assertThat((Integer) cluster.attribute("replica-1", CONFIG_STORE, "DriftedFileCount")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void theReplicaMBeansAreOnTheMasterOnly() throws Exception {
        try (JMXConnector master = cluster.jmx("master"); JMXConnector replica = cluster.jmx("replica-1")) {
            ObjectName pattern = new ObjectName("ripple:type=ClusterReplica,*");
            assertThat(master.getMBeanServerConnection().queryNames(pattern, null))
                    .containsExactly(new ObjectName("ripple:type=ClusterReplica,name=replica-1"));
            assertThat(replica.getMBeanServerConnection().queryNames(pattern, null)).isEmpty();
            assertThat(master.getMBeanServerConnection().getMBeanInfo(new ObjectName(CLUSTER)).getAttributes())
                    .allSatisfy(a -> assertThat(a.getDescription()).isNotBlank().isNotEqualTo(a.getName()));
            assertThat(master.getMBeanServerConnection().getMBeanInfo(new ObjectName("ripple:type=ClusterReplica,name=replica-1"))
                    .getAttributes()).allSatisfy(a -> assertThat(a.getDescription()).isNotBlank().isNotEqualTo(a.getName()));
        }
    }

    /** ISO-8601 times of the run's JSON. */
    private static final class Times {
        static long parse(String iso) {
            return java.time.Instant.parse(iso).toEpochMilli();
        }
    }
}
