package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.ripple.it.RippleTool.Result;
import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.management.TestCertificates;
import io.ripple.management.Tls;
import io.ripple.management.TlsStore;
import java.io.IOException;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
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

/**
 * The security suite on TLS: a master and two replicas with TLS on the JMX connector and HTTPS on the Jolokia agent
 * (replica-1 and the master call each other over JMX, replica-2 and the master over HTTPS), real processes, keys made
 * with the JDK's keytool. Clients that trust the certificate work; untrusted and plain clients are refused with one
 * line and change nothing; unusable TLS settings stop a server at start with exit code 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityTlsIT {

    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    Path root;
    Path adminPasswordFile;
    TestCertificates.Party node;
    TestCertificates.Party stranger;
    ServerDir master;
    Map<String, ServerDir> replicas = new LinkedHashMap<>();
    Map<String, NodeProcess> processes = new LinkedHashMap<>();
    HttpClient https;

    @BeforeAll
    void startCluster(@TempDir Path temp) throws Exception {
        root = temp;
        node = TestCertificates.create(temp.resolve("tls"), "node");
        stranger = TestCertificates.create(temp.resolve("tls"), "stranger");
        adminPasswordFile = Files.writeString(temp.resolve("admin.pass"), ServerDir.ADMIN_PASSWORD + "\n");
        Files.setPosixFilePermissions(adminPasswordFile, PosixFilePermissions.fromString("rw-------"));
        SSLContext trusting = Tls.context(null, TlsStore.truststore(node.truststore(), node.passwordFile(), "test"));
        https = HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(5)).build();

        Path cluster = temp.resolve("cluster");
        master = new ServerDir(cluster, "master");
        master.write("banner.txt", "Welcome\n");
        master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9001\"}\n");
        replicas.put("replica-1", new ServerDir(cluster, "replica-1"));
        replicas.put("replica-2", new ServerDir(cluster, "replica-2"));
        processes.put("master", NodeProcess.start(master, d -> tlsConf(d, "is-master = yes\nmax-wait-time = 30\n"
                + "replica = replica-1 " + replicas.get("replica-1").jmxUrl() + "\n"
                + "replica = replica-2 " + httpsUrl(replicas.get("replica-2")) + "\n")));
        processes.put("replica-1", NodeProcess.start(replicas.get("replica-1"),
                d -> tlsConf(d, "is-master = no\nmaster-name = master\nmaster-url = " + master.jmxUrl() + "\n")));
        processes.put("replica-2", NodeProcess.start(replicas.get("replica-2"),
                d -> tlsConf(d, "is-master = no\nmaster-name = master\nmaster-url = " + httpsUrl(master) + "\n")));
    }

    @AfterAll
    void stopCluster() {
        processes.values().forEach(NodeProcess::close);
        processes.clear();
    }

    /** The test server.conf with TLS on both endpoints and a [cluster] truststore for the server's own calls. */
    String tlsConf(ServerDir dir, String cluster) {
        return tlsConf(dir, cluster, "");
    }

    String tlsConf(ServerDir dir, String cluster, String moreJmx) {
        return dir.conf(cluster + "truststore = " + node.truststore() + "\ntruststore-password-file = " + node.passwordFile() + "\n")
                .replace("access-file = jmx-config/jmxremote.access\n", "access-file = jmx-config/jmxremote.access\nssl = yes\n"
                        + "keystore = " + node.keystore() + "\nkeystore-password-file = " + node.passwordFile() + "\n" + moreJmx)
                .replace("policy-file = jmx-config/jolokia-access.xml\n", "policy-file = jmx-config/jolokia-access.xml\nssl = yes\n");
    }

    static String httpsUrl(ServerDir dir) {
        return "https://127.0.0.1:" + dir.jolokiaPort + "/jolokia/";
    }

    ServerDir dir(String name) {
        return name.equals("master") ? master : replicas.get(name);
    }

    // ------------------------------------------------------------------ clients

    /** One Jolokia request over HTTPS as admin, with a client that trusts the cluster's certificate; the JSON answer. */
    JsonNode jolokia(String server, String request) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(URI.create(httpsUrl(dir(server)))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ServerDir.ADMIN + ":" + ServerDir.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(request)).build();
        JsonNode answer = JSON.readTree(https.send(post, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(answer.path("status").asInt()).as(request + " -> " + answer).isEqualTo(200);
        return answer.get("value");
    }

    String attribute(String server, String mbean, String attribute) throws IOException, InterruptedException {
        return jolokia(server, "{\"type\":\"read\",\"mbean\":\"" + mbean + "\",\"attribute\":\"" + attribute + "\"}").asText();
    }

    JsonNode statusJson() throws IOException, InterruptedException {
        return JSON.readTree(jolokia("master", "{\"type\":\"exec\",\"mbean\":\"" + CLUSTER + "\",\"operation\":\"statusJson\"}")
                .asText());
    }

    /** {@code bin/ripple} as a child process: a fresh JVM, as an administrator runs it. */
    Result ripple(List<String> args) throws Exception {
        return RippleTool.script(root, RUN_TIMEOUT, args);
    }

    /** Connection options: an endpoint of a server, admin's password file, and a truststore (or none). */
    List<String> options(String channel, String server, TestCertificates.Party trusted) {
        List<String> args = new ArrayList<>();
        switch (channel) {
            case "jmx" -> args.addAll(List.of("--jmx", dir(server).jmxUrl()));
            case "jolokia" -> args.addAll(List.of("--jolokia", httpsUrl(dir(server))));
            case "plain http" -> args.addAll(List.of("--jolokia", dir(server).jolokiaUrl()));
            default -> throw new IllegalArgumentException(channel);
        }
        args.addAll(List.of("--user", ServerDir.ADMIN, "--password-file", adminPasswordFile.toString()));
        if (trusted != null) {
            args.addAll(List.of("--truststore", trusted.truststore().toString(),
                    "--truststore-password-file", trusted.passwordFile().toString()));
        }
        return args;
    }

    static List<String> plus(List<String> options, String... command) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(command));
        return all;
    }

    /** Boot ids, configuration versions and the latest run: what a refused client must leave alone. */
    Map<String, String> snapshot() throws Exception {
        Map<String, String> state = new TreeMap<>();
        for (String name : processes.keySet()) {
            state.put(name + " BootId", attribute(name, SERVER, "BootId"));
            state.put(name + " Version", attribute(name, CONFIG_STORE, "Version"));
        }
        JsonNode status = statusJson();
        state.put("runId", status.path("runId").asText());
        state.put("message", status.path("message").asText());
        return state;
    }

    void awaitNewBoot(String server, String bootBefore) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                !bootBefore.equals(attribute(server, SERVER, "BootId")) && "RUNNING".equals(attribute(server, SERVER, "State")));
    }

    // ------------------------------------------------------------------ trusted clients work

    Stream<Arguments> trustedClients() {
        return Stream.of(Arguments.of("jmx", "replica-1", "admin (jmx 127.0.0.1)"),
                Arguments.of("jolokia", "replica-2", "admin (jolokia 127.0.0.1)"));
    }

    @Order(1)
    @ParameterizedTest(name = "a client trusting the certificate reads and restarts over {0}")
    @MethodSource("trustedClients")
    void aTrustedClientReadsAndInvokes(String channel, String server, String caller) throws Exception {
        Result info = ripple(plus(options(channel, server, node), "server", "info"));
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).contains("Name:").contains(server).contains("Role:").contains("replica");

        String boot = attribute(server, SERVER, "BootId");
        Result restart = ripple(plus(options(channel, server, node), "server", "restart"));
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("Restart of " + server + " requested");
        awaitNewBoot(server, boot);
        assertThat(attribute(server, SERVER, "LastRestartReason")).isEqualTo("restart requested by " + caller);
        assertThat(processes.get(server).output()).contains("Audit - RPL4001I Server restart requested by " + caller);
    }

    @Order(2)
    @Test
    void aClusterRestartRunsBetweenTlsServers() throws Exception {
        Map<String, String> boots = new LinkedHashMap<>();
        for (String name : processes.keySet()) {
            boots.put(name, attribute(name, SERVER, "BootId"));
        }
        master.write("junctions/tls.json", "{\"path\": \"/tls\", \"backend\": \"https://127.0.0.1:9443\"}\n");

        Result run = ripple(plus(options("jmx", "master", node), "cluster", "restart", "--wait"));
        assertThat(run.exitCode()).as(run.toString()).isZero();

        JsonNode status = statusJson();
        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(status.get("message").asText()).isEqualTo("The cluster has been restarted.");
        assertThat(status.get("requestedBy").asText()).isEqualTo("admin (jmx 127.0.0.1)");
        String runId = status.get("runId").asText();
        String version = attribute("master", CONFIG_STORE, "Version");
        for (String replica : replicas.keySet()) {
            assertThat(row(status, replica).get("state").asText()).as(replica + " in " + status).isEqualTo("RESTARTED");
            assertThat(replicas.get(replica).dir.resolve("junctions/tls.json"))
                    .hasSameTextualContentAs(master.dir.resolve("junctions/tls.json"));
            assertThat(attribute(replica, CONFIG_STORE, "Digest")).isEqualTo(attribute("master", CONFIG_STORE, "Digest"));
            assertThat(attribute(replica, SERVER, "BootId")).isNotEqualTo(boots.get(replica));
        }
        // the audit trail: who asked for each state change, on which channel
        assertThat(processes.get("master").output())
                .contains("Audit - RPL4001I Cluster restart (parallel) requested by admin (jmx 127.0.0.1)")
                .contains("Audit - RPL4001I Cluster replicaCompleted(run " + runId + ", replica-1, RESTARTED) requested by ripple (jmx 127.0.0.1)")
                .contains("Audit - RPL4001I Cluster replicaCompleted(run " + runId + ", replica-2, RESTARTED) requested by ripple (jolokia 127.0.0.1)");
        assertThat(processes.get("replica-1").output())
                .contains("Audit - RPL4001I ReplicaProtocol takeTurn(run " + runId + ", version " + version + ") requested by ripple (jmx 127.0.0.1)");
        assertThat(processes.get("replica-2").output())
                .contains("Audit - RPL4001I ReplicaProtocol takeTurn(run " + runId + ", version " + version + ") requested by ripple (jolokia 127.0.0.1)");
        for (NodeProcess p : processes.values()) {
            assertThat(p.output()).doesNotContain("ripple-secret", "node-store-secret");
        }
    }

    // ------------------------------------------------------------------ untrusted and plain clients are refused

    static final String NOT_TRUSTED = "the server's TLS certificate is not trusted (it is not in the truststore)";
    static final String CLOSED = "the server closed the connection without an answer (a TLS endpoint? connect with a truststore,"
            + " or to https://)";

    Stream<Arguments> refusedClients() {
        Function<SecurityTlsIT, TestCertificates.Party> none = t -> null;
        Function<SecurityTlsIT, TestCertificates.Party> other = t -> t.stranger;
        return Stream.of(
                Arguments.of("JMX with another truststore", "jmx", "replica-1", other, List.of("server", "restart"), NOT_TRUSTED),
                Arguments.of("JMX with another truststore, cluster restart", "jmx", "master", other,
                        List.of("cluster", "restart"), NOT_TRUSTED),
                Arguments.of("plain JMX", "jmx", "replica-1", none, List.of("server", "restart"),
                        CLOSED),
                Arguments.of("plain JMX, cluster restart", "jmx", "master", none, List.of("cluster", "restart"), CLOSED),
                Arguments.of("HTTPS with another truststore", "jolokia", "replica-2", other, List.of("server", "restart"),
                        NOT_TRUSTED),
                Arguments.of("HTTPS with the JVM's default truststore", "jolokia", "master", none,
                        List.of("cluster", "restart"), NOT_TRUSTED),
                Arguments.of("plain HTTP to the HTTPS port", "plain http", "replica-2", none, List.of("server", "restart"),
                        CLOSED),
                Arguments.of("plain HTTP to the HTTPS port, cluster restart", "plain http", "master", none,
                        List.of("cluster", "restart"), CLOSED));
    }

    @Order(3)
    @ParameterizedTest(name = "refused: {0}")
    @MethodSource("refusedClients")
    void untrustedAndPlainClientsAreRefusedAndChangeNothing(String what, String channel, String server,
            Function<SecurityTlsIT, TestCertificates.Party> truststore, List<String> command, String reason) throws Exception {
        Map<String, String> before = snapshot();
        List<String> options = options(channel, server, truststore.apply(this));
        Result refused = ripple(plus(options, command.toArray(String[]::new)));
        String url = options.get(1);
        assertThat(refused.exitCode()).as(what + ": " + refused).isEqualTo(3);
        assertThat(refused.err().strip()).as(what).isEqualTo("ripple: RPL5014E Cannot connect to " + url + ": " + reason);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).doesNotContain("\tat ", "Exception");
        assertThat(snapshot()).as(what).isEqualTo(before);
    }

    @Order(4)
    @Test
    void plainJmxAndHttpClientsGetNoAnswerFromTlsEndpoints() throws Exception {
        Map<String, String> before = snapshot();
        Throwable jmx = catchThrowable(() -> JmxClients.connect(master.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD).close());
        assertThat(jmx).isInstanceOf(IOException.class);
        HttpRequest plain = HttpRequest.newBuilder(URI.create(master.jolokiaUrl())).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":\"" + SERVER + "\",\"operation\":\"restart\"}"))
                .build();
        Throwable http = catchThrowable(() -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()));
        assertThat(http).isInstanceOf(IOException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ client certificates

    @Order(5)
    @Test
    void clientAuthAcceptsOnlyClientsWithATrustedCertificate() throws Exception {
        TestCertificates.Party admin = TestCertificates.create(root.resolve("tls"), "admin-client");
        Path clients = admin.truststore(); // the server trusts this client's own certificate, and no other
        ServerDir lonely = new ServerDir(root.resolve("client-auth"), "guarded");
        lonely.write("banner.txt", "Welcome\n");
        String trustClients = "client-auth = yes\ntruststore = " + clients + "\ntruststore-password-file = " + admin.passwordFile() + "\n";
        try (NodeProcess guarded = NodeProcess.start(lonely, d -> tlsConf(d, "is-master = yes\n", trustClients))) {
            List<String> base = List.of("--jmx", lonely.jmxUrl(), "--user", ServerDir.ADMIN, "--password-file",
                    adminPasswordFile.toString(), "--truststore", node.truststore().toString(), "--truststore-password-file",
                    node.passwordFile().toString());
            Result without = ripple(plus(base, "server", "info"));
            assertThat(without.exitCode()).as(without.toString()).isEqualTo(3);
            assertThat(without.err().strip()).isEqualTo("ripple: RPL5014E Cannot connect to " + lonely.jmxUrl()
                    + ": the server refused the TLS connection: it requires a client certificate that it trusts (--keystore)");

            Result stranger = ripple(plus(base, "--keystore", this.stranger.keystore().toString(), "--keystore-password-file",
                    this.stranger.passwordFile().toString(), "server", "info"));
            assertThat(stranger.exitCode()).as(stranger.toString()).isEqualTo(3);
            assertThat(stranger.err().strip()).isEqualTo(without.err().strip());

            Result with = ripple(plus(base, "--keystore", admin.keystore().toString(), "--keystore-password-file",
                    admin.passwordFile().toString(), "server", "info"));
            assertThat(with.exitCode()).as(with.toString()).isZero();
            assertThat(with.out()).contains("guarded");
            assertThat(guarded.output()).contains("(authenticated, TLS, client certificates required)");
        }
    }

    // ------------------------------------------------------------------ unusable TLS settings stop the start

    record Outcome(int exitCode, String output) {
    }

    @FunctionalInterface
    interface Setup {
        /** Writes the server.conf (and files) of a lonely master; returns the exact refusal expected. */
        String prepare(SecurityTlsIT test, ServerDir dir) throws Exception;
    }

    Stream<Arguments> badTlsSettings() {
        return Stream.of(
                Arguments.of("a keystore password file with the wrong password", (Setup) (t, dir) -> {
                    Path wrong = Files.writeString(dir.dir.resolve("wrong.pass"), "not-the-password\n");
                    Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
                    dir.writeConf(t.tlsConf(dir, "is-master = yes\n").replace("keystore-password-file = " + t.node.passwordFile(),
                            "keystore-password-file = wrong.pass"));
                    return "Cannot open keystore " + t.node.keystore() + " ([jmx] keystore): wrong password in " + wrong + ".";
                }),
                Arguments.of("a missing keystore", (Setup) (t, dir) -> {
                    dir.writeConf(t.tlsConf(dir, "is-master = yes\n").replace("keystore = " + t.node.keystore(),
                            "keystore = tls/missing.p12"));
                    return "Keystore file " + dir.dir.resolve("tls/missing.p12") + " ([jmx] keystore) does not exist.";
                }),
                Arguments.of("a keystore password file others can read", (Setup) (t, dir) -> {
                    Path open = Files.writeString(dir.dir.resolve("open.pass"), Files.readString(t.node.passwordFile()));
                    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
                    dir.writeConf(t.tlsConf(dir, "is-master = yes\n").replace("keystore-password-file = " + t.node.passwordFile(),
                            "keystore-password-file = open.pass"));
                    return "Keystore password file " + open + " ([jmx] keystore-password-file) must be readable by its owner only"
                            + " (chmod 600 " + open + "). Its mode 644 gives group or others access to it.";
                }),
                Arguments.of("a truststore given as keystore", (Setup) (t, dir) -> {
                    dir.writeConf(t.tlsConf(dir, "is-master = yes\n").replace("keystore = " + t.node.keystore(),
                            "keystore = " + t.node.truststore()));
                    return "Keystore " + t.node.truststore() + " ([jmx] keystore) holds no private key: it must hold this side's"
                            + " key and certificate.";
                }),
                Arguments.of("ssl = maybe", (Setup) (t, dir) -> {
                    dir.writeConf("[server]\nname = lonely\n[cluster]\nis-master = yes\n[jmx]\nport = " + dir.jmxPort
                            + "\nssl = maybe\n");
                    return "Invalid ssl 'maybe' at server.conf:7. Must be 'yes' or 'no'.";
                }),
                Arguments.of("a keystore password in server.conf", (Setup) (t, dir) -> {
                    dir.writeConf("[server]\nname = lonely\n[cluster]\nis-master = yes\n[jolokia]\nport = " + dir.jolokiaPort
                            + "\nssl = yes\nkeystore = k.p12\nkeystore-password = node-store-secret\n");
                    return "Invalid [jolokia] keystore-password at server.conf:9. Passwords are never written in server.conf: put"
                            + " it in a file readable by its owner only and name that file with keystore-password-file.";
                }));
    }

    @Order(6)
    @ParameterizedTest(name = "start-up refused: {0}")
    @MethodSource("badTlsSettings")
    void unusableTlsSettingsExitWith2AndOneLine(String what, Setup setup) throws Exception {
        ServerDir dir = new ServerDir(Files.createTempDirectory(root, "bad-tls-"), "lonely");
        dir.write("banner.txt", "Welcome\n");
        String reason = setup.prepare(this, dir);
        Path output = dir.dir.resolve("output.log");
        Process p = NodeProcess.launch(dir.conf(), output);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !p.isAlive());
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        String text = Files.readString(output);
        assertThat(p.exitValue()).as(what + ":\n" + text).isEqualTo(2);
        assertThat(text).contains("ripple-node: RPL1003E " + reason + "\n").doesNotContain("\tat ", "Exception", "node-store-secret");
        assertThat(dir.dataDir()).doesNotExist();
    }
}
