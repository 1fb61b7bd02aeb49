package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.remote.Credentials;
import io.ripple.remote.RemoteConnector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * health() and preview() against a replica whose port takes connections and never answers: both answer within their
 * deadline, long before the connection's own 30 s call time-out, and show that replica as not answering.
 */
class SlowReplicaHealthTest {

    /** The reads' deadline and some room for a loaded machine; well under {@link RemoteConnector#DEFAULT_CALL_TIMEOUT}. */
    private static final long ANSWER_WITHIN_SECONDS = ReplicaReads.DEADLINE.toSeconds() + 8;

    @TempDir
    Path dir;

    private ServerSocket silent;
    private Coordinator coordinator;

    @AfterEach
    void close() throws IOException {
        if (coordinator != null) {
            coordinator.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    @Test
    void aReplicaThatNeverAnswersShowsAsSuchWithinTheDeadline() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Map<String, String> replicas = new LinkedHashMap<>();
        replicas.put("silent-1", "http://127.0.0.1:" + silent.getLocalPort() + "/jolokia/");
        RunTracker tracker = new RunTracker(new RunJournal(dir), Runs.MASTER, e -> { });
        coordinator = new Coordinator(new CoordinatorTest.FakeMaster(), replicas, new RemoteConnector(Credentials.NONE),
                tracker, 5);

        CompletableFuture<String> health = CompletableFuture.supplyAsync(coordinator::health);
        CompletableFuture<String> preview = CompletableFuture.supplyAsync(() -> {
            try {
                return coordinator.preview();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        JsonNode json = new ObjectMapper().readTree(health.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS));
        assertThat(json.get("unreachable").asInt()).isEqualTo(1);
        assertThat(json.get("replicas").get(0).get("name").asText()).isEqualTo("silent-1");
        assertThat(json.get("replicas").get(0).get("error").asText())
                .isEqualTo("did not answer within " + ReplicaReads.DEADLINE.toSeconds() + " s");
        assertThat(preview.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS))
                .contains("  silent-1: cannot be asked (did not answer within " + ReplicaReads.DEADLINE.toSeconds()
                        + " s): would fail\n");
    }
}
