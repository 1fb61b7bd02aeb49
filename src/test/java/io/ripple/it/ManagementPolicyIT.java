package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One management policy on both channels, proved on real node processes over a real JMX RMI connector and a real
 * Jolokia agent (without a Jolokia policy file): nobody creates or unregisters MBeans or reaches class loading, the
 * JVM's own MBeans are read-only unless the access file grants {@code jvm-control}, and secrets in the JVM's arguments
 * and system properties never leave the process.
 *
 * <p>Three standalone servers: {@code secured} (password and access file), {@code open} (anonymous on loopback,
 * {@code authenticate = no}) and {@code noroles} (a password file and an access file that gives nobody a role; a
 * password file with no access file at all is refused at start, see ConfSchemaIT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPolicyIT {

    static final String SECURED = "secured";
    static final String OPEN = "open";
    static final String NO_ROLES = "noroles";
    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-secret";
    static final String ANONYMOUS = "anonymous";
    static final String KEYSTORE_PASSWORD = "hunter2-keystore";
    static final String TOKEN = "tok-xyzzy-42";
    static final String AGENT_PASSWORD = "agent-pw-31337";
    static final List<String> SECRET_ARGS = List.of("-Djavax.net.ssl.keyStorePassword=" + KEYSTORE_PASSWORD,
            "-Dmy.secret.token=" + TOKEN, "-Dsome.agent.options=user=x,password=" + AGENT_PASSWORD);
    static final String MEMORY = "java.lang:type=Memory";
    static final String RUNTIME = "java.lang:type=Runtime";
    static final String HOTSPOT = "com.sun.management:type=HotSpotDiagnostic";
    static final String LOGGING = "java.util.logging:type=Logging";
    static final String SERVER = TestCluster.SERVER;
    static final String CLUSTER = TestCluster.CLUSTER;
    static final String EVIL_MLET = "evil:type=MLet";
    static final String[] NONE = new String[0];
    static final ObjectMapper JSON = new ObjectMapper();

    Path root;
    final Map<String, ServerDir> dirs = new java.util.LinkedHashMap<>();
    final List<NodeProcess> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startServers(@TempDir Path temp) throws IOException {
        root = temp;
        ServerDir secured = new ServerDir(temp, SECURED);
        Path passwords = secured.dir.resolve("jmx-config/jmxremote.password");
        Files.writeString(passwords, Files.readString(passwords) + OPERATOR + " " + OPERATOR_PASSWORD + "\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Path access = secured.dir.resolve("jmx-config/jmxremote.access");
        Files.writeString(access, Files.readString(access) + OPERATOR + " readwrite jvm-control\n");
        start(secured, d -> withoutJolokiaPolicy(d.masterConf("")));

        start(new ServerDir(temp, OPEN), d -> withoutJolokiaPolicy(d.masterConf(""))
                .replace("password-file = jmx-config/jmxremote.password\naccess-file = jmx-config/jmxremote.access\n",
                        "authenticate = no\n")
                .replace("[jolokia]\n", "[jolokia]\nauthenticate = no\n"));

        ServerDir noRoles = new ServerDir(temp, NO_ROLES);
        noRoles.write("jmx-config/jmxremote.access", "# nobody has a role here\n");
        start(noRoles, d -> withoutJolokiaPolicy(d.masterConf("")));
    }

    private void start(ServerDir dir, java.util.function.Function<ServerDir, String> conf) {
        dirs.put(dir.name, dir);
        dir.write("banner.txt", "Welcome to " + dir.name + "\n");
        // the secured server's host has an MLet of its own
        processes.add(NodeProcess.start(dir, conf, dir.name.equals(SECURED) ? MLetHostMain.class.getName()
                : NodeProcess.SAMPLE_MAIN, SECRET_ARGS));
    }

    private static String withoutJolokiaPolicy(String conf) {
        return conf.replace("policy-file = jmx-config/jolokia-access.xml\n", "");
    }

    @AfterAll
    void stopServers() {
        processes.forEach(NodeProcess::close);
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    interface JmxCall {
        Object call(MBeanServerConnection mbs) throws Exception;
    }

    static String password(String user) {
        return switch (user) {
            case ServerDir.ADMIN -> ServerDir.ADMIN_PASSWORD;
            case ServerDir.MONITOR -> ServerDir.MONITOR_PASSWORD;
            case OPERATOR -> OPERATOR_PASSWORD;
            default -> null;
        };
    }

    Object jmxAs(String server, String user, JmxCall call) throws Exception {
        String login = ANONYMOUS.equals(user) ? null : user;
        try (JMXConnector c = JmxClients.connect(dirs.get(server).jmxUrl(), login, login == null ? null : password(login))) {
            return call.call(c.getMBeanServerConnection());
        }
    }

    /** A Jolokia POST as the user; the raw response body, whatever its status. */
    String jolokiaAs(String server, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dirs.get(server).jolokiaUrl()))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!ANONYMOUS.equals(user)) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password(user)).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static int status(String body) throws IOException {
        JsonNode json = JSON.readTree(body);
        return json.isArray() ? json.get(0).path("status").asInt() : json.path("status").asInt();
    }

    static String exec(String mbean, String operation, Object... arguments) throws IOException {
        return JSON.writeValueAsString(Map.of("type", "exec", "mbean", mbean, "operation", operation,
                "arguments", List.of(arguments)));
    }

    static String write(String mbean, String attribute, Object value) throws IOException {
        return JSON.writeValueAsString(Map.of("type", "write", "mbean", mbean, "attribute", attribute, "value", value));
    }

    static JmxCall invoke(String mbean, String operation, Object[] args, String[] signature) {
        return mbs -> mbs.invoke(new ObjectName(mbean), operation, args, signature);
    }

    static String jvmRule(String user, String method, String mbean) {
        return "Access denied: user '" + user + "' may not call " + method + " on " + mbean
                + ": MBeans outside the ripple domain are read-only unless the access file grants 'jvm-control' to '"
                + user + "'";
    }

    static String readonlyRule(String method) {
        return "Access denied: user 'monitor' is readonly and may not call " + method;
    }

    static String nobodyRule(String method) {
        return "Access denied: no remote user may call " + method;
    }

    static String noRole(String user) {
        return "Access denied: user '" + user + "' has no role";
    }

    Path heapDump(String server, String user) {
        return root.resolve("heap-" + server + "-" + user + ".hprof");
    }

    // ------------------------------------------------------------------ JMX: what nobody may do, and the JVM's MBeans

    /** One attack over JMX: who, on which server, what, and the refusal; what must not have happened is checked after. */
    Stream<Arguments> jmxAttacks() {
        List<Arguments> rows = new ArrayList<>();
        for (String[] caller : new String[][] {{SECURED, ServerDir.ADMIN}, {SECURED, ServerDir.MONITOR},
                {OPEN, ANONYMOUS}, {NO_ROLES, ServerDir.ADMIN}, {NO_ROLES, ServerDir.MONITOR}}) {
            String server = caller[0];
            String user = caller[1];
            boolean monitor = user.equals(ServerDir.MONITOR) && server.equals(SECURED);
            boolean noRole = server.equals(NO_ROLES);
            String invokeJvm = noRole ? noRole(user) : monitor ? readonlyRule("invoke") : null;
            String setJvm = noRole ? noRole(user) : monitor ? readonlyRule("setAttribute") : null;
            String nobody = noRole ? noRole(user) : null;
            rows.add(row(server, user, "createMBean of an MLet",
                    mbs -> mbs.createMBean("javax.management.loading.MLet", new ObjectName(EVIL_MLET)),
                    nobody != null ? nobody : nobodyRule("createMBean")));
            rows.add(row(server, user, "unregisterMBean ripple:type=Server", mbs -> {
                mbs.unregisterMBean(new ObjectName(SERVER));
                return null;
            }, nobody != null ? nobody : nobodyRule("unregisterMBean")));
            rows.add(row(server, user, "HotSpotDiagnostic.dumpHeap",
                    invoke(HOTSPOT, "dumpHeap", new Object[] {heapDump(server, user).toString(), true},
                            new String[] {"java.lang.String", "boolean"}),
                    invokeJvm != null ? invokeJvm : jvmRule(user, "invoke", HOTSPOT)));
            rows.add(row(server, user, "Memory.gc", invoke(MEMORY, "gc", new Object[0], NONE),
                    invokeJvm != null ? invokeJvm : jvmRule(user, "invoke", MEMORY)));
            rows.add(row(server, user, "HotSpotDiagnostic.setVMOption",
                    invoke(HOTSPOT, "setVMOption", new Object[] {"HeapDumpOnOutOfMemoryError", "true"},
                            new String[] {"java.lang.String", "java.lang.String"}),
                    invokeJvm != null ? invokeJvm : jvmRule(user, "invoke", HOTSPOT)));
            rows.add(row(server, user, "Logging.setLoggerLevel",
                    invoke(LOGGING, "setLoggerLevel", new Object[] {"", "FINEST"},
                            new String[] {"java.lang.String", "java.lang.String"}),
                    invokeJvm != null ? invokeJvm : jvmRule(user, "invoke", LOGGING)));
            rows.add(row(server, user, "write Memory Verbose", mbs -> {
                mbs.setAttribute(new ObjectName(MEMORY), new Attribute("Verbose", true));
                return null;
            }, setJvm != null ? setJvm : jvmRule(user, "setAttribute", MEMORY)));
        }
        return rows.stream();
    }

    static Arguments row(String server, String user, String what, JmxCall call, String refusal) {
        return Arguments.of(user + " on " + server + ": " + what, server, user, call, refusal);
    }

    @ParameterizedTest(name = "JMX refused: {0}")
    @MethodSource("jmxAttacks")
    void jmxRefusesAndNothingHappens(String what, String server, String user, JmxCall call, String refusal)
            throws Exception {
        Throwable refused = catchThrowable(() -> jmxAs(server, user, call));

        assertThat(refused).as(what).isInstanceOf(SecurityException.class).hasMessage(refusal);
        assertThat(heapDump(server, user)).doesNotExist();
        String reader = server.equals(OPEN) ? ANONYMOUS : server.equals(SECURED) ? ServerDir.ADMIN : null;
        if (reader != null) {
            jmxAs(server, reader, mbs -> {
                assertThat(mbs.isRegistered(new ObjectName(SERVER))).as("ripple:type=Server registered").isTrue();
                assertThat(mbs.isRegistered(new ObjectName(EVIL_MLET))).as("no MLet").isFalse();
                assertThat(mbs.getAttribute(new ObjectName(MEMORY), "Verbose")).isEqualTo(false);
                assertThat(vmOption(mbs, "HeapDumpOnOutOfMemoryError")).isEqualTo("false");
                return null;
            });
        }
    }

    /** A VM option's value, read as an attribute (its operation getVMOption is refused like every JVM operation). */
    static String vmOption(MBeanServerConnection mbs, String option) throws Exception {
        for (CompositeData row : (CompositeData[]) mbs.getAttribute(new ObjectName(HOTSPOT), "DiagnosticOptions")) {
            if (option.equals(row.get("name"))) {
                return (String) row.get("value");
            }
        }
        return null;
    }

    @ParameterizedTest(name = "JMX still works for {0} on {1}")
    @MethodSource("readers")
    void jmxStillServesReadsListenersAndRippleOperations(String user, String server) throws Exception {
        jmxAs(server, user, mbs -> {
            assertThat(mbs.getAttribute(new ObjectName(MEMORY), "HeapMemoryUsage")).isInstanceOf(CompositeData.class);
            assertThat((Long) mbs.getAttribute(new ObjectName(RUNTIME), "Uptime")).isPositive();
            assertThat(mbs.queryNames(new ObjectName("java.lang:*"), null)).isNotEmpty();
            assertThat(mbs.getMBeanInfo(new ObjectName(HOTSPOT)).getOperations()).isNotEmpty();
            // an operation with an argument: the connector unwraps it with the MBean's class loader
            assertThat((String) mbs.invoke(new ObjectName(CLUSTER), "events", new Object[] {0L}, new String[] {"long"}))
                    .startsWith("[");
            // as JConsole does: listen to Ripple's notifications, and to the JVM's
            NotificationListener ignore = (n, h) -> { };
            mbs.addNotificationListener(new ObjectName(CLUSTER), ignore, null, null);
            mbs.addNotificationListener(new ObjectName(MEMORY), ignore, null, null);
            mbs.removeNotificationListener(new ObjectName(CLUSTER), ignore);
            mbs.removeNotificationListener(new ObjectName(MEMORY), ignore);
            return null;
        });
    }

    Stream<Arguments> readers() {
        return Stream.of(Arguments.of(ServerDir.ADMIN, SECURED), Arguments.of(ServerDir.MONITOR, SECURED),
                Arguments.of(ANONYMOUS, OPEN));
    }

    // ------------------------------------------------------------------ Jolokia: the same without a policy file

    Stream<Arguments> jolokiaAttacks() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        for (String[] caller : new String[][] {{SECURED, ServerDir.ADMIN}, {OPEN, ANONYMOUS}, {NO_ROLES, ServerDir.ADMIN}}) {
            String server = caller[0];
            String user = caller[1];
            rows.add(Arguments.of(user + " on " + server + ": exec Memory.gc", server, user, exec(MEMORY, "gc")));
            rows.add(Arguments.of(user + " on " + server + ": exec HotSpotDiagnostic.dumpHeap", server, user,
                    exec(HOTSPOT, "dumpHeap", heapDump(server, user).toString(), true)));
            rows.add(Arguments.of(user + " on " + server + ": exec setVMOption", server, user,
                    exec(HOTSPOT, "setVMOption", "HeapDumpOnOutOfMemoryError", "true")));
            rows.add(Arguments.of(user + " on " + server + ": exec Logging.setLoggerLevel", server, user,
                    exec(LOGGING, "setLoggerLevel", "", "FINEST")));
            rows.add(Arguments.of(user + " on " + server + ": write Memory Verbose", server, user,
                    write(MEMORY, "Verbose", true)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "Jolokia refused: {0}")
    @MethodSource("jolokiaAttacks")
    void jolokiaRefusesJvmControlWithoutAPolicyFile(String what, String server, String user, String request)
            throws Exception {
        String answer = jolokiaAs(server, user, request);

        assertThat(status(answer)).as(what + ": " + answer).isEqualTo(403);
        assertThat(heapDump(server, user)).doesNotExist();
        if (!server.equals(NO_ROLES)) {
            JsonNode verbose = JSON.readTree(jolokiaAs(server, user,
                    "{\"type\":\"read\",\"mbean\":\"" + MEMORY + "\",\"attribute\":\"Verbose\"}"));
            assertThat(verbose.path("value").asBoolean(true)).isFalse();
        }
    }

    @Test
    void jolokiaServesReadsOfTheJvm() throws Exception {
        for (String[] caller : new String[][] {{SECURED, ServerDir.ADMIN}, {SECURED, ServerDir.MONITOR}, {OPEN, ANONYMOUS}}) {
            JsonNode uptime = JSON.readTree(jolokiaAs(caller[0], caller[1],
                    "{\"type\":\"read\",\"mbean\":\"" + RUNTIME + "\",\"attribute\":\"Uptime\"}"));
            assertThat(uptime.path("status").asInt()).as(caller[1]).isEqualTo(200);
            assertThat(uptime.path("value").asLong()).isPositive();
        }
    }

    // ------------------------------------------------------------------ a grant in the access file

    @Test
    void onlyTheUserGrantedJvmControlMayCallGcOnBothChannels() throws Exception {
        assertThat(jmxAs(SECURED, OPERATOR, invoke(MEMORY, "gc", new Object[0], NONE))).isNull();
        assertThat(status(jolokiaAs(SECURED, OPERATOR, exec(MEMORY, "gc")))).isEqualTo(200);

        Throwable admin = catchThrowable(() -> jmxAs(SECURED, ServerDir.ADMIN, invoke(MEMORY, "gc", new Object[0], NONE)));
        assertThat(admin).isInstanceOf(SecurityException.class).hasMessage(jvmRule(ServerDir.ADMIN, "invoke", MEMORY));
        assertThat(status(jolokiaAs(SECURED, ServerDir.ADMIN, exec(MEMORY, "gc")))).isEqualTo(403);
    }

    // ------------------------------------------------------------------ class loading

    @Test
    void nobodyReachesAnMLetTheHostRegistered() throws Exception {
        HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger fetched = new AtomicInteger();
        evil.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        evil.start();
        try {
            String url = "http://127.0.0.1:" + evil.getAddress().getPort() + "/evil.mlet";
            String refusal = nobodyRule("invoke") + " on " + MLetHostMain.MLET_NAME
                    + ": it is a javax.management.loading.MLet and no remote user may reach class loading";
            for (String user : List.of(OPERATOR, ServerDir.ADMIN, ServerDir.MONITOR)) {
                Throwable refused = catchThrowable(() -> jmxAs(SECURED, user, invoke(MLetHostMain.MLET_NAME,
                        "getMBeansFromURL", new Object[] {url}, new String[] {"java.lang.String"})));
                assertThat(refused).as(user).isInstanceOf(SecurityException.class).hasMessage(refusal);
                assertThat(status(jolokiaAs(SECURED, user, exec(MLetHostMain.MLET_NAME, "getMBeansFromURL", url))))
                        .as(user).isEqualTo(403);
                Throwable added = catchThrowable(() -> jmxAs(SECURED, user, invoke(MLetHostMain.MLET_NAME, "addURL",
                        new Object[] {url}, new String[] {"java.lang.String"})));
                assertThat(added).as(user).isInstanceOf(SecurityException.class);
            }
            assertThat(fetched).as("requests for the MLet file").hasValue(0);
            assertThat((Object[]) jmxAs(SECURED, ServerDir.ADMIN,
                    mbs -> mbs.getAttribute(new ObjectName(MLetHostMain.MLET_NAME), "URLs"))).isEmpty();
        } finally {
            evil.stop(0);
        }
    }

    // ------------------------------------------------------------------ secrets in sight

    @ParameterizedTest(name = "JMX masks secrets for {0} on {1}")
    @MethodSource("readers")
    void jmxMasksSecretsOfTheJvm(String user, String server) throws Exception {
        jmxAs(server, user, mbs -> {
            ObjectName runtime = new ObjectName(RUNTIME);
            String[] arguments = (String[]) mbs.getAttribute(runtime, "InputArguments");
            TabularData properties = (TabularData) mbs.getAttribute(runtime, "SystemProperties");
            AttributeList both = mbs.getAttributes(runtime, new String[] {"InputArguments", "SystemProperties"});
            String seen = Arrays.toString(arguments) + properties + both;

            assertNoSecret(seen);
            assertThat(Arrays.asList(arguments)).contains("-Djavax.net.ssl.keyStorePassword=****",
                    "-Dmy.secret.token=****", "-Dsome.agent.options=user=x,password=****");
            assertThat(properties.get(new Object[] {"my.secret.token"}).get("value")).isEqualTo("****");
            assertThat(properties.get(new Object[] {"some.agent.options"}).get("value")).isEqualTo("user=x,password=****");
            assertThat(properties.get(new Object[] {"java.version"}).get("value")).isNotEqualTo("****");
            return null;
        });
    }

    @ParameterizedTest(name = "Jolokia masks secrets for {0} on {1}")
    @MethodSource("readers")
    void jolokiaMasksSecretsOfTheJvm(String user, String server) throws Exception {
        List<String> reads = List.of(
                "{\"type\":\"read\",\"mbean\":\"" + RUNTIME + "\",\"attribute\":\"InputArguments\"}",
                "{\"type\":\"read\",\"mbean\":\"" + RUNTIME + "\",\"attribute\":\"SystemProperties\"}",
                "{\"type\":\"read\",\"mbean\":\"" + RUNTIME + "\",\"attribute\":[\"InputArguments\",\"SystemProperties\"]}",
                "{\"type\":\"read\",\"mbean\":\"" + RUNTIME + "\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:*\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Run*\",\"attribute\":\"SystemProperties\"}",
                "{\"type\":\"read\",\"mbean\":\"*:*\",\"attribute\":\"InputArguments\"}",
                "{\"type\":\"read\",\"mbean\":\"" + RUNTIME + "\",\"attribute\":\"SystemProperties\",\"path\":\"my.secret.token\"}",
                "[{\"type\":\"read\",\"mbean\":\"" + RUNTIME + "\",\"attribute\":\"InputArguments\"},"
                        + "{\"type\":\"read\",\"mbean\":\"" + RUNTIME + "\",\"attribute\":\"SystemProperties\"}]");
        for (String read : reads) {
            String answer = jolokiaAs(server, user, read);
            assertThat(status(answer)).as(read + ": " + answer).isEqualTo(200);
            assertNoSecret(answer);
            assertThat(answer).as(read).contains("****");
        }
    }

    static void assertNoSecret(String seen) {
        assertThat(seen).doesNotContain(KEYSTORE_PASSWORD).doesNotContain(TOKEN).doesNotContain(AGENT_PASSWORD);
    }
}
