package io.ripple.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.cluster.RunStarted;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * A master and replicas as real processes in a temporary folder: the master reaches replica-2 over Jolokia and the
 * others over JMX RMI; replica-2 reaches the master over Jolokia, the others over JMX RMI.
 */
final class TestCluster implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVER = "ripple:type=Server";
    static final String CONFIG_STORE = "ripple:type=ConfigStore";
    static final String CLUSTER = "ripple:type=Cluster";

    final ServerDir master;
    final Map<String, ServerDir> replicas = new LinkedHashMap<>();
    final Map<String, NodeProcess> processes = new LinkedHashMap<>();
    private final Map<String, Boolean> overJolokia = new LinkedHashMap<>();
    /** More JVM options for a server's process, by server name; none when absent. */
    final Map<String, List<String>> jvmArgs = new LinkedHashMap<>();
    /** The master's max-wait-time; set before {@link #start()}. */
    int maxWaitSeconds = 20;

    TestCluster(Path root, int replicaCount) {
        master = new ServerDir(root, "master");
        master.write("banner.txt", "Welcome\n");
        master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9001\"}\n");
        master.write("junctions/old.json", "{\"path\": \"/old\", \"backend\": \"http://127.0.0.1:9002\"}\n");
        for (int i = 1; i <= replicaCount; i++) {
            String name = "replica-" + i;
            replicas.put(name, new ServerDir(root, name));
            overJolokia.put(name, i == 2);
        }
    }

    String masterConf() {
        StringBuilder lines = new StringBuilder();
        replicas.forEach((name, dir) -> lines.append("replica = ").append(name).append(' ')
                .append(overJolokia.get(name) ? dir.jolokiaUrl() : dir.jmxUrl()).append('\n'));
        return master.masterConf(lines.toString(), maxWaitSeconds);
    }

    /** Main classes of replicas that host something else than the sample server; set before {@link #start()}. */
    final Map<String, String> mainClasses = new LinkedHashMap<>();
    /** Extra [cluster] entries of a replica's server.conf, such as its own max-wait-time; set before {@link #start()}. */
    final Map<String, String> clusterEntries = new LinkedHashMap<>();

    /** A replica's server.conf as {@link #startReplica(String)} writes it. */
    String replicaConf(String name) {
        return replicas.get(name).replicaConf(master, overJolokia.get(name))
                .replace("is-master = no\n", "is-master = no\n" + clusterEntries.getOrDefault(name, ""));
    }

    String mainClass(String name) {
        return mainClasses.getOrDefault(name, NodeProcess.SAMPLE_MAIN);
    }

    void start() {
        processes.put("master", NodeProcess.start(master, d -> masterConf(), NodeProcess.SAMPLE_MAIN,
                jvmArgs.getOrDefault("master", List.of())));
        replicas.keySet().forEach(this::startReplica);
    }

    void startReplica(String name) {
        startReplica(name, mainClass(name), List.of(), d -> replicaConf(name));
    }

    /** Starts (or starts again) a replica with its own main class, JVM flags and server.conf. */
    void startReplica(String name, String mainClass, List<String> jvmFlags, java.util.function.Function<ServerDir, String> conf) {
        ServerDir dir = replicas.get(name);
        NodeProcess old = processes.remove(name);
        if (old != null) {
            old.close();
        }
        List<String> flags = new java.util.ArrayList<>(jvmArgs.getOrDefault(name, List.of()));
        flags.addAll(jvmFlags);
        processes.put(name, NodeProcess.start(dir, conf, mainClass, flags));
    }

    /** Kills a server's process as {@code kill -9} does. */
    void kill(String name) {
        NodeProcess p = processes.remove(name);
        if (p != null) {
            p.kill();
        }
    }

    void startMaster() {
        NodeProcess old = processes.remove("master");
        if (old != null) {
            old.close();
        }
        processes.put("master", NodeProcess.start(master, d -> masterConf(), NodeProcess.SAMPLE_MAIN,
                jvmArgs.getOrDefault("master", List.of())));
    }

    void stop(String name) {
        NodeProcess p = processes.remove(name);
        if (p != null) {
            p.close();
        }
    }

    ServerDir dir(String name) {
        return name.equals("master") ? master : replicas.get(name);
    }

    JMXConnector jmx(String name) throws Exception {
        return JmxClients.connect(dir(name).jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD);
    }

    Object attribute(String name, String mbean, String attribute) throws Exception {
        try (JMXConnector c = jmx(name)) {
            return c.getMBeanServerConnection().getAttribute(new ObjectName(mbean), attribute);
        }
    }

    Object invoke(String name, String mbean, String operation, Object[] args, String[] signature) throws Exception {
        try (JMXConnector c = jmx(name)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            return mbs.invoke(new ObjectName(mbean), operation, args, signature);
        }
    }

    Map<String, String> bootIds() throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : processes.keySet()) {
            ids.put(name, (String) attribute(name, SERVER, "BootId"));
        }
        return ids;
    }

    /** Starts a cluster restart on the master over JMX and waits for its end; returns the run's status JSON. */
    JsonNode runAndWait(boolean ripple) throws Exception {
        try (JMXConnector c = jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName cluster = new ObjectName(CLUSTER);
            String runId = RunStarted.runId((String) mbs.invoke(cluster, "restart", new Object[] {ripple}, new String[] {"boolean"}))
                    .orElseThrow();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    !(Boolean) mbs.getAttribute(cluster, "InProgress"));
            JsonNode status = JSON.readTree((String) mbs.invoke(cluster, "statusJson", new Object[0], new String[0]));
            if (!runId.equals(status.get("runId").asText())) {
                throw new AssertionError("status shows run " + status.get("runId") + ", expected " + runId);
            }
            return status;
        }
    }

    JsonNode service(String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dir(name).httpPort + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    static JsonNode row(JsonNode status, String server) {
        for (JsonNode row : status.get("servers")) {
            if (row.get("name").asText().equals(server)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + server + " in " + status);
    }

    static List<String> junctionPaths(JsonNode page) {
        List<String> paths = new ArrayList<>();
        page.get("junctions").forEach(j -> paths.add(j.get("path").asText()));
        return paths;
    }

    @Override
    public void close() {
        processes.values().forEach(NodeProcess::close);
        processes.clear();
    }
}
