package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ripple.management.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Ripple changes in a host's JVM, on real processes: a master with TLS on both endpoints, and plain programs
 * ({@link JvmSettingsProbe}) run with {@code -javaagent:ripple-agent.jar} as its replicas, reaching the master over
 * https:// Jolokia or JMX over TLS. A JVM-wide setting is changed only where the JDK offers no other way, only when
 * the host did not set it, and each change is logged once at WARN with its reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JvmGlobalsIT {

    private static final String OVER_HTTPS = "agent-https";
    private static final String OVER_JMX = "agent-jmx";
    private static final String HOST_SET = "agent-host-set";

    private TestCertificates.Party node;
    private Path probeClasses;
    private ServerDir master;
    private NodeProcess masterProcess;
    private final Map<String, ServerDir> agents = new HashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        node = TestCertificates.create(temp.resolve("tls"), "node");
        probeClasses = probeClasses(temp.resolve("probe"));
        master = new ServerDir(temp, "master");
        master.write("banner.txt", "Welcome\n");
        for (String name : List.of(OVER_HTTPS, OVER_JMX, HOST_SET)) {
            agents.put(name, new ServerDir(temp, name));
        }
        masterProcess = NodeProcess.start(master, d -> tlsConf(d, "is-master = yes\nmax-wait-time = 20\n"
                + "replica = " + OVER_HTTPS + " " + httpsUrl(agents.get(OVER_HTTPS)) + "\n"
                + "replica = " + OVER_JMX + " " + agents.get(OVER_JMX).jmxUrl() + "\n"
                + "replica = " + HOST_SET + " " + httpsUrl(agents.get(HOST_SET)) + "\n"));
        startAgent(OVER_HTTPS, httpsUrl(master), List.of());
        startAgent(OVER_JMX, master.jmxUrl(), List.of());
        startAgent(HOST_SET, httpsUrl(master), List.of("-Djava.rmi.server.hostname=127.0.0.1",
                "-Dsun.rmi.transport.tcp.responseTimeout=0", "-Dsun.rmi.transport.tcp.handshakeTimeout=60000",
                "-Dsun.net.httpserver.nodelay=false", "-Dsun.net.httpserver.maxIdleConnections=300"));
    }

    @AfterAll
    void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (masterProcess != null) {
            masterProcess.close();
        }
    }

    @Test
    void aHostWhosePeersAreReachedOverHttpsKeepsTheJdkDefaultSslContext() throws Exception {
        assertThat(probe(OVER_HTTPS)).containsEntry("ssl.default.protocol", "Default");
        assertThat(warnings(OVER_HTTPS, "SSLContext")).isEmpty();
    }

    @Test
    void jmxOverTlsMakesRipplesContextTheDefaultAndSaysSoOnceAtWarn() throws Exception {
        assertThat(probe(OVER_JMX)).containsEntry("ssl.default.protocol", "TLS");
        List<String> lines = warnings(OVER_JMX, "SSLContext");
        assertThat(lines).as(log(OVER_JMX)).hasSize(1);
        assertThat(lines.get(0)).contains("SslRMIClientSocketFactory", "https://");
    }

    @Test
    void eachJvmWideSettingRippleMakesIsLoggedOnceAtWarnWithItsReason() throws Exception {
        Map<String, String> settings = probe(OVER_HTTPS);
        assertThat(settings).containsEntry("java.rmi.server.hostname", "127.0.0.1")
                .containsEntry("sun.rmi.transport.tcp.responseTimeout", "30000")
                .containsEntry("sun.rmi.transport.tcp.handshakeTimeout", "30000")
                .containsEntry("sun.net.httpserver.nodelay", "true")
                .containsEntry("sun.net.httpserver.maxIdleConnections", "4096");
        for (String property : JvmSettingsProbe.PROPERTIES) {
            List<String> lines = warnings(OVER_HTTPS, property);
            assertThat(lines).as(property + " in\n" + log(OVER_HTTPS)).hasSize(1);
            assertThat(lines.get(0)).contains("for the whole JVM", "set it on the command line");
        }
    }

    @Test
    void settingsTheHostMadeItselfAreKeptAndNotReported() throws Exception {
        assertThat(probe(HOST_SET)).containsEntry("java.rmi.server.hostname", "127.0.0.1")
                .containsEntry("sun.rmi.transport.tcp.responseTimeout", "0")
                .containsEntry("sun.rmi.transport.tcp.handshakeTimeout", "60000")
                .containsEntry("sun.net.httpserver.nodelay", "false")
                .containsEntry("sun.net.httpserver.maxIdleConnections", "300");
        for (String property : JvmSettingsProbe.PROPERTIES) {
            assertThat(warnings(HOST_SET, property)).as(log(HOST_SET)).isEmpty();
        }
    }

    // ------------------------------------------------------------------ processes

    private void startAgent(String name, String masterUrl, List<String> jvmArgs) throws IOException {
        ServerDir dir = agents.get(name);
        dir.writeConf(tlsConf(dir, "is-master = no\nmaster-name = master\nmaster-url = " + masterUrl + "\n"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-javaagent:" + AgentProcess.AGENT_JAR + "=conf=" + dir.conf(), "-cp",
                probeClasses.toString(), JvmSettingsProbe.class.getName(), Integer.toString(dir.httpPort)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.dir.resolve("agent.out").toFile()).start();
        processes.add(p);
        await().atMost(NodeProcess.START_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            assertThat(p.isAlive()).as(Files.readString(dir.dir.resolve("agent.out")) + log(name)).isTrue();
            return probe(name).containsKey("ssl.default.protocol") && log(name).contains("Start completed");
        });
    }

    /** The probe's class alone in a folder: the program's class path holds nothing of Ripple's. */
    private static Path probeClasses(Path dir) throws IOException {
        String entry = JvmSettingsProbe.class.getName().replace('.', '/') + ".class";
        Path file = dir.resolve(entry);
        Files.createDirectories(file.getParent());
        try (var in = JvmSettingsProbe.class.getClassLoader().getResourceAsStream(entry)) {
            Files.copy(in, file);
        }
        return dir;
    }

    private Map<String, String> probe(String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agents.get(name).httpPort + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> values = new HashMap<>();
        for (String line : response.body().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private String log(String name) throws IOException {
        Path file = agents.get(name).dataDir().resolve("ripple-agent.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private List<String> warnings(String name, String about) throws IOException {
        return log(name).lines().filter(l -> l.contains(" WARN ") && l.contains(about)).toList();
    }

    private String tlsConf(ServerDir dir, String cluster) {
        return dir.conf(cluster + "truststore = " + node.truststore() + "\ntruststore-password-file = " + node.passwordFile() + "\n")
                .replace("access-file = jmx-config/jmxremote.access\n", "access-file = jmx-config/jmxremote.access\nssl = yes\n"
                        + "keystore = " + node.keystore() + "\nkeystore-password-file = " + node.passwordFile() + "\n")
                .replace("policy-file = jmx-config/jolokia-access.xml\n", "policy-file = jmx-config/jolokia-access.xml\nssl = yes\n");
    }

    private static String httpsUrl(ServerDir dir) {
        return "https://127.0.0.1:" + dir.jolokiaPort + "/jolokia/";
    }
}
