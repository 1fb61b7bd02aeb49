package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cluster.RunStarted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jolokia requests judged as Jolokia parses them (issue #14, part 3, and the boolean half of part 5), on a real master
 * and replica over raw HTTP: any spelling of exec, write or notification over GET, notification requests in any
 * spelling, request bodies past the bound, users without a role, and boolean arguments that are not booleans. Every
 * refusal also shows that nothing happened: no boot id changed and no run started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JolokiaRequestIT {

    static final String GUEST = "guest";
    static final String GUEST_PASSWORD = "guest-secret";
    static final String ADMIN = ServerDir.ADMIN;
    static final String ADMIN_PASSWORD = ServerDir.ADMIN_PASSWORD;
    static final String GET_REFUSED = "exec and write must be sent as POST requests";
    static final String NOTIFICATION_GET_REFUSED = "notification requests must be sent as POST requests";
    static final int BODY_LIMIT = 256 * 1024;
    static final long ANSWER_SECONDS = 15;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path temp) throws IOException {
        cluster = new TestCluster(temp.resolve("cluster"), 1);
        // a user who can log in but has no role in the access file
        Path passwords = cluster.master.dir.resolve("jmx-config/jmxremote.password");
        Files.writeString(passwords, Files.readString(passwords) + GUEST + " " + GUEST_PASSWORD + "\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    // ------------------------------------------------------------------ what "nothing happened" means

    /** The boot ids of every server and the master's latest run. */
    record Snapshot(Map<String, String> bootIds, String runId, boolean inProgress) {
    }

    Snapshot snapshot() throws Exception {
        try (JMXConnector c = cluster.jmx("master")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(CLUSTER);
            String status = (String) mbs.invoke(name, "statusJson", new Object[0], new String[0]);
            return new Snapshot(cluster.bootIds(), JSON.readTree(status).path("runId").toString(),
                    (Boolean) mbs.getAttribute(name, "InProgress"));
        }
    }

    void assertNothingHappened(Snapshot before) throws Exception {
        Snapshot after = snapshot();
        assertThat(after.bootIds()).as("boot ids").isEqualTo(before.bootIds());
        assertThat(after.runId()).as("latest run id").isEqualTo(before.runId());
        assertThat(after.inProgress()).as("a run in progress").isFalse();
    }

    // ------------------------------------------------------------------ HTTP

    /** An HTTP answer: its status line's code and its body parsed as JSON (null when it is not JSON). */
    record Reply(int http, JsonNode body, String raw) {
        int status() {
            return body != null && body.has("status") ? body.get("status").asInt() : http;
        }

        String error() {
            return body == null ? raw : body.path("error").asText("");
        }

        @Override
        public String toString() {
            return http + " " + raw;
        }
    }

    static Reply reply(int http, String raw) {
        JsonNode body = null;
        try {
            body = JSON.readTree(raw);
        } catch (IOException notJson) {
            // a 401 page and the like
        }
        if (body != null && body.isArray() && body.size() == 1) {
            body = body.get(0);
        }
        return new Reply(http, body, raw);
    }

    String agent() {
        return cluster.master.jolokiaUrl();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request on the master's agent; {@code path} is appended to {@code http://HOST:PORT/jolokia/} as it is. */
    Reply http(String method, String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agent() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", basic(user, password));
        // bounded to the end of the body: an answer that streams forever (server-sent events) fails the test
        HttpResponse<String> response;
        try {
            response = HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : e;
        }
        return reply(response.statusCode(), response.body());
    }

    Reply post(String body, String user, String password) throws Exception {
        return http("POST", "", body, user, password);
    }

    Reply admin(String body) throws Exception {
        return post(body, ADMIN, ADMIN_PASSWORD);
    }

    /**
     * A request written on a socket byte for byte (any method spelling, any framing), of which only {@code bodyBytes}
     * are sent; the answer is read before the rest of a declared body would be sent.
     */
    Reply raw(String method, String path, Map<String, String> headers, byte[] bodyBytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", cluster.master.jolokiaPort)) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(ANSWER_SECONDS));
            StringBuilder head = new StringBuilder(method + " /jolokia/" + path + " HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(cluster.master.jolokiaPort).append("\r\n")
                    .append("Authorization: ").append(basic(ADMIN, ADMIN_PASSWORD)).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bodyBytes);
            out.flush();
            return readReply(socket.getInputStream(), !method.equals("HEAD"));
        }
    }

    /** Reads one HTTP/1.1 answer: the status line, the headers, then a body of Content-Length bytes or chunks. */
    static Reply readReply(InputStream in, boolean hasBody) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        int length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (!hasBody) {
            return reply(code, "");
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes(length));
        }
        return reply(code, body.toString(StandardCharsets.UTF_8));
    }

    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    static String exec(String mbean, String operation, String argumentsJson) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":"
                + argumentsJson + "}";
    }

    /** A readonly-safe read that shows the agent still serves. */
    void assertStillServing() throws Exception {
        Reply read = admin("{\"type\":\"read\",\"mbean\":\"" + SERVER + "\",\"attribute\":\"Name\"}");
        assertThat(read.status()).as("a read after it: " + read).isEqualTo(200);
        assertThat(read.body().path("value").asText()).isEqualTo("master");
    }

    // ------------------------------------------------------------------ exec, write, notification over GET

    static Stream<Arguments> getRequests() {
        String restartCluster = "ripple:type=Cluster/restart/false";
        return Stream.of(
                Arguments.of("exec, as the docs spell it", "exec/" + restartCluster, GET_REFUSED),
                Arguments.of("EXEC", "EXEC/" + restartCluster, GET_REFUSED),
                Arguments.of("Exec", "Exec/" + restartCluster, GET_REFUSED),
                Arguments.of("eXeC", "eXeC/" + restartCluster, GET_REFUSED),
                Arguments.of("EXEC on Server.restart", "EXEC/ripple:type=Server/restart", GET_REFUSED),
                Arguments.of("extra slashes before EXEC", "//EXEC/" + restartCluster, GET_REFUSED),
                Arguments.of("%45XEC (URL-encoded E)", "%45XEC/" + restartCluster, GET_REFUSED),
                Arguments.of("%65%78%65%63 (all encoded)", "%65%78%65%63/" + restartCluster, GET_REFUSED),
                Arguments.of("?p=/EXEC/...", "?p=/EXEC/" + restartCluster, GET_REFUSED),
                Arguments.of("?p=EXEC/... without the slash", "?p=EXEC/" + restartCluster, GET_REFUSED),
                Arguments.of("?p= fully URL-encoded", "?p=%2FExec%2Fripple%3Atype%3DCluster%2Frestart%2Ffalse", GET_REFUSED),
                Arguments.of("?x=1&p=... (p not first)", "?x=1&p=/EXEC/" + restartCluster, GET_REFUSED),
                Arguments.of("%70=... (the name p encoded)", "?%70=/EXEC/" + restartCluster, GET_REFUSED),
                Arguments.of("WRITE", "WRITE/java.lang:type=Memory/Verbose/true", GET_REFUSED),
                Arguments.of("Write", "Write/java.lang:type=Memory/Verbose/true", GET_REFUSED),
                Arguments.of("NOTIFICATION register", "NOTIFICATION/register", NOTIFICATION_GET_REFUSED),
                Arguments.of("Notification register in ?p=", "?p=/Notification/register", NOTIFICATION_GET_REFUSED));
    }

    @Order(1)
    @ParameterizedTest(name = "GET {0} is refused")
    @MethodSource("getRequests")
    void execWriteAndNotificationOverGetAreRefusedInAnySpelling(String what, String path, String refusal) throws Exception {
        Snapshot before = snapshot();
        Reply reply = http("GET", path, null, ADMIN, ADMIN_PASSWORD);
        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(403);
        assertThat(reply.error()).as(what).contains(refusal);
        assertNothingHappened(before);
        assertThat(cluster.attribute("master", "java.lang:type=Memory", "Verbose")).isEqualTo(false);
    }

    @Order(1)
    @ParameterizedTest(name = "method {0} on /EXEC/ is refused")
    @ValueSource(strings = {"get", "gEt"})
    void aGetInAnotherCaseIsAGet(String method) throws Exception {
        Snapshot before = snapshot();
        Reply reply = raw(method, "EXEC/ripple:type=Cluster/restart/false", Map.of(), new byte[0]);
        assertThat(reply.status()).as(method + ": " + reply).isEqualTo(403);
        assertThat(reply.error()).contains(GET_REFUSED);
        assertNothingHappened(before);
    }

    @Order(1)
    @ParameterizedTest(name = "method {0} on /EXEC/ runs nothing")
    @ValueSource(strings = {"HEAD", "OPTIONS", "PUT", "DELETE"})
    void otherMethodsRunNothing(String method) throws Exception {
        Snapshot before = snapshot();
        Reply reply = raw(method, "EXEC/ripple:type=Cluster/restart/false", Map.of("Content-Length", "0"), new byte[0]);
        assertThat(reply.body() == null ? "" : reply.body().path("value").asText()).as(method + ": " + reply).isEmpty();
        assertNothingHappened(before);
    }

    // ------------------------------------------------------------------ notification requests in a body

    String registerClient() throws Exception {
        Reply registered = admin("{\"type\":\"notification\",\"command\":\"register\"}");
        assertThat(registered.status()).as("register: " + registered).isEqualTo(200);
        return registered.body().path("value").path("id").asText();
    }

    static Stream<Arguments> notificationBodies() {
        return Stream.of(
                Arguments.of("NOTIFICATION in sse mode", "NOTIFICATION", "add", "sse", SERVER,
                        "Notification mode 'sse' is not served: only pull"),
                Arguments.of("Notification on java.lang:type=Memory", "Notification", "add", "pull", "java.lang:type=Memory",
                        "Notifications of java.lang:type=Memory are not served: only of MBeans in the ripple domain"),
                Arguments.of("NOTIFICATION on JMImplementation", "NOTIFICATION", "ADD", "pull",
                        "JMImplementation:type=MBeanServerDelegate", "Notifications of JMImplementation:type=MBeanServerDelegate"),
                Arguments.of("nOtIfIcAtIoN on a pattern", "nOtIfIcAtIoN", "Add", "pull", "ripple:*",
                        "Notifications of ripple:* are not served"),
                Arguments.of("NOTIFICATION open", "NOTIFICATION", "OPEN", "sse", SERVER,
                        "Notification command 'open' is not served"));
    }

    @Order(2)
    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("notificationBodies")
    void notificationRequestsInAnySpellingGoThroughTheGuard(String what, String type, String command, String mode,
                                                            String mbean, String refusal) throws Exception {
        String client = registerClient();
        String request = JSON.createObjectNode().put("type", type).put("command", command).put("client", client)
                .put("mode", mode).put("mbean", mbean).toString();
        Snapshot before = snapshot();
        for (String body : new String[] {request, "[{\"type\":\"version\"}," + request + "]"}) {
            Reply reply = admin(body);
            JsonNode answer = reply.body() != null && reply.body().isArray() ? reply.body().get(1) : reply.body();
            Reply refused = new Reply(reply.http(), answer, reply.raw());
            assertThat(refused.status()).as(what + ": " + reply).isEqualTo(403);
            assertThat(refused.error()).as(what).contains(refusal);
        }
        assertNothingHappened(before);
        Reply listeners = admin("{\"type\":\"notification\",\"command\":\"list\",\"client\":\"" + client + "\"}");
        assertThat(listeners.status()).as("list: " + listeners).isEqualTo(200);
        assertThat(listeners.body().path("value").size()).as("listeners of " + client + ": " + listeners).isZero();
    }

    @Order(2)
    @Test
    void aProxyTargetInOptionsIsRefused() throws Exception {
        Reply reply = admin("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Name\","
                + "\"options\":{\"target\":{\"url\":\"service:jmx:rmi:///jndi/ldap://127.0.0.1:1/evil\"}}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.error()).contains("Proxy requests ('target') are not allowed");
    }

    // ------------------------------------------------------------------ the body's bound

    @Order(3)
    @Test
    void aBodyDeclaredPastTheBoundIsRefusedBeforeItIsSent() throws Exception {
        Snapshot before = snapshot();
        Reply reply = raw("POST", "", Map.of("Content-Type", "application/json", "Content-Length", "10485760"), new byte[0]);
        assertThat(reply.http()).as(reply.toString()).isEqualTo(413);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.error()).contains("Request body larger than 262144 bytes");
        assertNothingHappened(before);
        assertStillServing();
    }

    @Order(3)
    @Test
    void aChunkedBodyPastTheBoundIsRefused() throws Exception {
        Snapshot before = snapshot();
        String padding = "[" + "{\"type\":\"version\"},".repeat(BODY_LIMIT / 18) + "{\"type\":\"version\"}]";
        byte[] json = padding.getBytes(StandardCharsets.UTF_8);
        assertThat(json.length).isGreaterThan(BODY_LIMIT);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        chunked.write((Integer.toHexString(json.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        chunked.write(json);
        chunked.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        Reply reply = raw("POST", "", Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"),
                chunked.toByteArray());
        assertThat(reply.http()).as(reply.http() + " " + reply.raw().substring(0, Math.min(300, reply.raw().length())))
                .isEqualTo(413);
        assertThat(reply.error()).contains("Request body larger than 262144 bytes");
        assertNothingHappened(before);
        assertStillServing();
    }

    @Order(3)
    @Test
    void aTenMegabyteBodyIsRefusedAndTheAgentStillServes() throws Exception {
        Snapshot before = snapshot();
        String body = "{\"type\":\"read\",\"mbean\":\"" + SERVER + "\",\"attribute\":\"Name\",\"pad\":\""
                + "x".repeat(10 * 1024 * 1024) + "\"}";
        try {
            Reply reply = admin(body);
            assertThat(reply.http()).as(reply.http() + " " + reply.raw().substring(0, Math.min(300, reply.raw().length())))
                    .isEqualTo(413);
        } catch (IOException closedWhileSending) {
            // the agent may close the connection before the client has written 10 MB; refused either way
        }
        assertNothingHappened(before);
        assertStillServing();
    }

    @Order(3)
    @Test
    void aBodyUnderTheBoundIsServed() throws Exception {
        String body = "{\"type\":\"read\",\"mbean\":\"" + SERVER + "\",\"attribute\":\"Name\",\"pad\":\""
                + "x".repeat(BODY_LIMIT - 200) + "\"}";
        Reply reply = admin(body);
        assertThat(reply.status()).as(reply.http() + " " + reply.raw().substring(0, Math.min(300, reply.raw().length())))
                .isEqualTo(200);
    }

    // ------------------------------------------------------------------ a user without a role

    static Stream<Arguments> guestRequests() {
        return Stream.of(
                Arguments.of("POST version", "POST", "", "{\"type\":\"version\"}"),
                Arguments.of("POST VERSION", "POST", "", "{\"type\":\"VERSION\"}"),
                Arguments.of("GET version", "GET", "version", null),
                Arguments.of("GET the agent's root (version)", "GET", "", null),
                Arguments.of("POST config", "POST", "", "{\"type\":\"config\"}"),
                Arguments.of("POST list", "POST", "", "{\"type\":\"list\"}"),
                Arguments.of("GET list", "GET", "list", null),
                Arguments.of("POST search", "POST", "", "{\"type\":\"search\",\"mbean\":\"ripple:*\"}"),
                Arguments.of("POST read", "POST", "", "{\"type\":\"read\",\"mbean\":\"" + SERVER + "\",\"attribute\":\"Name\"}"),
                Arguments.of("POST bulk of version and list", "POST", "", "[{\"type\":\"version\"},{\"type\":\"list\"}]"));
    }

    @Order(4)
    @ParameterizedTest(name = "a user without a role: {0} is refused")
    @MethodSource("guestRequests")
    void aUserWithoutARoleGetsNothing(String what, String method, String path, String body) throws Exception {
        Reply reply = http(method, path, body, GUEST, GUEST_PASSWORD);
        JsonNode answers = reply.body() != null && reply.body().isArray() ? reply.body() : JSON.createArrayNode().add(
                reply.body() == null ? JSON.createObjectNode() : reply.body());
        for (JsonNode answer : answers) {
            assertThat(answer.path("status").asInt()).as(what + ": " + reply).isEqualTo(403);
            assertThat(answer.has("value")).as(what + ": " + reply).isFalse();
        }
        assertThat(reply.raw()).doesNotContain("\"agent\"", "\"protocol\"", "\tat ");
    }

    // ------------------------------------------------------------------ strict boolean arguments

    static Stream<Arguments> notBooleans() {
        return Stream.of(
                Arguments.of("\"maybe\"", "restart"),
                Arguments.of("1", "restart"),
                Arguments.of("0", "restart"),
                Arguments.of("\"\"", "restart"),
                Arguments.of("\" true\"", "restart"),
                Arguments.of("\"yes\"", "restart"),
                Arguments.of("null", "restart"),
                Arguments.of("{}", "restart"),
                Arguments.of("[true]", "restart"),
                Arguments.of("\"maybe\"", "restart(boolean)"));
    }

    @Order(5)
    @ParameterizedTest(name = "Cluster.{1}({0}) is refused and starts no run")
    @MethodSource("notBooleans")
    void aBooleanParameterTakesOnlyABoolean(String argument, String operation) throws Exception {
        Snapshot before = snapshot();
        Reply reply = admin(exec(CLUSTER, operation, "[" + argument + "]"));
        assertThat(reply.status()).as(argument + ": " + reply).isEqualTo(400);
        assertThat(reply.error()).as(argument).contains("Operation restart of ripple:type=Cluster: parameter ripple (boolean) "
                + "must be true or false, not " + argument);
        assertThat(reply.raw()).doesNotContain("\tat ");
        // a pattern names the same operation: the policy refuses exec on patterns, and a wrong boolean would be refused too
        Reply pattern = admin(exec("ripple:type=Clust*", operation, "[" + argument + "]"));
        assertThat(pattern.status()).as("on a pattern " + argument + ": " + pattern).isIn(400, 403);
        assertNothingHappened(before);
    }

    @Order(6)
    @ParameterizedTest(name = "Cluster.restart({0}) starts a run (positive control)")
    @ValueSource(strings = {"true", "\"true\"", "false", "\"False\""})
    void aBooleanOrItsNameStartsARun(String argument) throws Exception {
        Snapshot before = snapshot();
        Reply reply = admin(exec(CLUSTER, "restart", "[" + argument + "]"));
        assertThat(reply.status()).as(argument + ": " + reply).isEqualTo(200);
        String runId = RunStarted.runId(reply.body().path("value").asText()).orElseThrow();
        assertThat(runId).isNotEmpty().isNotEqualTo(before.runId());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !(Boolean) cluster.attribute("master", CLUSTER, "InProgress"));
        JsonNode status = JSON.readTree((String) cluster.invoke("master", CLUSTER, "statusJson", new Object[0], new String[0]));
        assertThat(status.path("runId").asText()).isEqualTo(runId);
        assertThat(status.path("mode").asText()).isEqualTo(argument.toLowerCase().contains("true") ? "ripple" : "parallel");
    }
}
