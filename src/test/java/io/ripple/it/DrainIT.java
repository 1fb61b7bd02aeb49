package io.ripple.it;

import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drain and stop-timeout on real processes: replica-1 hosts {@link TestHostMain} (no HTTP server of its own, so it
 * switches on Ripple's health endpoint), with a drain-time and a {@code stop()} that hangs until it is interrupted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrainIT {

    static final int DRAIN_SECONDS = 2;
    static final int STOP_TIMEOUT_SECONDS = 1;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    TestCluster cluster;
    int healthPort;

    @BeforeAll
    void startCluster(@TempDir Path temp) {
        cluster = new TestCluster(temp, 1);
        healthPort = FreePorts.next();
        cluster.mainClasses.put("replica-1", TestHostMain.class.getName());
        cluster.jvmArgs.put("replica-1", List.of("-D" + TestHostMain.STOP_HANGS_PROPERTY + "=true"));
        cluster.clusterEntries.put("replica-1", "drain-time = " + DRAIN_SECONDS + "\nstop-timeout = " + STOP_TIMEOUT_SECONDS
                + "\nhealth-port = " + healthPort + "\n");
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private HttpResponse<String> health(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReplicaDrainsNotReadyThenItsHangingStopIsForcedAndReported() throws Exception {
        assertThat(health("/ready").statusCode()).isEqualTo(200);
        assertThat(health("/live").statusCode()).isEqualTo(200);
        cluster.master.write("junctions/drain.json", "{\"path\": \"/drain\", \"backend\": \"http://127.0.0.1:9\"}\n");

        CompletableFuture<JsonNode> run = CompletableFuture.supplyAsync(() -> {
            try {
                return cluster.runAndWait(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> health("/ready").statusCode() == 503);
        HttpResponse<String> draining = health("/ready");
        HttpResponse<String> live = health("/live");
        JsonNode status = run.get(60, TimeUnit.SECONDS);

        assertThat(draining.body()).isEqualTo("{\"ready\": false, \"draining\": true}\n");
        assertThat(live.statusCode()).as("/live while draining").isEqualTo(200);
        JsonNode row = row(status, "replica-1");
        assertThat(row.get("state").asText()).isEqualTo("RESTARTED");
        assertThat(row.get("detail").asText())
                .matches(".*; drained (\\d+) ms; stop forced after stop-timeout " + STOP_TIMEOUT_SECONDS + " s \\(\\d+ ms\\)$");
        long drained = Long.parseLong(row.get("detail").asText().replaceAll(".*drained (\\d+) ms.*", "$1"));
        assertThat(drained).as("a host without a drain hook is given the whole drain-time").isGreaterThanOrEqualTo(DRAIN_SECONDS * 1000L);
        assertThat(health("/ready").statusCode()).as("/ready after the restart").isEqualTo(200);
    }
}
