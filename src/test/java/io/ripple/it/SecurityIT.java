package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.config.Hashing;
import io.ripple.config.ManifestEntry;
import io.ripple.remote.Credentials;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks and bad inputs against real processes over real connections: a master and two replicas (replica-1 reaches
 * the master over JMX RMI, replica-2 over Jolokia). Each row asserts the exact refusal and that nothing changed: boot
 * ids, the latest run, configuration versions, and every configuration file byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    static final String GUEST = "guest";
    static final String GUEST_PASSWORD = "guest-secret";
    static final String RIPPLE = "ripple";
    static final String RIPPLE_PASSWORD = "ripple-secret";
    static final String EVIL_ORIGIN = "http://evil.example.com";
    static final String[] NO_SIGNATURE = new String[0];
    static final String[] BOOLEAN = {"boolean"};
    static final String[] FOUR_STRINGS = {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String"};

    Path root;
    TestCluster cluster;
    int changes;

    @BeforeAll
    void startCluster(@TempDir Path temp) throws IOException {
        root = temp;
        cluster = new TestCluster(temp.resolve("cluster"), 2);
        // a user who can log in but has no role in the access file
        for (ServerDir dir : List.of(cluster.master, cluster.replicas.get("replica-1"), cluster.replicas.get("replica-2"))) {
            Path passwords = dir.dir.resolve("jmx-config/jmxremote.password");
            Files.writeString(passwords, Files.readString(passwords) + GUEST + " " + GUEST_PASSWORD + "\n");
            Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        }
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    // ------------------------------------------------------------------ what "nothing changed" means

    /** Everything an attack must leave alone. */
    record Snapshot(Map<String, String> bootIds, Map<String, Long> versions, String statusMessage, String runId,
                    Map<String, Map<String, String>> files) {
    }

    Snapshot snapshot() throws Exception {
        Map<String, String> boots = new TreeMap<>();
        Map<String, Long> versions = new TreeMap<>();
        String message = null;
        String runId = null;
        for (String name : cluster.processes.keySet()) {
            try (JMXConnector c = cluster.jmx(name)) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                boots.put(name, (String) mbs.getAttribute(new ObjectName(SERVER), "BootId"));
                versions.put(name, (Long) mbs.getAttribute(new ObjectName(CONFIG_STORE), "Version"));
                if (name.equals("master")) {
                    message = (String) mbs.getAttribute(new ObjectName(CLUSTER), "StatusMessage");
                    runId = JSON.readTree((String) mbs.invoke(new ObjectName(CLUSTER), "statusJson", new Object[0], NO_SIGNATURE))
                            .path("runId").toString();
                }
            }
        }
        Map<String, Map<String, String>> files = new TreeMap<>();
        for (String name : cluster.processes.keySet()) {
            files.put(name, files(cluster.dir(name).dir));
        }
        return new Snapshot(boots, versions, message, runId, files);
    }

    /** The configuration folder's files, byte for byte (ISO-8859-1 keeps every byte), without Ripple's data-dir and log. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString();
                if (rel.equals("data") || rel.startsWith("data/") || rel.equals("node.log")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    files.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(rel, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }

    void assertUnchanged(Snapshot before) throws Exception {
        Snapshot after = snapshot();
        assertThat(after.bootIds()).as("boot ids").isEqualTo(before.bootIds());
        assertThat(after.versions()).as("ConfigStore versions").isEqualTo(before.versions());
        assertThat(after.statusMessage()).as("Cluster StatusMessage").isEqualTo(before.statusMessage());
        assertThat(after.runId()).as("latest run id").isEqualTo(before.runId());
        assertThat(after.files()).as("configuration files").isEqualTo(before.files());
    }

    // ------------------------------------------------------------------ JMX

    @FunctionalInterface
    interface JmxCall {
        Object call(MBeanServerConnection mbs) throws Exception;
    }

    Object jmxAs(String server, String user, String password, JmxCall call) throws Exception {
        try (JMXConnector c = JmxClients.connect(cluster.dir(server).jmxUrl(), user, password)) {
            return call.call(c.getMBeanServerConnection());
        }
    }

    static JmxCall invoke(String mbean, String operation, Object[] args, String[] signature) {
        return mbs -> mbs.invoke(new ObjectName(mbean), operation, args, signature);
    }

    static JmxCall invoke(String mbean, String operation) {
        return invoke(mbean, operation, new Object[0], NO_SIGNATURE);
    }

    static String readonlyRefusal(String method) {
        return "Access denied: user 'monitor' is readonly and may not call " + method;
    }

    static Arguments jmx(String what, String server, String user, String password, JmxCall call, String message) {
        return Arguments.of(what, server, user, password, call, message);
    }

    Stream<Arguments> jmxRefusals() {
        String rw = ServerDir.ADMIN_PASSWORD;
        String ro = ServerDir.MONITOR_PASSWORD;
        String mon = ServerDir.MONITOR;
        return Stream.of(
                jmx("anonymous connect", "master", null, null, mbs -> mbs.getMBeanCount(),
                        "Authentication failed: user and password required"),
                jmx("wrong password", "master", ServerDir.ADMIN, "admin-wrong", mbs -> mbs.getMBeanCount(),
                        "Authentication failed: wrong user or password"),
                jmx("unknown user", "master", "mallory", rw, mbs -> mbs.getMBeanCount(),
                        "Authentication failed: wrong user or password"),
                jmx("user without a role reads an attribute", "master", GUEST, GUEST_PASSWORD,
                        mbs -> mbs.getAttribute(new ObjectName(SERVER), "Name"), "Access denied: user 'guest' has no role"),
                jmx("user without a role invokes statusJson", "master", GUEST, GUEST_PASSWORD, invoke(CLUSTER, "statusJson"),
                        "Access denied: user 'guest' has no role"),
                jmx("readonly Server.restart", "master", mon, ro, invoke(SERVER, "restart"), readonlyRefusal("invoke")),
                jmx("readonly Server.restart on a replica", "replica-1", mon, ro, invoke(SERVER, "restart"), readonlyRefusal("invoke")),
                jmx("readonly Server.syncAndRestart on a replica", "replica-1", mon, ro,
                        invoke(SERVER, "syncAndRestart", new Object[] {"999"}, new String[] {"java.lang.String"}),
                        readonlyRefusal("invoke")),
                jmx("readonly ConfigStore.refresh", "master", mon, ro, invoke(CONFIG_STORE, "refresh"), readonlyRefusal("invoke")),
                jmx("readonly ConfigStore.sync on a replica", "replica-1", mon, ro, invoke(CONFIG_STORE, "sync"),
                        readonlyRefusal("invoke")),
                jmx("readonly Cluster.restart(true)", "master", mon, ro,
                        invoke(CLUSTER, "restart", new Object[] {true}, BOOLEAN), readonlyRefusal("invoke")),
                jmx("readonly Cluster.restart(false)", "master", mon, ro,
                        invoke(CLUSTER, "restart", new Object[] {false}, BOOLEAN), readonlyRefusal("invoke")),
                jmx("readonly Cluster.cancel", "master", mon, ro, invoke(CLUSTER, "cancel"), readonlyRefusal("invoke")),
                jmx("readonly ClusterProtocol.replicaCompleted", "master", mon, ro,
                        invoke(ClusterProtocolMXBean.OBJECT_NAME, "replicaCompleted", new Object[] {"1", "replica-1", "RESTARTED", "forged"}, FOUR_STRINGS),
                        readonlyRefusal("invoke")),
                jmx("readonly java.lang:type=Memory gc", "master", mon, ro, invoke("java.lang:type=Memory", "gc"),
                        readonlyRefusal("invoke")),
                jmx("readonly HotSpotDiagnostic dumpHeap", "master", mon, ro,
                        invoke("com.sun.management:type=HotSpotDiagnostic", "dumpHeap",
                                new Object[] {"heap-by-monitor.hprof", true}, new String[] {"java.lang.String", "boolean"}),
                        readonlyRefusal("invoke")),
                jmx("readonly DiagnosticCommand vmSystemProperties", "master", mon, ro,
                        invoke("com.sun.management:type=DiagnosticCommand", "vmSystemProperties"), readonlyRefusal("invoke")),
                jmx("readonly sets java.lang:type=Memory Verbose", "master", mon, ro,
                        mbs -> {
                            mbs.setAttribute(new ObjectName("java.lang:type=Memory"), new Attribute("Verbose", true));
                            return null;
                        }, readonlyRefusal("setAttribute")),
                jmx("readonly unregisters ripple:type=Cluster", "master", mon, ro,
                        mbs -> {
                            mbs.unregisterMBean(new ObjectName(CLUSTER));
                            return null;
                        }, "Access denied: no remote user may call unregisterMBean"),
                jmx("admin unregisters ripple:type=Cluster", "master", ServerDir.ADMIN, rw,
                        mbs -> {
                            mbs.unregisterMBean(new ObjectName(CLUSTER));
                            return null;
                        }, "Access denied: no remote user may call unregisterMBean"),
                jmx("admin creates an MLet", "master", ServerDir.ADMIN, rw,
                        mbs -> mbs.createMBean("javax.management.loading.MLet", new ObjectName("evil:type=MLet")),
                        "Access denied: no remote user may call createMBean"),
                jmx("readonly creates an MLet", "master", mon, ro,
                        mbs -> mbs.createMBean("javax.management.loading.MLet", new ObjectName("evil:type=MLet")),
                        "Access denied: no remote user may call createMBean"));
    }

    @Order(1)
    @ParameterizedTest(name = "JMX refused: {0}")
    @MethodSource("jmxRefusals")
    void jmxRefusesAndChangesNothing(String what, String server, String user, String password, JmxCall call, String message)
            throws Exception {
        Snapshot before = snapshot();
        Throwable refused = catchThrowable(() -> jmxAs(server, user, password, call));
        assertThat(refused).as(what).isInstanceOf(SecurityException.class).hasMessage(message);
        assertUnchanged(before);
        assertThat(cluster.master.dir.resolve("heap-by-monitor.hprof")).doesNotExist();
        assertThat(jmxAs("master", ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD, mbs -> mbs.isRegistered(new ObjectName(CLUSTER))))
                .isEqualTo(true);
    }

    Stream<Arguments> jmxReadonlyAllowed() {
        return Stream.of(
                Arguments.of("reads Server attributes", "master",
                        (JmxCall) mbs -> mbs.getAttributes(new ObjectName(SERVER), new String[] {"Name", "BootId", "State"}).size(),
                        "3"),
                Arguments.of("reads ConfigStore Digest", "replica-1",
                        (JmxCall) mbs -> ((String) mbs.getAttribute(new ObjectName(CONFIG_STORE), "Digest")).length(), "64"),
                Arguments.of("reads java.lang:type=Memory", "master",
                        (JmxCall) mbs -> mbs.getAttribute(new ObjectName("java.lang:type=Memory"), "Verbose"), "false"),
                Arguments.of("invokes @ReadOnly Cluster.statusJson", "master",
                        (JmxCall) mbs -> JSON.readTree((String) mbs.invoke(new ObjectName(CLUSTER), "statusJson", new Object[0],
                                NO_SIGNATURE)).has("message"), "true"),
                Arguments.of("invokes @ReadOnly Cluster.preview", "master",
                        (JmxCall) mbs -> ((String) mbs.invoke(new ObjectName(CLUSTER), "preview", new Object[0], NO_SIGNATURE))
                                .contains("replica-1"), "true"),
                Arguments.of("invokes @ReadOnly ConfigStore.manifest", "master",
                        (JmxCall) mbs -> mbs.invoke(new ObjectName(CONFIG_STORE), "manifest", new Object[0], NO_SIGNATURE)
                                .getClass().isArray(), "true"));
    }

    @Order(2)
    @ParameterizedTest(name = "JMX readonly may: {0}")
    @MethodSource("jmxReadonlyAllowed")
    void jmxReadonlyReadsAndInvokesReadOnlyOperations(String what, String server, JmxCall call, String expected) throws Exception {
        Snapshot before = snapshot();
        assertThat(String.valueOf(jmxAs(server, ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD, call))).as(what).isEqualTo(expected);
        assertUnchanged(before);
    }

    // ------------------------------------------------------------------ Jolokia

    /** A raw HTTP exchange with the agent, so that methods, paths and headers can be chosen freely. */
    record Reply(int http, Map<String, List<String>> headers, JsonNode body) {
        int status() {
            return body != null && body.has("status") ? body.get("status").asInt() : http;
        }

        String error() {
            return body == null ? "" : body.path("error").asText("");
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Reply http(String server, String method, String path, String body, String user, String password, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.dir(server).jolokiaUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "text/plain");
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException notJson) {
            // a 401 page
        }
        if (json != null && json.isArray() && json.size() == 1) {
            json = json.get(0);
        }
        return new Reply(response.statusCode(), response.headers().map(), json);
    }

    static String exec(String mbean, String operation, Object... arguments) {
        ObjectNode request = JSON.createObjectNode().put("type", "exec").put("mbean", mbean).put("operation", operation);
        ArrayNode args = request.putArray("arguments");
        for (Object a : arguments) {
            if (a instanceof Boolean b) {
                args.add(b);
            } else {
                args.add(String.valueOf(a));
            }
        }
        return request.toString();
    }

    static String read(String mbean, String attribute) {
        ObjectNode request = JSON.createObjectNode().put("type", "read").put("mbean", mbean);
        if (attribute != null) {
            request.put("attribute", attribute);
        }
        return request.toString();
    }

    @FunctionalInterface
    interface JolokiaCall {
        Reply call(SecurityIT test) throws Exception;
    }

    static JolokiaCall post(String server, String user, String password, String body, String... headers) {
        return t -> t.http(server, "POST", "", body, user, password, headers);
    }

    static Arguments jolokia(String what, JolokiaCall call, int http, int status, String error) {
        return Arguments.of(what, call, http, status, error);
    }

    Stream<Arguments> jolokiaRefusals() {
        String admin = ServerDir.ADMIN;
        String rw = ServerDir.ADMIN_PASSWORD;
        String mon = ServerDir.MONITOR;
        String ro = ServerDir.MONITOR_PASSWORD;
        String forbiddenOp = "forbidden for MBean ";
        return Stream.of(
                jolokia("anonymous read", post("master", null, null, read(SERVER, "Name")), 401, 401, ""),
                jolokia("wrong password", post("master", admin, "admin-wrong", read(SERVER, "Name")), 401, 401, ""),
                jolokia("anonymous exec restart by URL", t -> t.http("master", "GET", "exec/ripple:type=Server/restart", null, null, null),
                        401, 401, ""),
                jolokia("user without a role reads", post("master", GUEST, GUEST_PASSWORD, read(SERVER, "Name")), 200, 403,
                        "Reading attribute Name is forbidden for MBean ripple:type=Server"),
                jolokia("readonly exec Server.restart", post("master", mon, ro, exec(SERVER, "restart")), 200, 403,
                        "Operation restart " + forbiddenOp + SERVER),
                jolokia("readonly exec Server.restart() with a signature", post("master", mon, ro, exec(SERVER, "restart()")),
                        200, 403, "Operation restart() " + forbiddenOp + SERVER),
                jolokia("readonly exec Server.restart by GET URL",
                        t -> t.http("master", "GET", "exec/ripple:type=Server/restart", null, mon, ro), 200, 403,
                        "exec and write must be sent as POST requests"),
                jolokia("admin exec Server.restart by GET URL",
                        t -> t.http("master", "GET", "exec/ripple:type=Server/restart", null, admin, rw), 200, 403,
                        "exec and write must be sent as POST requests"),
                jolokia("readonly exec ConfigStore.refresh", post("master", mon, ro, exec(CONFIG_STORE, "refresh")), 200, 403,
                        "Operation refresh " + forbiddenOp + CONFIG_STORE),
                jolokia("readonly exec ConfigStore.sync on a replica", post("replica-2", mon, ro, exec(CONFIG_STORE, "sync")),
                        200, 403, "Operation sync " + forbiddenOp + CONFIG_STORE),
                jolokia("readonly exec Server.syncAndRestart on a replica",
                        post("replica-2", mon, ro, exec(SERVER, "syncAndRestart", "999")), 200, 403,
                        "Operation syncAndRestart " + forbiddenOp + SERVER),
                jolokia("readonly exec Cluster.restart(true)", post("master", mon, ro, exec(CLUSTER, "restart", true)), 200, 403,
                        "Operation restart " + forbiddenOp + CLUSTER),
                jolokia("readonly exec Cluster.restart(false)", post("master", mon, ro, exec(CLUSTER, "restart", false)), 200, 403,
                        "Operation restart " + forbiddenOp + CLUSTER),
                jolokia("readonly exec Cluster.cancel", post("master", mon, ro, exec(CLUSTER, "cancel")), 200, 403,
                        "Operation cancel " + forbiddenOp + CLUSTER),
                jolokia("readonly exec ClusterProtocol.replicaCompleted", post("master", mon, ro,
                        exec(ClusterProtocolMXBean.OBJECT_NAME, "replicaCompleted", "1", "replica-1", "RESTARTED", "forged")), 200,
                        403, "Operation replicaCompleted " + forbiddenOp + ClusterProtocolMXBean.OBJECT_NAME),
                jolokia("readonly write", post("master", mon, ro,
                        "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}"), 200, 403,
                        "Writing attribute Verbose forbidden for MBean java.lang:type=Memory"),
                jolokia("admin exec java.lang:type=Memory gc (policy)", post("master", admin, rw, exec("java.lang:type=Memory", "gc")),
                        200, 403, "Operation gc " + forbiddenOp + "java.lang:type=Memory"),
                jolokia("admin write java.lang:type=Memory Verbose (policy)", post("master", admin, rw,
                        "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}"), 200, 403,
                        "Writing attribute Verbose forbidden for MBean java.lang:type=Memory"),
                jolokia("admin exec HotSpotDiagnostic dumpHeap (policy)", t -> t.http("master", "POST", "",
                        exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap",
                                t.root.resolve("heap-by-admin.hprof").toString(), true), admin, rw), 200, 403,
                        "Operation dumpHeap " + forbiddenOp + "com.sun.management:type=HotSpotDiagnostic"),
                jolokia("admin exec DiagnosticCommand (policy)", post("master", admin, rw,
                        exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties")), 200, 403,
                        "Operation vmSystemProperties " + forbiddenOp + "com.sun.management:type=DiagnosticCommand"),
                jolokia("admin reads a jolokia:type=Config MBean (policy)", t -> t.http("master", "POST", "",
                        read(t.jolokiaConfigMBean(), null), admin, rw), 200, 403, "forbidden for MBean jolokia:"),
                jolokia("admin exec a jolokia:type=Config operation (policy)", t -> t.http("master", "POST", "",
                        exec(t.jolokiaConfigMBean(), "resetHistoryEntries"), admin, rw), 200, 403,
                        "Operation resetHistoryEntries " + forbiddenOp + "jolokia:"),
                jolokia("admin proxies to another JMX server (jsr160 disabled)", post("master", admin, rw,
                        "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Name\","
                                + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/ldap://127.0.0.1:1/evil\"}}"), 200, 403,
                        "Proxy requests ('target') are not allowed: this agent answers for its own JVM only"),
                jolokia("admin HTTP method PUT", t -> t.http("master", "PUT", "", read(SERVER, "Name"), admin, rw),
                        200, 400, "HTTP Method PUT is not supported."),
                jolokia("admin exec restart from a foreign Origin (CSRF)", post("master", admin, rw, exec(SERVER, "restart"),
                        "Origin", EVIL_ORIGIN), 200, 403, "Origin " + EVIL_ORIGIN + " is not allowed to call this agent"),
                jolokia("admin exec restart by GET from a foreign Referer (CSRF)", t -> t.http("master", "GET",
                        "exec/ripple:type=Server/restart", null, admin, rw, "Referer", EVIL_ORIGIN + "/page.html"), 200, 403,
                        "Origin " + EVIL_ORIGIN + "/page.html is not allowed to call this agent"),
                jolokia("admin exec restart from a sandboxed page (Origin: null)", post("master", admin, rw, exec(SERVER, "restart"),
                        "Origin", "null"), 200, 403, "Origin null is not allowed to call this agent"),
                jolokia("admin exec restart by GET with the path in ?p= (CSRF)", t -> t.http("master", "GET",
                        "?p=/exec/ripple:type=Server/restart", null, admin, rw), 200, 403,
                        "exec and write must be sent as POST requests"),
                // Notifications (#9): served in pull mode, as POST, for ripple MBeans only.
                jolokia("readonly listens to java.lang:type=Memory (notification outside ripple)", post("master", mon, ro,
                        notificationAdd("java.lang:type=Memory", "pull")), 200, 403,
                        "Notifications of java.lang:type=Memory are not served: only of MBeans in the ripple domain"),
                jolokia("admin listens to JMImplementation:type=MBeanServerDelegate (notification outside ripple)",
                        post("master", admin, rw, notificationAdd("JMImplementation:type=MBeanServerDelegate", "pull")), 200, 403,
                        "Notifications of JMImplementation:type=MBeanServerDelegate are not served"),
                jolokia("admin listens to a pattern ripple:* (notification)", post("master", admin, rw,
                        notificationAdd("ripple:*", "pull")), 200, 403, "Notifications of ripple:* are not served"),
                jolokia("admin listens in sse mode (notification)", post("master", admin, rw,
                        notificationAdd(SERVER, "sse")), 200, 403, "Notification mode 'sse' is not served: only pull"),
                jolokia("admin opens a notification channel", post("master", admin, rw,
                        "{\"type\":\"notification\",\"command\":\"open\",\"client\":\"x\",\"mode\":\"sse\"}"), 200, 403,
                        "Notification command 'open' is not served"),
                jolokia("readonly registers for notifications by GET", t -> t.http("master", "GET", "notification/register",
                        null, mon, ro), 200, 403, "notification requests must be sent as POST requests"),
                jolokia("user without a role registers for notifications", post("master", GUEST, GUEST_PASSWORD,
                        "{\"type\":\"notification\",\"command\":\"register\"}"), 200, 403,
                        "Request type notification is not allowed"),
                jolokia("user without a role listens to ripple:type=Server", post("master", GUEST, GUEST_PASSWORD,
                        notificationAdd(SERVER, "pull")), 200, 403, "Request type notification is not allowed"));
    }

    static String notificationAdd(String mbean, String mode) {
        return JSON.createObjectNode().put("type", "notification").put("command", "add").put("client", "any-client")
                .put("mode", mode).put("mbean", mbean).toString();
    }

    /** The name of the agent's own config MBean (search is allowed by the policy). */
    String jolokiaConfigMBean() throws Exception {
        Reply found = http("master", "POST", "", "{\"type\":\"search\",\"mbean\":\"jolokia:type=Config,*\"}",
                ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD);
        assertThat(found.status()).as("search " + found.body()).isEqualTo(200);
        assertThat(found.body().get("value")).isNotEmpty();
        return found.body().get("value").get(0).asText();
    }

    @Order(3)
    @ParameterizedTest(name = "Jolokia refused: {0}")
    @MethodSource("jolokiaRefusals")
    void jolokiaRefusesAndChangesNothing(String what, JolokiaCall call, int http, int status, String error) throws Exception {
        Snapshot before = snapshot();
        Reply reply = call.call(this);
        assertThat(reply.http()).as(what + ": HTTP status of " + reply).isEqualTo(http);
        assertThat(reply.status()).as(what + ": Jolokia status of " + reply).isEqualTo(status);
        assertThat(reply.error()).as(what + ": error of " + reply).contains(error);
        if (status == 403 && http == 200) {
            assertThat(reply.body().path("error_type").asText()).isEqualTo("java.lang.Exception");
        }
        assertThat(reply.body() == null ? "" : reply.body().toString()).doesNotContain("\tat ", "admin-secret");
        assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(root.resolve("heap-by-admin.hprof")).doesNotExist();
        assertUnchanged(before);
    }

    @Order(4)
    @ParameterizedTest(name = "Jolokia CORS: {0} gets no Access-Control-Allow-Origin echo")
    @MethodSource("corsRequests")
    void aForeignOriginIsNotEchoed(String what, String method, String body, String user, String password) throws Exception {
        Snapshot before = snapshot();
        Reply reply = http("master", method, "", body, user, password, "Origin", EVIL_ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
        assertThat(reply.header("Access-Control-Allow-Origin")).as(what + ": " + reply.headers())
                .isEmpty();
        assertThat(reply.header("Access-Control-Allow-Credentials")).as(what).isEmpty();
        assertUnchanged(before);
    }

    Stream<Arguments> corsRequests() {
        return Stream.of(
                Arguments.of("monitor read with a foreign Origin", "POST", read(SERVER, "Name"), ServerDir.MONITOR,
                        ServerDir.MONITOR_PASSWORD),
                Arguments.of("preflight OPTIONS from a foreign Origin", "OPTIONS", null, null, null));
    }

    Stream<Arguments> jolokiaAllowed() {
        return Stream.of(
                Arguments.of("monitor reads Server", post("master", ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD, read(SERVER, null)),
                        "master"),
                Arguments.of("monitor reads java.lang:type=Memory", post("master", ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD,
                        read("java.lang:type=Memory", "Verbose")), "false"),
                Arguments.of("monitor exec @ReadOnly statusJson", post("master", ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD,
                        exec(CLUSTER, "statusJson")), "message"),
                Arguments.of("monitor exec @ReadOnly preview", post("master", ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD,
                        exec(CLUSTER, "preview")), "replica-2"),
                Arguments.of("an allowed Origin is echoed", post("master", ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD,
                        read(SERVER, "Name"), "Origin", "http://127.0.0.1:8778"), "master"),
                Arguments.of("monitor registers a notification client (pull mode)", post("master", ServerDir.MONITOR,
                        ServerDir.MONITOR_PASSWORD, "{\"type\":\"notification\",\"command\":\"register\"}"),
                        "NotificationStore"));
    }

    @Order(5)
    @ParameterizedTest(name = "Jolokia allowed: {0}")
    @MethodSource("jolokiaAllowed")
    void jolokiaPositiveControls(String what, JolokiaCall call, String valueFragment) throws Exception {
        Snapshot before = snapshot();
        Reply reply = call.call(this);
        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(200);
        assertThat(reply.body().get("value").toString()).contains(valueFragment);
        if (what.contains("Origin")) {
            assertThat(reply.header("Access-Control-Allow-Origin")).contains("http://127.0.0.1:8778");
        }
        assertUnchanged(before);
    }

    @Order(6)
    @ParameterizedTest(name = "{0} restarts the server (positive control)")
    @MethodSource("adminRestarts")
    void adminMayRestart(String what, String server, JmxCall overJmx, JolokiaCall overJolokia) throws Exception {
        String boot = (String) cluster.attribute(server, SERVER, "BootId");
        if (overJmx != null) {
            assertThat((String) jmxAs(server, ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD, overJmx)).contains("requested");
        } else {
            Reply reply = overJolokia.call(this);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.body().get("value").asText()).contains("requested");
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                !boot.equals(cluster.attribute(server, SERVER, "BootId")) && "RUNNING".equals(cluster.attribute(server, SERVER, "State")));
        assertThat((String) cluster.attribute(server, SERVER, "LastRestartReason")).contains("admin (");
    }

    Stream<Arguments> adminRestarts() {
        return Stream.of(
                Arguments.of("admin exec over Jolokia", "master", null,
                        post("master", ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD, exec(SERVER, "restart"))),
                Arguments.of("admin invoke over JMX", "replica-1", invoke(SERVER, "restart"), null));
    }

    // ------------------------------------------------------------------ start-up refusals

    record Outcome(int exitCode, String output) {
    }

    Outcome runMain(Path conf) throws IOException, InterruptedException {
        Path output = conf.resolveSibling("output.log");
        Process p = NodeProcess.launch(conf, output);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !p.isAlive());
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new Outcome(p.exitValue(), Files.readString(output));
    }

    @FunctionalInterface
    interface Setup {
        /** Prepares the server folder; returns the exact refusal expected. */
        String prepare(ServerDir dir) throws Exception;
    }

    static String chmod(ServerDir dir, String file, String mode) throws IOException {
        Path path = dir.dir.resolve(file);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path.toString();
    }

    Stream<Arguments> startupRefusals() {
        return Stream.of(
                Arguments.of("a world-readable password file", (Setup) dir -> {
                    dir.writeConf(dir.masterConf(""));
                    String p = chmod(dir, "jmx-config/jmxremote.password", "rw-r--r--");
                    return "Password file " + p + " must be readable by its owner only (chmod 600 " + p + ")";
                }),
                Arguments.of("a group-readable password file", (Setup) dir -> {
                    dir.writeConf(dir.masterConf(""));
                    String p = chmod(dir, "jmx-config/jmxremote.password", "rw-r-----");
                    return "Password file " + p + " must be readable by its owner only (chmod 600 " + p + ")";
                }),
                Arguments.of("JMX on 0.0.0.0 without a password file", (Setup) dir -> {
                    dir.writeConf("[server]\nname = exposed\ndata-dir = data\n[cluster]\nis-master = yes\n"
                            + "[jmx]\nhost = 0.0.0.0\nport = " + dir.jmxPort + "\n");
                    return "Missing [jmx] password-file in server.conf: set it, or authenticate = no for anonymous access"
                            + " on loopback only.";
                }),
                Arguments.of("Jolokia on 0.0.0.0 without a password file", (Setup) dir -> {
                    dir.writeConf("[server]\nname = exposed\ndata-dir = data\n[cluster]\nis-master = yes\n"
                            + "[jmx]\nport = 0\n[jolokia]\nhost = 0.0.0.0\nport = " + dir.jolokiaPort + "\n");
                    return "Missing [jolokia] password-file in server.conf: set it, or authenticate = no for anonymous access"
                            + " on loopback only.";
                }),
                Arguments.of("Jolokia on 0.0.0.0 beside an anonymous loopback JMX", (Setup) dir -> {
                    dir.writeConf("[server]\nname = exposed\ndata-dir = data\n[cluster]\nis-master = yes\n"
                            + "[jmx]\nhost = 127.0.0.1\nport = " + dir.jmxPort + "\nauthenticate = no\n[jolokia]\nhost = 0.0.0.0\nport = "
                            + dir.jolokiaPort + "\nauthenticate = no\n");
                    return "Invalid authenticate 'no' at server.conf:13. Anonymous access is allowed on loopback only, and"
                            + " [jolokia] host is 0.0.0.0: set a password-file, or a loopback host.";
                }),
                Arguments.of("a world-readable credentials file", (Setup) dir -> {
                    dir.writeConf(dir.masterConf(""));
                    String p = chmod(dir, "jmx-config/cluster.credentials", "rw-r--r--");
                    return "Credentials file " + p + " must be readable by its owner only (chmod 600 " + p + ").";
                }),
                Arguments.of("a group-readable credentials file on a replica", (Setup) dir -> {
                    dir.writeConf(dir.replicaConf(cluster.master, false));
                    String p = chmod(dir, "jmx-config/cluster.credentials", "rw-r-----");
                    return "Credentials file " + p + " must be readable by its owner only (chmod 600 " + p + ").";
                }));
    }

    @Order(7)
    @ParameterizedTest(name = "start-up refused: {0}")
    @MethodSource("startupRefusals")
    void unsafeStartupsExitWith2AndTheReason(String what, Setup setup) throws Exception {
        Snapshot before = snapshot();
        ServerDir dir = new ServerDir(Files.createTempDirectory(root, "startup-"), "lonely");
        dir.write("banner.txt", "Welcome\n");
        String reason = setup.prepare(dir);
        Outcome outcome = runMain(dir.conf());
        assertThat(outcome.exitCode()).as(what + ":\n" + outcome.output()).isEqualTo(2);
        assertThat(outcome.output()).contains("ripple-node: RPL1003E " + reason).doesNotContain("\tat ", "Exception");
        assertThat(dir.dataDir()).doesNotExist();
        assertUnchanged(before);
    }

    // ------------------------------------------------------------------ what a replica accepts from its master

    /** The master's store as a test can tamper with it, and put back. */
    final class Store {
        final long version;
        final Path manifestFile;
        final String newPath;
        final Map<Path, byte[]> originals = new LinkedHashMap<>();
        final List<Runnable> undo = new ArrayList<>();

        Store(long version, String newPath) {
            this.version = version;
            this.manifestFile = cluster.master.dataDir().resolve(String.format("store/versions/%010d.json", version));
            this.newPath = newPath;
        }

        ObjectNode manifest() throws IOException {
            return (ObjectNode) JSON.readTree(manifestFile.toFile());
        }

        JsonNode entry(String path) throws IOException {
            for (JsonNode e : manifest().get("entries")) {
                if (e.get("path").asText().equals(path)) {
                    return e;
                }
            }
            throw new AssertionError("no entry " + path + " in " + manifestFile);
        }

        Path object(String sha) {
            return cluster.master.dataDir().resolve("store/objects").resolve(sha.substring(0, 2)).resolve(sha);
        }

        void keep(Path file) throws IOException {
            if (!originals.containsKey(file)) {
                originals.put(file, Files.readAllBytes(file));
            }
        }

        /** Adds an entry to the manifest; with {@code consistent}, the digest is made to match, as a forging master would. */
        void addEntry(String path, long size, String sha, boolean consistent) throws IOException {
            rewrite(entries -> entries.addObject().put("path", path).put("size", size).put("sha256", sha), consistent);
        }

        void rewrite(java.util.function.Consumer<ArrayNode> change, boolean consistent) throws IOException {
            keep(manifestFile);
            ObjectNode m = manifest();
            change.accept((ArrayNode) m.get("entries"));
            if (consistent) {
                List<ManifestEntry> entries = new ArrayList<>();
                m.get("entries").forEach(e -> entries.add(new ManifestEntry(e.get("path").asText(), e.get("size").asLong(),
                        e.get("sha256").asText())));
                m.put("digest", Hashing.digest(entries));
            }
            Files.write(manifestFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        }

        void restore() throws IOException {
            for (Map.Entry<Path, byte[]> e : originals.entrySet()) {
                Files.write(e.getKey(), e.getValue());
            }
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
        }
    }

    @FunctionalInterface
    interface Tamper {
        /** Tampers with the store (or the replica); returns the exact error the replica must give. */
        String apply(Store store) throws Exception;
    }

    /** A new junction on the master and a refresh that publishes it: every replica is stale. */
    Store publishChange(String name) throws Exception {
        String path = "junctions/" + name + ".json";
        cluster.master.write(path, "{\"path\": \"/" + name + "\", \"backend\": \"http://127.0.0.1:" + (9100 + ++changes) + "\"}\n");
        long version = (Long) cluster.invoke("master", CONFIG_STORE, "refresh", new Object[0], NO_SIGNATURE);
        return new Store(version, path);
    }

    Path outside() throws IOException {
        return Files.createDirectories(root.resolve("outside"));
    }

    Stream<Arguments> syncAttacks() {
        return Stream.of(
                Arguments.of("manifest path ../evil.json (JMX transport)", "replica-1", false, (Tamper) s -> {
                    JsonNode e = s.entry(s.newPath);
                    s.addEntry("../evil.json", e.get("size").asLong(), e.get("sha256").asText(), true);
                    return "Sync from master failed: Path '../evil.json' leaves the configuration folder or is not normalized.";
                }),
                Arguments.of("manifest path ../evil.json (Jolokia transport)", "replica-2", false, (Tamper) s -> {
                    JsonNode e = s.entry(s.newPath);
                    s.addEntry("../evil.json", e.get("size").asLong(), e.get("sha256").asText(), true);
                    return "Sync from master failed: Path '../evil.json' leaves the configuration folder or is not normalized.";
                }),
                Arguments.of("absolute manifest path", "replica-1", false, (Tamper) s -> {
                    JsonNode e = s.entry(s.newPath);
                    String evil = outside().resolve("evil.json").toString();
                    s.addEntry(evil, e.get("size").asLong(), e.get("sha256").asText(), true);
                    return "Sync from master failed: Path '" + evil + "' must be relative to the configuration folder.";
                }),
                Arguments.of("absolute manifest path /tmp/evil.json (Jolokia transport)", "replica-2", false, (Tamper) s -> {
                    JsonNode e = s.entry(s.newPath);
                    s.addEntry("/tmp/evil.json", e.get("size").asLong(), e.get("sha256").asText(), true);
                    return "Sync from master failed: Path '/tmp/evil.json' must be relative to the configuration folder.";
                }),
                Arguments.of("a run distributing junctions/../../evil.json", "run", true, (Tamper) s -> {
                    s.rewrite(entries -> entries.forEach(e -> {
                        if (e.get("path").asText().equals(s.newPath)) {
                            ((ObjectNode) e).put("path", "junctions/../../evil.json");
                        }
                    }), false);
                    return "Path 'junctions/../../evil.json' leaves the configuration folder or is not normalized.";
                }),
                Arguments.of("manifest path server.conf", "replica-1", false, (Tamper) s -> {
                    JsonNode e = s.entry(s.newPath);
                    s.addEntry("server.conf", e.get("size").asLong(), e.get("sha256").asText(), true);
                    return "Sync from master failed: Manifest path 'server.conf' would overwrite this server's own server.conf.";
                }),
                Arguments.of("manifest path into the data-dir", "replica-2", false, (Tamper) s -> {
                    JsonNode e = s.entry(s.newPath);
                    s.addEntry("data/state.json", e.get("size").asLong(), e.get("sha256").asText(), true);
                    return "Sync from master failed: Manifest path 'data/state.json' would overwrite this server's own data-dir.";
                }),
                Arguments.of("a SHA-256 that is a path", "replica-1", false, (Tamper) s -> {
                    s.rewrite(entries -> entries.forEach(e -> {
                        if (e.get("path").asText().equals(s.newPath)) {
                            ((ObjectNode) e).put("sha256", "../../../../evil.json");
                        }
                    }), true);
                    return "Sync from master failed: Manifest entry '" + s.newPath + "' has no valid SHA-256.";
                }),
                Arguments.of("an entry larger than the limit", "replica-1", false, (Tamper) s -> {
                    s.rewrite(entries -> entries.forEach(e -> {
                        if (e.get("path").asText().equals(s.newPath)) {
                            ((ObjectNode) e).put("size", 1L << 40);
                        }
                    }), true);
                    return "Sync from master failed: Manifest entry '" + s.newPath + "' is " + (1L << 40) + " bytes; the limit is ";
                }),
                Arguments.of("a run with a manifest that does not match its digest", "run", true, (Tamper) s -> {
                    String bannerSha = s.entry("banner.txt").get("sha256").asText();
                    long bannerSize = s.entry("banner.txt").get("size").asLong();
                    s.rewrite(entries -> entries.forEach(e -> {
                        if (e.get("path").asText().equals(s.newPath)) {
                            ((ObjectNode) e).put("sha256", bannerSha).put("size", bannerSize);
                        }
                    }), false);
                    return "The manifest of version " + s.version + " does not match its digest.";
                }),
                Arguments.of("a manifest whose digest field was changed", "replica-2", false, (Tamper) s -> {
                    s.keep(s.manifestFile);
                    ObjectNode m = s.manifest();
                    m.put("digest", Hashing.sha256Hex("forged".getBytes(StandardCharsets.UTF_8)));
                    Files.write(s.manifestFile, JSON.writeValueAsBytes(m));
                    return "Sync from master failed: The manifest of version " + s.version + " does not match its digest.";
                }),
                Arguments.of("a run with a corrupted stored object", "run", true, (Tamper) s -> {
                    String sha = s.entry(s.newPath).get("sha256").asText();
                    Path object = s.object(sha);
                    s.keep(object);
                    byte[] bytes = Files.readAllBytes(object);
                    bytes[bytes.length / 2] ^= 0x20; // same size, other bytes
                    Files.write(object, bytes);
                    return "'" + s.newPath + "' arrived corrupted 3 times: SHA-256 " + Hashing.sha256Hex(bytes) + " instead of "
                            + sha + ". Nothing was applied.";
                }),
                Arguments.of("a junctions folder that is a link leaving the configuration folder", "replica-1", false, (Tamper) s -> {
                    Path junctions = cluster.dir("replica-1").dir.resolve("junctions");
                    Path elsewhere = Files.createDirectories(outside().resolve("junctions-elsewhere"));
                    try (Stream<Path> list = Files.list(junctions)) {
                        for (Path p : list.toList()) {
                            Files.move(p, elsewhere.resolve(p.getFileName()));
                        }
                    }
                    Files.delete(junctions);
                    Files.createSymbolicLink(junctions, elsewhere);
                    s.undo.add(() -> {
                        try {
                            Files.delete(junctions);
                            Files.createDirectories(junctions);
                            try (Stream<Path> list = Files.list(elsewhere)) {
                                for (Path p : list.toList()) {
                                    Files.move(p, junctions.resolve(p.getFileName()));
                                }
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    return "Sync from master failed: Path 'junctions/app.json' goes through a link that leaves the configuration folder "
                            + cluster.dir("replica-1").dir.toAbsolutePath().normalize() + ".";
                }));
    }

    @Order(8)
    @ParameterizedTest(name = "sync refused: {0}")
    @MethodSource("syncAttacks")
    void aReplicaRefusesWhatItMustNotApply(String what, String target, boolean viaRun, Tamper tamper) throws Exception {
        Store store = publishChange("change" + (changes + 1));
        String expected;
        Snapshot before;
        Map<String, String> outside;
        List<Path> evil;
        try {
            expected = tamper.apply(store);
            before = snapshot();
            outside = files(outside());
            evil = evilFiles();
            if (viaRun) {
                JsonNode status = cluster.runAndWait(false);
                assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("FAILED");
                for (String replica : cluster.replicas.keySet()) {
                    assertThat(row(status, replica).get("state").asText()).as(replica + " in " + status).isEqualTo("FAILED");
                    assertThat(row(status, replica).get("detail").asText()).as(replica).startsWith(expected);
                }
                assertThat(row(status, "master").get("state").asText()).isEqualTo("SKIPPED");
                assertThat(status.get("message").asText()).startsWith("The cluster restart failed.");
            } else {
                Throwable refused = catchThrowable(() -> cluster.invoke(target, CONFIG_STORE, "sync", new Object[0], NO_SIGNATURE));
                assertThat(refused).as(what).isInstanceOf(javax.management.MBeanException.class);
                assertThat(refused.getCause()).isInstanceOf(IllegalStateException.class);
                assertThat(refused.getCause().getMessage()).startsWith(expected);
            }
            // nothing written anywhere: no file outside a configuration folder, no staging left, files unchanged
            Snapshot after = snapshot();
            assertThat(after.bootIds()).isEqualTo(before.bootIds());
            for (String replica : cluster.replicas.keySet()) {
                assertThat(after.versions().get(replica)).isEqualTo(before.versions().get(replica));
                assertThat(after.files().get(replica)).as(replica + " files").isEqualTo(before.files().get(replica));
                assertThat(cluster.dir(replica).dataDir().resolve("staging")).doesNotExist();
                assertThat(cluster.dir(replica).dataDir().resolve("apply-journal.json")).doesNotExist();
                assertThat((String) cluster.attribute(replica, SERVER, "State")).isEqualTo("RUNNING");
            }
            if (!viaRun) {
                assertThat(after.runId()).isEqualTo(before.runId());
                assertThat(after.statusMessage()).isEqualTo(before.statusMessage());
            }
            assertThat(files(outside())).isEqualTo(outside);
            assertThat(evilFiles()).isEqualTo(evil).noneMatch(p -> p.startsWith(root));
        } finally {
            store.restore();
        }
        // a clean run afterwards brings every replica to the master's version
        JsonNode clean = cluster.runAndWait(false);
        assertThat(clean.get("state").asText()).as(clean.toString()).isEqualTo("COMPLETED");
        for (String replica : cluster.replicas.keySet()) {
            assertThat(row(clean, replica).get("state").asText()).as(replica + " in " + clean).isEqualTo("RESTARTED");
            assertThat(cluster.dir(replica).dir.resolve(store.newPath)).hasSameBinaryContentAs(cluster.master.dir.resolve(store.newPath));
            assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest")).isEqualTo(cluster.attribute("master", CONFIG_STORE, "Digest"));
        }
    }

    // ------------------------------------------------------------------ the master's read operations

    record Read(String what, String url, Function<RemoteServer, Object> call, String message) {
    }

    Stream<Arguments> badReads() throws Exception {
        JsonNode banner = null;
        for (JsonNode e : JSON.readTree(cluster.master.dataDir().resolve("store/versions").toFile().listFiles()[0]).get("entries")) {
            banner = e.get("path").asText().equals("banner.txt") ? e : banner;
        }
        String sha = banner.get("sha256").asText();
        long size = banner.get("size").asLong();
        List<Arguments> rows = new ArrayList<>();
        for (String transport : List.of("JMX", "Jolokia")) {
            String url = transport.equals("JMX") ? cluster.master.jmxUrl() : cluster.master.jolokiaUrl();
            rows.add(Arguments.of(transport + ": readObject past the end", url,
                    (Function<RemoteServer, Object>) m -> m.configStore().readObject(sha, size + 1000, 10),
                    url + ": offset " + (size + 1000) + " and length 10 are outside the file " + sha + " (" + size + " bytes)"));
            rows.add(Arguments.of(transport + ": readChunk past the end", url,
                    (Function<RemoteServer, Object>) m -> m.configStore().readChunk("banner.txt", size + 1, 10),
                    url + ": offset " + (size + 1) + " and length 10 are outside 'banner.txt' (" + size + " bytes)"));
            rows.add(Arguments.of(transport + ": readObject with a path for a hash", url,
                    (Function<RemoteServer, Object>) m -> m.configStore().readObject("../../jmx-config/jmxremote.password", 0, 10),
                    url + ": '../../jmx-config/jmxremote.password' is not a SHA-256 hex digest"));
            rows.add(Arguments.of(transport + ": readChunk of a file that is not published", url,
                    (Function<RemoteServer, Object>) m -> m.configStore().readChunk("jmx-config/jmxremote.password", 0, 10),
                    url + ": 'jmx-config/jmxremote.password' is not in published version "));
        }
        return rows.stream();
    }

    @Order(9)
    @ParameterizedTest(name = "master refuses: {0}")
    @MethodSource("badReads")
    void theMastersReadOperationsRefuseBadInput(String what, String url, Function<RemoteServer, Object> call, String message)
            throws Exception {
        Snapshot before = snapshot();
        RemoteConnector connector = new RemoteConnector(new Credentials(RIPPLE, RIPPLE_PASSWORD));
        try (RemoteServer master = connector.open(url)) {
            Throwable refused = catchThrowable(() -> call.apply(master));
            assertThat(refused).as(what).isInstanceOf(RemoteException.class);
            assertThat(((RemoteException) refused).kind()).isEqualTo(RemoteException.Kind.REMOTE_ERROR);
            assertThat(refused.getMessage()).startsWith(message).doesNotContain("\tat ", RIPPLE_PASSWORD);
        }
        assertUnchanged(before);
    }

    @Order(10)
    @ParameterizedTest(name = "master does not publish: {0}")
    @MethodSource("masterLinks")
    void theMasterDoesNotPublishALinkToASecret(String what, String link) throws Exception {
        Snapshot before = snapshot();
        Path file = cluster.master.dir.resolve(link);
        Files.createSymbolicLink(file, cluster.master.dir.resolve("jmx-config/jmxremote.password"));
        try {
            long version = (Long) cluster.invoke("master", CONFIG_STORE, "refresh", new Object[0], NO_SIGNATURE);
            assertThat(version).isEqualTo(before.versions().get("master"));
            String manifest = java.util.Arrays.deepToString(
                    (Object[]) cluster.invoke("master", CONFIG_STORE, "manifest", new Object[0], NO_SIGNATURE));
            assertThat(manifest).contains("junctions/app.json");
            assertThat(manifest).doesNotContain(link);
        } finally {
            Files.delete(file);
        }
        assertUnchanged(before);
    }

    Stream<Arguments> masterLinks() {
        return Stream.of(Arguments.of("a junction file that links to the password file", "junctions/leak.json"));
    }

    // ------------------------------------------------------------------ only from its own master

    Stream<Arguments> wrongMasters() {
        return Stream.of(
                Arguments.of("master-url pointing at another replica",
                        (Function<SecurityIT, String>) t -> t.cluster.dir("replica-1").jmxUrl(), "master",
                        "replica 'replica-1', not the master 'master' this replica is configured with."),
                Arguments.of("master-url pointing at another replica over Jolokia",
                        (Function<SecurityIT, String>) t -> t.cluster.dir("replica-1").jolokiaUrl(), "master",
                        "replica 'replica-1', not the master 'master' this replica is configured with."),
                Arguments.of("a master with another name",
                        (Function<SecurityIT, String>) t -> t.cluster.master.jmxUrl(), "impostor",
                        "master 'master', not the master 'impostor' this replica is configured with."));
    }

    @Order(11)
    @ParameterizedTest(name = "refused: {0}")
    @MethodSource("wrongMasters")
    void aReplicaSyncsOnlyFromItsOwnMaster(String what, Function<SecurityIT, String> urlOf, String masterName, String message)
            throws Exception {
        publishChange("stale" + (changes + 1)); // something a sync would bring
        ServerDir replica = cluster.dir("replica-2");
        String url = urlOf.apply(this);
        Map<String, String> filesBefore = files(replica.dir);
        long versionBefore = (Long) cluster.attribute("replica-2", CONFIG_STORE, "Version");
        cluster.stop("replica-2");
        try {
            cluster.processes.put("replica-2", NodeProcess.start(replica, d -> d.conf(
                    "is-master = no\nmaster-name = " + masterName + "\nmaster-url = " + url + "\n")));
            Map<String, String> started = files(replica.dir);
            started.remove("server.conf");
            Map<String, String> expectedFiles = new TreeMap<>(filesBefore);
            expectedFiles.remove("server.conf");
            assertThat(started).isEqualTo(expectedFiles);
            String refusal = "RPL4011E The server at " + url + " is " + message;
            assertThat(cluster.attribute("replica-2", SERVER, "ConfigSource")).isEqualTo("last-known-good");
            assertThat(cluster.processes.get("replica-2").output())
                    .contains("Startup sync with master " + masterName + " failed: " + refusal)
                    .contains("Starting on the last-known-good configuration (version " + versionBefore + ").");
            Snapshot before = snapshot();
            Throwable refused = catchThrowable(() -> cluster.invoke("replica-2", CONFIG_STORE, "sync", new Object[0], NO_SIGNATURE));
            assertThat(refused).isInstanceOf(javax.management.MBeanException.class);
            assertThat(refused.getCause()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Sync from " + masterName + " failed: " + refusal);
            assertUnchanged(before);
        } finally {
            cluster.startReplica("replica-2");
        }
        assertThat(cluster.attribute("replica-2", SERVER, "ConfigSource")).isEqualTo("master");
        assertThat(cluster.attribute("replica-2", CONFIG_STORE, "Digest")).isEqualTo(cluster.attribute("master", CONFIG_STORE, "Digest"));
    }

    /** Every evil.json under the test's folder, and /tmp/evil.json if it exists. */
    List<Path> evilFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().equals("evil.json")).forEach(found::add);
        }
        if (Files.exists(Path.of("/tmp/evil.json"), LinkOption.NOFOLLOW_LINKS)) {
            found.add(Path.of("/tmp/evil.json"));
        }
        return found;
    }
}
