package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JolokiaEndpointTest {

    private static final String HOST = "127.0.0.1";
    private static final String NOT_THIS_MACHINE = "192.0.2.1";
    private static final String SAMPLE = "ripple:type=JolokiaSample";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Sample sample = new Sample();
    private JolokiaEndpoint endpoint;

    @BeforeEach
    void registerSample() throws Exception {
        platform.registerMBean(DescribedMXBean.of(sample, SampleMXBean.class), new ObjectName(SAMPLE));
    }

    @AfterEach
    void stop() throws Exception {
        sample.release();
        if (endpoint != null) {
            endpoint.close();
        }
        platform.unregisterMBean(new ObjectName(SAMPLE));
    }

    private JolokiaEndpoint start(Path policy) throws Exception {
        endpoint = JolokiaEndpoint.start(new JolokiaSettings(
                HOST, 0, TestFiles.passwordFile(dir), TestFiles.accessFile(dir), policy));
        return endpoint;
    }

    private HttpResponse<String> post(String user, String password, String body) throws Exception {
        return http.send(request(user, password, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String user, String password, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return request.build();
    }

    private static String read(String mbean, String attribute) {
        return "{\"type\":\"read\",\"mbean\":\"" + mbean + "\",\"attribute\":\"" + attribute + "\"}";
    }

    private static String exec(String mbean, String operation, Object... arguments) throws Exception {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation
                + "\",\"arguments\":" + JSON.writeValueAsString(arguments) + "}";
    }

    /** Jolokia reports refusals either as HTTP status or in the body's status; both count. */
    private static int status(HttpResponse<String> response) throws Exception {
        if (response.statusCode() != 200) {
            return response.statusCode();
        }
        return JSON.readTree(response.body()).path("status").asInt();
    }

    private static JsonNode value(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).as(response.body()).isEqualTo(200);
        return body.path("value");
    }

    @Test
    void readonlyUserReadsListsAndSearches() throws Exception {
        start(null);

        assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:" + endpoint.port() + "/jolokia/");
        assertThat(value(post("monitor", "monitor-secret", read(SAMPLE, "Name"))).asText()).isEqualTo("sample");
        assertThat(value(post("monitor", "monitor-secret", "{\"type\":\"version\"}")).has("agent")).isTrue();
        assertThat(value(post("monitor", "monitor-secret", "{\"type\":\"search\",\"mbean\":\"ripple:*\"}")))
                .extracting(JsonNode::toString).asString().contains(SAMPLE);
        JsonNode list = value(post("monitor", "monitor-secret", "{\"type\":\"list\",\"path\":\"ripple\"}"));
        JsonNode add = list.path("type=JolokiaSample").path("op").path("add");
        assertThat(add.path("desc").asText()).isEqualTo("Adds two numbers");
        assertThat(add.path("args").get(0).path("name").asText()).isEqualTo("left");
    }

    @Test
    void readonlyUserCannotExecOrWrite() throws Exception {
        start(null);

        assertThat(status(post("monitor", "monitor-secret", exec(SAMPLE, "add", 1, 2)))).isEqualTo(403);
        assertThat(status(post("monitor", "monitor-secret",
                "{\"type\":\"write\",\"mbean\":\"" + SAMPLE + "\",\"attribute\":\"Level\",\"value\":5}")))
                .isEqualTo(403);
        assertThat(sample.getLevel()).isEqualTo(1);
    }

    @Test
    void readwriteUserExecsAndWritesAndIsTheCaller() throws Exception {
        start(null);

        assertThat(value(post("admin", "admin-secret", exec(SAMPLE, "add", 1, 2))).asInt()).isEqualTo(3);
        assertThat(value(post("admin", "admin-secret", exec(SAMPLE, "whoAmI"))).asText())
                .isEqualTo("admin (jolokia 127.0.0.1)");
        assertThat(status(post("ripple", "ripple-secret",
                "{\"type\":\"write\",\"mbean\":\"" + SAMPLE + "\",\"attribute\":\"Level\",\"value\":5}")))
                .isEqualTo(200);
        assertThat(sample.getLevel()).isEqualTo(5);
    }

    @Test
    void wrongOrMissingCredentialsGet401() throws Exception {
        start(null);

        assertThat(post("admin", "wrong", read(SAMPLE, "Name")).statusCode()).isEqualTo(401);
        assertThat(post("nobody", "admin-secret", read(SAMPLE, "Name")).statusCode()).isEqualTo(401);
        assertThat(post(null, null, read(SAMPLE, "Name")).statusCode()).isEqualTo(401);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(endpoint.url() + "version"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(401);
    }

    @Test
    void policyFileRestrictsEvenReadwriteUsers() throws Exception {
        start(Path.of("jmx-config/jolokia-access.xml"));

        assertThat(status(post("admin", "admin-secret", exec("java.lang:type=Memory", "gc")))).isEqualTo(403);
        assertThat(value(post("admin", "admin-secret", read("java.lang:type=Runtime", "Uptime"))).asLong()).isPositive();
        assertThat(status(post("admin", "admin-secret", read("JMImplementation:type=MBeanServerDelegate",
                "MBeanServerId")))).isEqualTo(403);
        assertThat(status(post("admin", "admin-secret",
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}")))
                .isEqualTo(403);
    }

    @Test
    void policyFileAllowsTheRippleDomain() throws Exception {
        String ripple = "ripple:type=PolicySample";
        platform.registerMBean(DescribedMXBean.of(new Sample(), SampleMXBean.class), new ObjectName(ripple));
        try {
            start(Path.of("jmx-config/jolokia-access.xml"));

            assertThat(value(post("admin", "admin-secret", exec(ripple, "add", 2, 2))).asInt()).isEqualTo(4);
            assertThat(status(post("monitor", "monitor-secret", exec(ripple, "add", 2, 2)))).isEqualTo(403);
        } finally {
            platform.unregisterMBean(new ObjectName(ripple));
        }
    }

    @Test
    void missingPolicyFileRefusesToStart() throws Exception {
        Path policy = dir.resolve("absent.xml");
        Path passwords = TestFiles.passwordFile(dir);

        assertThatThrownBy(() -> JolokiaEndpoint.start(new JolokiaSettings(HOST, 0, passwords, null, policy)))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Jolokia policy file " + policy + " is missing or unreadable");
    }

    /** Not XML at all, or XML cut short: one sentence with the file and where, and nothing printed beside it. */
    @Test
    void aPolicyFileThatIsNotXmlIsNamedWithItsLineAndPrintsNothing() throws Exception {
        Path policy = dir.resolve("jolokia-access.xml");
        Files.writeString(policy, "<restrict>\n  <commands>\n    <command>read</command>\n  </commandz>\n</restrict>\n");
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rw-------"));
        Path passwords = TestFiles.passwordFile(dir);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> JolokiaEndpoint.start(new JolokiaSettings(HOST, 0, passwords, null, policy)))
                    .isInstanceOf(ManagementException.class)
                    .hasMessageStartingWith("Jolokia policy file " + policy + " is not well-formed XML at line 4: ")
                    .hasMessageNotContaining("Exception");
        } finally {
            System.setErr(stderr);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void slowRequestDoesNotHoldUpOthers() throws Exception {
        start(null);

        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                request("admin", "admin-secret", exec(SAMPLE, "block")), HttpResponse.BodyHandlers.ofString());
        assertThat(sample.blocking.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(value(post("monitor", "monitor-secret", read(SAMPLE, "Name"))).asText()).isEqualTo("sample");
        assertThat(slow).isNotDone();
        sample.release();
        await().atMost(TIMEOUT).until(slow::isDone);
        assertThat(value(slow.get()).asText()).isEqualTo("released");
    }

    /** An address of another machine (TEST-NET-1) in [jolokia] host: no port there is "in use", the host is wrong. */
    @Test
    void reportsAHostThatIsNotThisMachines() throws Exception {
        Path passwords = TestFiles.passwordFile(dir);

        assertThatThrownBy(() -> JolokiaEndpoint.start(new JolokiaSettings(NOT_THIS_MACHINE, 45678, passwords, null, null)))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Jolokia port 45678 on 192.0.2.1 cannot be opened: 192.0.2.1 is not an address of this machine");
    }

    @Test
    void reportsAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            int port = taken.getLocalPort();
            Path passwords = TestFiles.passwordFile(dir);

            assertThatThrownBy(() -> JolokiaEndpoint.start(new JolokiaSettings(HOST, port, passwords, null, null)))
                    .isInstanceOf(ManagementException.class)
                    .hasMessage("Jolokia port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void refusesAnonymousAccessOffLoopbackAndLoosePasswordFiles() throws Exception {
        assertThatThrownBy(() -> JolokiaEndpoint.start(new JolokiaSettings("0.0.0.0", 0, null, null, null)))
                .hasMessage("Jolokia on 0.0.0.0 needs a password file: anonymous access is allowed on loopback "
                        + "addresses only");
        Path passwords = TestFiles.passwordFile(dir);
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> JolokiaEndpoint.start(new JolokiaSettings(HOST, 0, passwords, null, null)))
                .hasMessageContaining("must be readable by its owner only");
    }

    @Test
    void enablesNoDelay() throws Exception {
        start(null);

        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }

    @Test
    void runsSeveralAgentsInOneJvm() throws Exception {
        start(null);
        try (JolokiaEndpoint other = JolokiaEndpoint.start(
                new JolokiaSettings(HOST, 0, TestFiles.passwordFile(dir), TestFiles.accessFile(dir), null))) {
            HttpRequest toOther = HttpRequest.newBuilder(request("admin", "admin-secret", read(SAMPLE, "Name")),
                    (name, value) -> true).uri(URI.create(other.url())).build();
            HttpResponse<String> response = http.send(toOther, HttpResponse.BodyHandlers.ofString());
            assertThat(value(response).asText()).isEqualTo("sample");
        }
        assertThat(value(post("admin", "admin-secret", read(SAMPLE, "Name"))).asText()).isEqualTo("sample");
    }
}
