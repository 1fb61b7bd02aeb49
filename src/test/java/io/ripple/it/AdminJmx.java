package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cluster.RunStarted;
import java.time.Duration;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/** What an administrator does over JMX in the agent ITs: connect, read one attribute, run a restart to its end. */
final class AdminJmx {

    private AdminJmx() {
    }

    static JMXConnector connect(ServerDir server) throws Exception {
        return JmxClients.connect(server.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD);
    }

    static Object attribute(ServerDir server, String mbean, String name) throws Exception {
        try (JMXConnector c = connect(server)) {
            return c.getMBeanServerConnection().getAttribute(new ObjectName(mbean), name);
        }
    }

    /** Starts a parallel cluster restart on the master and returns its statusJson once it is no longer in progress. */
    static JsonNode restartAndWait(ServerDir master, Duration atMost, Duration pollInterval) throws Exception {
        try (JMXConnector c = connect(master)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName cluster = new ObjectName(CLUSTER);
            String runId = RunStarted.runId((String) mbs.invoke(cluster, "restart", new Object[] {false}, new String[] {"boolean"}))
                    .orElseThrow();
            await().atMost(atMost).pollInterval(pollInterval).until(() -> !(Boolean) mbs.getAttribute(cluster, "InProgress"));
            JsonNode status = TestCluster.JSON.readTree((String) mbs.invoke(cluster, "statusJson", new Object[0], new String[0]));
            assertThat(status.get("runId").asText()).isEqualTo(runId);
            return status;
        }
    }
}
