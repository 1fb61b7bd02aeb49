package io.ripple.it;

import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restart with a bad value in a setting that is not replicated ([service] http-port is excluded in
 * [cfg-db:entries], so the digest does not change and nothing is published) is refused as a replicated one is: the
 * server keeps running what it runs, and the refusal names the value.
 */
class LocalSettingRestartIT {

    @Test
    void aBadLocalSettingRefusesTheRestartAndTheServerKeepsRunning(@TempDir Path temp) throws Exception {
        try (TestCluster cluster = new TestCluster(temp, 1)) {
            cluster.start();
            String bootId = cluster.service("master").get("bootId").asText();
            ServerDir master = cluster.master;
            master.writeConf(master.readConf().replace("http-port = " + master.httpPort, "http-port = abc"));

            cluster.invoke("master", SERVER, "restart", new Object[0], new String[0]);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> cluster.processes.get("master").output().matches("(?s).*RPL10(09|10)E Restart.*"));
            assertThat(cluster.processes.get("master").output())
                    .contains("RPL1010E Restart refused, master keeps running: Invalid [service] http-port 'abc'.");
            assertThat(cluster.attribute("master", SERVER, "State")).isEqualTo("RUNNING");
            assertThat(cluster.service("master").get("bootId").asText()).isEqualTo(bootId);
        }
    }
}
