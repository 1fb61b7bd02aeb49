package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.ripple.cli.RippleCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * server.conf is strict in Ripple's stanzas, and a management channel is anonymous only when its stanza says
 * {@code authenticate = no}, on loopback. Each bad file is tried on a real {@code bin/ripple-node} process as an
 * attacker would: once the process had its chance to start, an anonymous Jolokia exec of Cluster.restart and
 * Server.restart and an anonymous JMX connection must find nothing to talk to, the process must end with exit code 2 and
 * one line naming the file's line, and nothing may be written in the data-dir.
 */
class ConfSchemaIT {

    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    record Outcome(int exitCode, String output) {
    }

    /** The 1-based number of the first line of {@code text} that starts with {@code start}. */
    static int lineOf(String text, String start) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with '" + start + "' in:\n" + text);
    }

    /** A bad variant of the test master's server.conf; returns the exact refusal expected for it. */
    @FunctionalInterface
    interface Variant {
        String write(ServerDir dir);
    }

    static Arguments bad(String what, UnaryOperator<String> edit, Variant expected) {
        return Arguments.of(what, (Variant) dir -> {
            String text = edit.apply(dir.masterConf(""));
            dir.writeConf(text);
            return expected.write(dir);
        });
    }

    static String conf(ServerDir dir) {
        return dir.readConf();
    }

    static Stream<Arguments> badConfs() {
        String missingJmx = "Missing [jmx] password-file in server.conf: set it, or authenticate = no for anonymous access"
                + " on loopback only.";
        return Stream.of(
                bad("[jmx] misspelt [jmxx]", c -> c.replace("[jmx]\n", "[jmxx]\n"),
                        d -> "Unknown stanza [jmxx] at server.conf:" + lineOf(conf(d), "[jmxx]") + ". Did you mean [jmx]?"),
                bad("password-file misspelt pasword-file", c -> c.replace("password-file = jmx-config", "pasword-file = jmx-config"),
                        d -> "Unknown key 'pasword-file' in [jmx] at server.conf:" + lineOf(conf(d), "pasword-file")
                                + ". Did you mean 'password-file'?"),
                bad("[cluster] misspelt [clustr]", c -> c.replace("[cluster]\n", "[clustr]\n"),
                        d -> "Unknown stanza [clustr] at server.conf:" + lineOf(conf(d), "[clustr]") + ". Did you mean [cluster]?"),
                bad("[cfg-db:files] misspelt [cfg-db:file]", c -> c.replace("[cfg-db:files]\n", "[cfg-db:file]\n"),
                        d -> "Unknown stanza [cfg-db:file] at server.conf:" + lineOf(conf(d), "[cfg-db:file]")
                                + ". Did you mean [cfg-db:files]?"),
                bad("the password-file line removed", c -> c.replace("password-file = jmx-config/jmxremote.password\n", ""),
                        d -> missingJmx),
                bad("the [jmx] port given twice", c -> c.replace("[jmx]\nhost = 127.0.0.1\n", "[jmx]\nhost = 127.0.0.1\nport = 1\n"),
                        d -> "Repeated key 'port' in [jmx] at server.conf:" + (lineOf(conf(d), "port = 1") + 1)
                                + ": it takes one value, and line " + lineOf(conf(d), "port = 1") + " gives it already."
                                + " Keep one of them."),
                bad("an undeclared stanza", c -> c + "[extras]\ncolour = blue\n",
                        d -> "Unknown stanza [extras] at server.conf:" + lineOf(conf(d), "[extras]") + ". If it is your"
                                + " server's own, declare it: host-stanzas = extras in [server]."),
                bad("the access-file line removed", c -> c.replace("access-file = jmx-config/jmxremote.access\n", ""),
                        d -> "Missing [jmx] access-file in server.conf: an authenticated channel gives each user the role"
                                + " its access file grants (readonly or readwrite); set it."),
                bad("authenticate = no beside a password-file", c -> c.replace("[jmx]\n", "[jmx]\nauthenticate = no\n"),
                        d -> "Invalid authenticate 'no' at server.conf:" + lineOf(conf(d), "authenticate = no")
                                + ". [jmx] has a password-file too: remove one of them."),
                bad("[jolokia] authenticate = no on 0.0.0.0",
                        c -> c.replace("[jolokia]\nhost = 127.0.0.1\n", "[jolokia]\nhost = 0.0.0.0\nauthenticate = no\n"),
                        d -> "Invalid authenticate 'no' at server.conf:" + lineOf(conf(d), "authenticate = no")
                                + ". Anonymous access is allowed on loopback only, and [jolokia] host is 0.0.0.0:"
                                + " set a password-file, or a loopback host."),
                bad("[jmx] authenticate = no on 0.0.0.0",
                        c -> c.replace("[jmx]\nhost = 127.0.0.1\n", "[jmx]\nhost = 0.0.0.0\nauthenticate = no\n")
                                .replace("password-file = jmx-config/jmxremote.password\naccess-file = jmx-config/jmxremote.access\n", ""),
                        d -> "Invalid authenticate 'no' at server.conf:" + lineOf(conf(d), "authenticate = no")
                                + ". Anonymous access is allowed on loopback only, and [jmx] host is 0.0.0.0:"
                                + " set a password-file, or a loopback host."),
                bad("[jolokia] does not inherit [jmx]'s authenticate = no",
                        c -> c.replace("password-file = jmx-config/jmxremote.password\naccess-file = jmx-config/jmxremote.access\n",
                                "authenticate = no\n"),
                        d -> "Missing [jolokia] password-file in server.conf: set it, or authenticate = no for anonymous"
                                + " access on loopback only."));
    }

    @ParameterizedTest(name = "refused, and no anonymous door: {0}")
    @MethodSource("badConfs")
    void aBadConfNeverStartsAndNoAnonymousCallerGetsIn(String what, Variant variant) throws Exception {
        ServerDir dir = new ServerDir(temp, "master");
        dir.write("banner.txt", "Welcome\n");
        String reason = variant.write(dir);
        Path output = dir.dir.resolve("output.log");
        Process node = NodeProcess.launch(dir.conf(), output);
        try {
            await().atMost(EXIT_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> !node.isAlive() || Files.readString(output).contains("Start completed"));
            assertNoAnonymousDoor(dir);
            await().atMost(EXIT_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> !node.isAlive());
        } finally {
            stop(node);
        }
        String text = Files.readString(output);
        assertThat(node.exitValue()).as(what + ":\n" + text).isEqualTo(2);
        assertThat(text).contains("ripple-node: RPL1003E " + reason + "\n").doesNotContain("\tat ", "Exception");
        assertThat(text.lines().count()).as("one line:\n" + text).isEqualTo(1);
        assertThat(dir.dataDir()).doesNotExist();
    }

    @Test
    void authenticateNoOnLoopbackLetsAnAnonymousCallerInOnBothChannels() throws Exception {
        ServerDir dir = new ServerDir(temp, "master");
        dir.write("banner.txt", "Welcome\n");
        try (NodeProcess node = NodeProcess.start(dir, d -> d.masterConf("")
                .replace("password-file = jmx-config/jmxremote.password\naccess-file = jmx-config/jmxremote.access\n",
                        "authenticate = no\n")
                .replace("[jolokia]\n", "[jolokia]\nauthenticate = no\n"))) {
            try (JMXConnector c = JmxClients.connect(dir.jmxUrl(), null, null)) {
                assertThat(c.getMBeanServerConnection().getAttribute(new ObjectName(SERVER), "Name")).isEqualTo("master");
            }
            JolokiaHttp.Response read = new JolokiaHttp(dir.jolokiaUrl(), null, null).read(SERVER);
            assertThat(read.status()).as(String.valueOf(read.body())).isEqualTo(200);
            assertThat(read.body().path("value").path("Name").asText()).isEqualTo("master");
            assertThat(node.output()).contains("anonymous");
        }
    }

    /**
     * The sample server declares [service] in code, so bin/ripple-node starts without {@code host-stanzas}; the agent
     * knows no host and must be told.
     */
    @Test
    void aHostStanzaDeclaredInCodeServesTheNodeAndTheAgentMustBeTold() throws Exception {
        ServerDir dir = new ServerDir(temp, "master");
        dir.write("banner.txt", "Welcome\n");
        try (NodeProcess node = NodeProcess.start(dir, d -> d.masterConf("").replace("host-stanzas = service\n", ""))) {
            assertThat(node.output()).contains("Start completed");
        }
        String text = dir.readConf();
        Outcome agent = runAgent(dir);
        assertThat(agent.exitCode()).as(agent.output()).isEqualTo(2);
        assertThat(agent.output()).isEqualTo("ripple-agent: RPL6002E Unknown stanza [service] at server.conf:" + lineOf(text, "[service]")
                + ". If it is your server's own, declare it: host-stanzas = service in [server].\n");
    }

    /** The plain program with the agent on {@code dir}'s server.conf, until it ends (it must). */
    private static Outcome runAgent(ServerDir dir) throws Exception {
        dir.write("served.txt", "hello\n");
        Path output = dir.dir.resolve("agent.out");
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-javaagent:" + AgentProcess.AGENT_JAR + "=conf=" + dir.conf(), "-jar",
                AgentProcess.plainAppJar(dir.dir).toString(), Integer.toString(dir.httpPort),
                dir.dir.resolve("served.txt").toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(EXIT_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> !agent.isAlive());
        } finally {
            stop(agent);
        }
        return new Outcome(agent.exitValue(), Files.readString(output));
    }

    @Test
    void theAgentRefusesAMisspeltStanzaWithExit2AndOneLine() throws Exception {
        ServerDir dir = new ServerDir(temp, "agent");
        String text = dir.masterConf("").replace("[jmx]\n", "[jmxx]\n");
        dir.writeConf(text);
        dir.write("served.txt", "hello\n");
        dir.write("banner.txt", "Welcome\n");
        Path output = dir.dir.resolve("agent.out");
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-javaagent:" + AgentProcess.AGENT_JAR + "=conf=" + dir.conf(), "-jar",
                AgentProcess.plainAppJar(dir.dir).toString(), Integer.toString(dir.httpPort),
                dir.dir.resolve("served.txt").toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(EXIT_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> !agent.isAlive() || Files.readString(output).contains("plain-app serving"));
            assertNoAnonymousDoor(dir);
            await().atMost(EXIT_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> !agent.isAlive());
        } finally {
            stop(agent);
        }
        String out = Files.readString(output);
        assertThat(agent.exitValue()).as(out).isEqualTo(2);
        assertThat(out).isEqualTo("ripple-agent: RPL6002E Unknown stanza [jmxx] at server.conf:" + lineOf(text, "[jmxx]")
                + ". Did you mean [jmx]?\n");
        assertThat(dir.dataDir()).doesNotExist();
    }

    @Test
    void theCliRefusesAMisspeltKeyInItsConfWithExit2AndTheLine() throws Exception {
        ServerDir dir = new ServerDir(temp, "master");
        String text = dir.masterConf("").replace("password-file = jmx-config", "pasword-file = jmx-config");
        dir.writeConf(text);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RippleCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "--conf", dir.conf().toString(), "cluster", "status");
        assertThat(code).as(out + "" + err).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown key 'pasword-file' in [jmx] at server.conf:"
                + lineOf(text, "pasword-file") + ". Did you mean 'password-file'?").doesNotContain("\tat ", "Exception");
    }

    /** What curl and JConsole without credentials would do: both restarts over Jolokia, a JMX connection. */
    static void assertNoAnonymousDoor(ServerDir dir) throws Exception {
        JolokiaHttp anonymous = new JolokiaHttp(dir.jolokiaUrl(), null, null);
        for (String[] call : new String[][] {{CLUSTER, "restart"}, {SERVER, "restart"}}) {
            Object[] args = call[0].equals(CLUSTER) ? new Object[] {false} : new Object[0];
            JolokiaHttp.Response r;
            try {
                r = anonymous.exec(call[0], call[1], args);
            } catch (IOException nothingListens) {
                continue;
            }
            assertThat(r.status()).as("anonymous Jolokia " + call[0] + " " + call[1] + ": " + r.body()).isNotEqualTo(200);
        }
        Throwable jmx = catchThrowable(() -> {
            try (JMXConnector c = JmxClients.connect(dir.jmxUrl(), null, null)) {
                c.getMBeanServerConnection().getAttribute(new ObjectName(SERVER), "Name");
            }
        });
        assertThat(jmx).as("anonymous JMX connection").isNotNull();
    }

    private static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
