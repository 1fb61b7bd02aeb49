package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.ClusterMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real master with a real replica and one that takes connections and never answers (a port in this JVM that
 * nobody serves): health() and preview() answer within their deadline, long before a call's 30 s time-out, show the
 * silent replica as such and the real one as read; the run's own work is not what they wait on.
 */
class SlowReplicaIT {

    /** The master's read deadline (10 s) and room for a loaded machine; a call to the silent replica times out at 30 s. */
    private static final long ANSWER_WITHIN_SECONDS = 22;

    @Test
    void healthAndPreviewAnswerWithinTheirDeadlineWhenAReplicaNeverAnswers(@TempDir Path temp) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TestCluster cluster = new TestCluster(temp, 1)) {
            String silentUrl = "http://127.0.0.1:" + silent.getLocalPort() + "/jolokia/";
            cluster.processes.put("master", NodeProcess.start(cluster.master,
                    d -> cluster.masterConf().replace("replica = replica-1 ", "replica = silent-1 " + silentUrl
                            + "\nreplica = replica-1 "), NodeProcess.SAMPLE_MAIN, List.of()));
            cluster.startReplica("replica-1");

            try (JMXConnector health = cluster.jmx("master"); JMXConnector preview = cluster.jmx("master")) {
                ClusterMXBean forHealth = JMX.newMXBeanProxy(health.getMBeanServerConnection(),
                        new ObjectName(ClusterMXBean.OBJECT_NAME), ClusterMXBean.class);
                ClusterMXBean forPreview = JMX.newMXBeanProxy(preview.getMBeanServerConnection(),
                        new ObjectName(ClusterMXBean.OBJECT_NAME), ClusterMXBean.class);
                long start = System.nanoTime();
                CompletableFuture<String> healthJson = CompletableFuture.supplyAsync(forHealth::health);
                CompletableFuture<String> previewText = CompletableFuture.supplyAsync(forPreview::preview);

                JsonNode json = TestCluster.JSON.readTree(healthJson.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS));
                String text = previewText.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(took).isLessThan(Duration.ofSeconds(ANSWER_WITHIN_SECONDS));
                assertThat(json.get("unreachable").asInt()).as(json.toString()).isEqualTo(1);
                JsonNode rows = json.get("replicas");
                assertThat(rows.get(0).get("name").asText()).isEqualTo("silent-1");
                assertThat(rows.get(0).get("error").asText()).isEqualTo("did not answer within 10 s");
                assertThat(rows.get(1).get("name").asText()).isEqualTo("replica-1");
                assertThat(rows.get(1).get("reachable").asBoolean()).as(json.toString()).isTrue();
                assertThat(text).contains("  silent-1: cannot be asked (did not answer within 10 s): would fail\n")
                        .containsPattern("  replica-1: version \\d+, (up to date|stale)");
            }
        }
    }
}
