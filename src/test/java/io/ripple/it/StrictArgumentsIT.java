package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ripple.ClusterProtocolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Run ids and replica reports from a caller, over JMX and Jolokia, on a real master and replica: a run id that is not
 * what a master makes (1 MB long, or carrying a newline that would start a forged log line) is refused before it is
 * stored, logged or audited; a report for an unknown run, from an unknown replica or with an unknown outcome is refused
 * and changes nothing, and leaves no audit line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictArgumentsIT {

    static final String RULE = "': a run id is 1 to 64 letters, digits, '.', '_' or '-', as the master makes them (7, 7.revert).";
    static final String FORGED = "2026-11-30 12:00:00.000 INFO  [replica-1] Audit - Cluster restart (parallel) requested by forged-by-test";
    static final String PROTOCOL = ClusterProtocolMXBean.OBJECT_NAME;
    static final String[] ONE_STRING = {"java.lang.String"};
    static final String[] FOUR_STRINGS = {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String"};
    /** How much a refused call may add to a log: a line or two, never the argument. */
    static final int LOG_GROWTH_CHARS = 4_000;

    TestCluster cluster;
    String latestRun;

    @BeforeAll
    void startCluster(@TempDir Path temp) throws Exception {
        cluster = new TestCluster(temp, 1);
        cluster.start();
        latestRun = cluster.runAndWait(false).get("runId").asText();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What a refused call answered, over one channel: its message, or null when it was not refused. */
    String call(String channel, String server, String mbean, String operation, Object... args) throws Exception {
        boolean serversOnly = mbean.equals(PROTOCOL);
        if (channel.equals("jmx")) {
            try (JMXConnector c = serversOnly ? JmxClients.connectAsServer(cluster.dir(server).jmxUrl(), "replica-1")
                    : cluster.jmx(server)) {
                Throwable t = catchThrowable(() -> c.getMBeanServerConnection().invoke(new ObjectName(mbean), operation, args,
                        args.length == 1 ? ONE_STRING : FOUR_STRINGS));
                while (t != null && !(t instanceof IllegalArgumentException)) {
                    t = t.getCause();
                }
                return t == null ? null : t.getMessage();
            }
        }
        String url = cluster.dir(server).jolokiaUrl();
        JolokiaHttp.Response r = (serversOnly ? JolokiaHttp.asServer(url, "replica-1")
                : new JolokiaHttp(url, ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)).exec(mbean, operation, args);
        return r.status() == 200 ? null : r.body().path("error").asText();
    }

    /** Everything a server logged: its console and its log file. */
    String logs(String server) throws Exception {
        Path file = cluster.dir(server).dataDir().resolve("ripple-node.log");
        return cluster.processes.get(server).output() + (Files.exists(file) ? Files.readString(file) : "");
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"jmx", "jolokia"})
    void aHugeRunIdIsRefusedBeforeItIsStoredOrLogged(String channel) throws Exception {
        // Jolokia gets 100,000 characters: a request body of 1 MB may be refused earlier, by the body's own bound
        int length = channel.equals("jmx") ? 1 << 20 : 100_000;
        String huge = "1".repeat(length);
        Object lastRunId = cluster.attribute("replica-1", SERVER, "LastRunId");
        int logSize = logs("replica-1").length();

        String refusal = call(channel, "replica-1", SERVER, "syncAndRestart", huge);

        assertThat(refusal).contains("Invalid run id '" + "1".repeat(80) + "…(" + length + " chars)" + RULE);
        assertThat(cluster.attribute("replica-1", SERVER, "LastRunId")).isEqualTo(lastRunId);
        String logs = logs("replica-1");
        assertThat(logs.length() - logSize).isLessThan(LOG_GROWTH_CHARS);
        assertThat(logs).doesNotContain("1".repeat(100));
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"jmx", "jolokia"})
    void aRunIdWithANewlineIsRefusedAndForgesNoLogLine(String channel) throws Exception {
        for (String server : List.of("replica-1", "master")) {
            String refusal = call(channel, server, SERVER, "syncAndRestart", "8\n" + FORGED);
            assertThat(refusal).as(server).contains("Invalid run id '8\\n" + FORGED.substring(0, 78) + "…(" + (FORGED.length() + 2)
                    + " chars)" + RULE);
            String refusedReport = call(channel, "master", PROTOCOL, "replicaCompleted", latestRun + "\r\n" + FORGED, "replica-1",
                    "RESTARTED", "");
            assertThat(refusedReport).as(server).contains("Invalid run id '" + latestRun + "\\r\\n");
            assertThat(logs(server).lines()).as(server).noneMatch(line -> line.startsWith(FORGED.substring(0, 30)))
                    .noneMatch(line -> line.contains("forged-by-test") && !line.contains("\\n"));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"jmx", "jolokia"})
    void aReportForAnUnknownRunReplicaOrOutcomeIsRefusedAndChangesNothing(String channel) throws Exception {
        String status = statusJson();
        List<String[]> reports = List.of(
                new String[] {"999", "replica-1", "RESTARTED",
                        "Unknown run '999': no run is in progress; the latest was " + latestRun + "."},
                new String[] {latestRun, "replica-9", "RESTARTED",
                        "Unknown replica 'replica-9': the master's replicas are [replica-1]."},
                new String[] {latestRun, "replica-1", "REBOOTED",
                        "Unknown outcome 'REBOOTED': expected RESTARTED, UP_TO_DATE or FAILED."},
                new String[] {latestRun, "replica-1", "SKIPPED",
                        "Unknown outcome 'SKIPPED': expected RESTARTED, UP_TO_DATE or FAILED."});
        for (String[] report : reports) {
            String refusal = call(channel, "master", PROTOCOL, "replicaCompleted", report[0], report[1], report[2], "forged");
            assertThat(refusal).as(String.join(" ", report)).contains(report[3]);
        }
        assertThat(statusJson()).isEqualTo(status);
        assertThat(logs("master")).doesNotContain("replicaCompleted(run 999", "replica-9,", "REBOOTED)", "SKIPPED)");
    }

    @Test
    void aLateReportForTheLatestRunIsTakenQuietlyAndChangesNothing() throws Exception {
        String status = statusJson();
        for (String channel : List.of("jmx", "jolokia")) {
            assertThat(call(channel, "master", PROTOCOL, "replicaCompleted", latestRun, "replica-1", "FAILED", "late")).isNull();
        }
        assertThat(statusJson()).isEqualTo(status);
    }

    /**
     * What JConsole sends for an empty number field, or a script for a missing one: the refusal names the parameter,
     * and the server logs no stack trace for it.
     */
    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"jmx", "jolokia"})
    void aNullForANumberOrAListIsRefusedNamingTheParameter(String channel) throws Exception {
        int logSize = logs("master").length();

        assertThat(nullArgument(channel, CLUSTER, "events", "long"))
                .contains("Operation events of ripple:type=Cluster: parameter afterSequence (long) needs a value, not null.");
        assertThat(nullArgument(channel, CONFIG_STORE, "readObjects", String[].class.getName()))
                .contains("Operation readObjects of ripple:type=ConfigStore: parameter sha256s (" + String[].class.getName()
                        + ") needs a value, not null.");
        assertThat(logs("master").substring(logSize)).doesNotContain("\tat ", "NullPointerException");
    }

    /** A path or digest of 100,000 characters is refused with its first characters and its length, not echoed whole. */
    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"jmx", "jolokia"})
    void aHugePathOrDigestIsNotEchoedWhole(String channel) throws Exception {
        String huge = "p".repeat(100_000);
        String shown = "'" + "p".repeat(80) + "…(100000 chars)'";
        for (String operation : List.of("readChunk", "readObject")) {
            Object[] args = {huge, 0L, 10};
            String refusal;
            if (channel.equals("jmx")) {
                try (JMXConnector c = cluster.jmx("master")) {
                    Throwable t = catchThrowable(() -> c.getMBeanServerConnection().invoke(new ObjectName(CONFIG_STORE), operation,
                            args, new String[] {"java.lang.String", "long", "int"}));
                    refusal = t.getCause() == null ? t.getMessage() : t.getCause().getMessage();
                }
            } else {
                refusal = new JolokiaHttp(cluster.dir("master").jolokiaUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)
                        .exec(CONFIG_STORE, operation, args).body().path("error").asText();
            }
            assertThat(refusal).as(operation).contains(shown).hasSizeLessThan(1_000);
        }
    }

    /** The refusal of {@code operation} on the master called with a single null of {@code type}. */
    String nullArgument(String channel, String mbean, String operation, String type) throws Exception {
        Object[] args = {null};
        if (channel.equals("jmx")) {
            try (JMXConnector c = cluster.jmx("master")) {
                Throwable t = catchThrowable(() -> c.getMBeanServerConnection().invoke(new ObjectName(mbean), operation, args,
                        new String[] {type}));
                return String.valueOf(t == null ? null : t.getCause() == null ? t.getMessage() : t.getCause().getMessage());
            }
        }
        JolokiaHttp.Response r = new JolokiaHttp(cluster.dir("master").jolokiaUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)
                .post("{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":[null]}");
        return r.body().path("error").asText();
    }

    @Test
    void runVersionRefusesAnInvalidRunId() throws Exception {
        for (String channel : List.of("jmx", "jolokia")) {
            assertThat(call(channel, "master", PROTOCOL, "runVersion", "1 OR 1=1")).contains("Invalid run id '1 OR 1=1" + RULE);
        }
    }

    String statusJson() throws Exception {
        return (String) cluster.invoke("master", CLUSTER, "statusJson", new Object[0], new String[0]);
    }
}
