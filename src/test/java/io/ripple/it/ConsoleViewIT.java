package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
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
 * The Cluster MBean as a JConsole user meets it, over a real JMX connector and Jolokia, on one real cluster (replica-1
 * reached over JMX RMI, replica-2 over Jolokia): restart answers a sentence and LastRunId names the run; times are
 * ISO-8601 text; the servers are a table; a refusal is a JDK exception with one sentence; what only servers call is on
 * ripple:type=ClusterProtocol, which servers call and people cannot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleViewIT {

    private static final String PROTOCOL = "ripple:type=ClusterProtocol";
    private static final Pattern STARTED = Pattern.compile("Run (\\S+) started \\(ripple\\)");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final String[] BOOLEAN = {"boolean"};
    private static final String[] TWO_STRINGS = {"java.lang.String", "java.lang.String"};

    TestCluster cluster;
    String runId;

    @BeforeAll
    void startCluster(@TempDir Path temp) {
        cluster = new TestCluster(temp, 2);
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    JolokiaHttp jolokia(String server, String user, String password) {
        return new JolokiaHttp(cluster.dir(server).jolokiaUrl(), user, password);
    }

    /** Every class in the chain of what a JMX client caught: a console without Ripple's classes must read them all. */
    static List<String> classesOf(Throwable caught) {
        List<String> names = new ArrayList<>();
        for (Throwable t = caught; t != null; t = t.getCause()) {
            names.add(t.getClass().getName());
        }
        return names;
    }

    /** A refusal as JConsole shows it: an MBeanException around one JDK exception whose message is the sentence. */
    static void assertConsoleRefusal(Throwable caught, String sentence) {
        assertThat(caught).isInstanceOf(MBeanException.class);
        assertThat(classesOf(caught)).as("no class a console lacks").allMatch(n -> n.startsWith("java.") || n.startsWith("javax."));
        Throwable shown = ((MBeanException) caught).getTargetException();
        assertThat(shown.getClass().getName()).startsWith("java.lang.");
        assertThat(shown.getMessage()).isEqualTo(sentence);
        assertThat(shown.getCause()).isNull();
    }

    @Test
    @Order(1)
    void restartAnswersASentenceAndBothTransportsCompleteTheRun() throws Exception {
        cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9111\"}\n");
        try (JMXConnector c = cluster.jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(CLUSTER);
            assertThat(mbs.getAttribute(name, "LastRunId")).isEqualTo("");
            assertThat(mbs.getAttribute(name, "LastRunEndTime")).isEqualTo("");

            String answer = (String) mbs.invoke(name, "restart", new Object[] {true}, BOOLEAN);
            Matcher m = STARTED.matcher(answer);
            assertThat(m.matches()).as(answer).isTrue();
            runId = m.group(1);
            assertThat(mbs.getAttribute(name, "LastRunId")).isEqualTo(runId);

            Throwable busy = catchThrowable(() -> mbs.invoke(name, "restart", new Object[] {false}, BOOLEAN));
            assertConsoleRefusal(busy, "A cluster restart is already in progress: run " + runId + ". Wait for it to end, or cancel it.");

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !(Boolean) mbs.getAttribute(name, "InProgress"));
            JsonNode status = TestCluster.JSON.readTree((String) mbs.invoke(name, "statusJson", new Object[0], new String[0]));
            assertThat(status.get("runId").asText()).isEqualTo(runId);
            assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("COMPLETED");
            assertThat(row(status, "replica-1").get("state").asText()).as("reported over JMX").isEqualTo("RESTARTED");
            assertThat(row(status, "replica-2").get("state").asText()).as("reported over Jolokia").isEqualTo("RESTARTED");
        }
        assertThat(cluster.processes.get("master").output())
                .contains("Cluster replicaCompleted(run " + runId + ", replica-1, RESTARTED)")
                .contains("Cluster replicaCompleted(run " + runId + ", replica-2, RESTARTED)");
    }

    @Test
    @Order(2)
    void timesAreIsoTextWithNumericTwinsForMonitoring() throws Exception {
        try (JMXConnector c = cluster.jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            String start = (String) mbs.getAttribute(new ObjectName(SERVER), "StartTime");
            assertThat(start).matches(ISO);
            assertThat(Instant.parse(start).toEpochMilli()).isEqualTo(mbs.getAttribute(new ObjectName(SERVER), "StartTimeMillis"));
            String ended = (String) mbs.getAttribute(new ObjectName(CLUSTER), "LastRunEndTime");
            assertThat(ended).matches(ISO);
            assertThat(Instant.parse(ended).toEpochMilli())
                    .isEqualTo(mbs.getAttribute(new ObjectName(CLUSTER), "LastRunEndTimeMillis"));
            String made = (String) mbs.getAttribute(new ObjectName(CONFIG_STORE), "Timestamp");
            assertThat(Instant.parse(made).toEpochMilli())
                    .isEqualTo(mbs.getAttribute(new ObjectName(CONFIG_STORE), "TimestampMillis"));
        }
        JsonNode read = jolokia("master", ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD).read(CLUSTER).body().get("value");
        assertThat(read.get("LastRunEndTime").asText()).matches(ISO);
        assertThat(read.get("LastRunId").asText()).isEqualTo(runId);
    }

    @Test
    @Order(3)
    void theServersAreAnAttributeOfRowsThatJConsoleOpens() throws Exception {
        try (JMXConnector c = cluster.jmx("master")) {
            Object servers = c.getMBeanServerConnection().getAttribute(new ObjectName(CLUSTER), "Servers");
            // JConsole opens a non-empty CompositeData[] attribute and steps through it (XOpenTypeViewer.isViewableValue)
            assertThat(servers).isInstanceOf(CompositeData[].class);
            CompositeData[] rows = (CompositeData[]) servers;
            assertThat(rows).extracting(r -> r.get("name")).containsExactly("replica-1", "replica-2", "master");
            assertThat(rows[1].get("state")).isEqualTo("RESTARTED");
            assertThat((String) rows[1].get("endedAt")).matches(ISO);
        }
        JsonNode rows = jolokia("master", ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD).read(CLUSTER).body().get("value")
                .get("Servers");
        assertThat(rows.get(0).get("name").asText()).isEqualTo("replica-1");
        assertThat(rows.get(0).get("state").asText()).isEqualTo("RESTARTED");
        assertThat(rows.get(2).get("role").asText()).isEqualTo("master");
    }

    @Test
    @Order(4)
    void aRefusalIsAJdkExceptionWithOneSentenceOverJmxAndJolokia() throws Exception {
        try (JMXConnector c = cluster.jmx("master")) {
            Throwable caught = catchThrowable(() -> c.getMBeanServerConnection().invoke(new ObjectName(CLUSTER), "rollback",
                    new Object[] {999L}, new String[] {"long"}));
            assertThat(caught).isInstanceOf(MBeanException.class);
            assertThat(classesOf(caught)).allMatch(n -> n.startsWith("java.") || n.startsWith("javax."));
            assertThat(((MBeanException) caught).getTargetException().getMessage()).startsWith("Rollback to version 999 refused: ");
        }
        JsonNode refused = jolokia("master", ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD).exec(CLUSTER, "rollback", 999).body();
        assertThat(refused.get("error_type").asText()).startsWith("java");
        assertThat(refused.get("error").asText()).contains("Rollback to version 999 refused: ");
    }

    @Test
    @Order(5)
    void clusterProtocolTakesServersAndRefusesPeople() throws Exception {
        try (JMXConnector c = cluster.jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            List<String> operations = Arrays.stream(mbs.getMBeanInfo(new ObjectName(CLUSTER)).getOperations())
                    .map(MBeanOperationInfo::getName).toList();
            assertThat(operations).contains("restart").doesNotContain("replicaCompleted", "confirmTurn", "runVersion");

            Throwable admin = catchThrowable(() -> mbs.invoke(new ObjectName(PROTOCOL), "confirmTurn",
                    new Object[] {runId, "replica-1"}, TWO_STRINGS));
            assertConsoleRefusal(admin, "Refused confirmTurn from admin: ripple:type=ClusterProtocol takes calls between"
                    + " Ripple servers only. People use ripple:type=Cluster.");
        }
        try (JMXConnector c = JmxClients.connect(cluster.master.jmxUrl(), ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD)) {
            Throwable readonly = catchThrowable(() -> c.getMBeanServerConnection().invoke(new ObjectName(PROTOCOL), "runVersion",
                    new Object[] {runId}, new String[] {"java.lang.String"}));
            assertThat(readonly).isInstanceOf(SecurityException.class).hasMessageContaining("user 'monitor' is readonly");
        }
        try (JMXConnector c = JmxClients.connectAsServer(cluster.master.jmxUrl(), "replica-1")) {
            Object wanted = c.getMBeanServerConnection().invoke(new ObjectName(PROTOCOL), "confirmTurn",
                    new Object[] {runId, "replica-1"}, TWO_STRINGS);
            assertThat(wanted).as("the run has ended").isEqualTo(false);
        }
        JolokiaHttp.Response monitor = jolokia("master", ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD)
                .exec(PROTOCOL, "runVersion", runId);
        assertThat(monitor.status()).isEqualTo(403);
        JolokiaHttp.Response server = JolokiaHttp.asServer(cluster.master.jolokiaUrl(), "replica-2").exec(PROTOCOL, "runVersion", runId);
        assertThat(server.status()).as(String.valueOf(server.body())).isEqualTo(200);
        assertThat(server.body().get("value").asLong()).isPositive();
    }

    @Test
    @Order(6)
    void aSyncThatCannotReachTheMasterRefusesWithoutRippleClasses() throws Exception {
        cluster.stop("master");
        try (JMXConnector c = cluster.jmx("replica-1")) {
            Throwable caught = catchThrowable(() -> c.getMBeanServerConnection().invoke(new ObjectName(CONFIG_STORE), "sync",
                    new Object[0], new String[0]));
            assertThat(caught).isInstanceOf(MBeanException.class);
            assertThat(classesOf(caught)).as("io.ripple.remote.RemoteException stays home")
                    .allMatch(n -> n.startsWith("java.") || n.startsWith("javax."));
            assertThat(((MBeanException) caught).getTargetException().getMessage()).startsWith("Sync from master failed: ")
                    .contains(cluster.master.jmxUrl());
        }
    }
}
