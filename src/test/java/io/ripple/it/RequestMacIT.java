package io.ripple.it;

import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Between servers over plain {@code http://} Jolokia no reusable credential travels (issue #15, item 2): the proof is
 * made when a replica opens its connection to the master, but the HTTP client may later open a new TCP connection
 * on the same Ripple connection. A squatter that wins the master's port while the master is down, before the
 * replica's next request on its kept connection, records that request's Authorization header: it holds no password
 * (no Basic header) and, replayed to the real master with another body, it is refused. replica-2 reaches the master
 * over Jolokia.
 */
class RequestMacIT {

    private static final String CLUSTER_PASSWORD = "ripple-secret";
    private static final String OTHER_REQUEST = "{\"type\":\"exec\",\"mbean\":\"" + SERVER + "\",\"operation\":\"restart\"}";

    @Test
    void aSquatterOnTheMastersPortRecordsNoPasswordFromAKeptConnectionAndNoHeaderItCanReuse(@TempDir Path root)
            throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            ServerDir master = cluster.master;
            // the replica's connection to its master is open and kept: this sync is signed like any other request
            assertThat((String) cluster.invoke("replica-2", CONFIG_STORE, "sync", new Object[0], new String[0]))
                    .doesNotContain("failed");
            cluster.stop("master");

            List<String> captured;
            try (PeerProofIT.JolokiaSquatter squatter = new PeerProofIT.JolokiaSquatter(master.jolokiaPort)) {
                catchThrowable(() -> cluster.invoke("replica-2", CONFIG_STORE, "sync", new Object[0], new String[0]));
                captured = List.copyOf(squatter.authorizations);
            }

            assertThat(captured).as("the replica's next request went to the squatter on its kept connection").isNotEmpty();
            String basicPassword = Base64.getEncoder().encodeToString(("ripple:" + CLUSTER_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(captured).as("Authorization headers the squatter recorded")
                    .noneMatch(header -> header.regionMatches(true, 0, "Basic", 0, 5))
                    .noneMatch(header -> header.contains(basicPassword) || header.contains(CLUSTER_PASSWORD))
                    .allMatch(header -> header.startsWith("Ripple-HMAC user=ripple, ts="));
            assertThat(cluster.processes.get("replica-2").output()).doesNotContain("\tat ", CLUSTER_PASSWORD);

            // the master publishes what it finds at start
            master.write("banner.txt", "Welcome back\n");
            cluster.startMaster();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String header : captured) {
                HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(master.jolokiaUrl()))
                        .header("Authorization", header).timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(OTHER_REQUEST)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(replay.statusCode()).as("the recorded header %s replayed with another request", header)
                        .isEqualTo(401);
            }
            assertThat(cluster.processes.get("master").output()).contains("refused for user 'ripple': wrong mac");

            // the replica's signed requests reach the real master again
            String synced = (String) cluster.invoke("replica-2", CONFIG_STORE, "sync", new Object[0], new String[0]);
            assertThat(synced).contains("1 file changed");
            assertThat(Files.readString(cluster.dir("replica-2").dir.resolve("banner.txt"))).isEqualTo("Welcome back\n");
        }
    }
}
