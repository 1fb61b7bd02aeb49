package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** bin/ripple-node's main class on configurations it cannot use: one line naming the problem, exit 2, nothing written. */
class BadConfigurationIT {

    @TempDir
    Path temp;

    record Outcome(int exitCode, String output) {
    }

    private Outcome run(Path conf) throws IOException, InterruptedException {
        Path output = temp.resolve("output.log");
        Process p = NodeProcess.launch(conf, output);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        return new Outcome(p.exitValue(), Files.readString(output));
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("no name", "[server]\ndata-dir = data\n[cluster]\nis-master = yes\n",
                        "Missing [server] name in server.conf."),
                Arguments.of("unknown is-master", "[server]\nname = a\n[cluster]\nis-master = maybe\n",
                        "Invalid is-master 'maybe' at server.conf:4. Must be 'yes' or 'no'."),
                Arguments.of("duplicate replica", """
                        [server]
                        name = m
                        [cluster]
                        is-master = yes
                        replica = r1 service:jmx:rmi:///jndi/rmi://127.0.0.1:9011/jmxrmi
                        replica = r1 http://127.0.0.1:8780/jolokia/
                        """, "Replica 'r1' is listed twice in server.conf (lines 5 and 6). Replica names must be unique."),
                Arguments.of("malformed line", "[server]\nname = a\nthis is not an entry\n",
                        "Invalid line 'this is not an entry' at server.conf:3. Expected 'key = value', a [stanza] header or a # comment."),
                Arguments.of("replica without master", "[server]\nname = a\n",
                        "Missing [cluster] master-url in server.conf: a replica must know how to reach its master (or set is-master = yes)."),
                Arguments.of("bad port", "[server]\nname = a\n[cluster]\nis-master = yes\n[jmx]\nport = 99999\n",
                        "Invalid [jmx] port '99999' at server.conf:6. Must be a port number from 0 (no endpoint) to 65535."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadServerConfIsOneLineAndExit2(String what, String conf, String message) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("server"));
        Files.writeString(dir.resolve("server.conf"), conf);
        Outcome outcome = run(dir.resolve("server.conf"));
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.output()).contains("ripple-node: RPL1003E " + message).doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aDataDirThatIsAFileIsNamedAndExit2() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("server"));
        Files.writeString(dir.resolve("notes.txt"), "kept\n");
        Files.writeString(dir.resolve("server.conf"), "[server]\nname = a\ndata-dir = notes.txt\n[cluster]\nis-master = yes\n");
        Outcome outcome = run(dir.resolve("server.conf"));
        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.output()).contains("ripple-node: RPL1003E [server] data-dir " + dir.resolve("notes.txt")
                + " is a file, not a folder. Name a folder (Ripple creates it when it is absent).").doesNotContain("\tat ");
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("kept\n");
    }

    @Test
    void aMissingServerConfIsNamed() throws Exception {
        Path missing = temp.resolve("nowhere/server.conf");
        Outcome outcome = run(missing);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.output()).contains("ripple-node: RPL1003E Configuration file " + missing + " does not exist.");
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        ServerDir server = new ServerDir(temp, "master");
        server.writeConf(server.masterConf(""));
        Path password = server.dir.resolve("jmx-config/jmxremote.password");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        Outcome outcome = run(server.conf());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.output()).contains("ripple-node: ").contains(password.getFileName().toString())
                .contains("owner").doesNotContain("\tat ");
        assertThat(server.dataDir()).doesNotExist();
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        ServerDir server = new ServerDir(temp, "master");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            server.jmxPort = taken.getLocalPort();
            server.writeConf(server.masterConf(""));
            Outcome outcome = run(server.conf());
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.output()).contains("ripple-node: ").contains(String.valueOf(taken.getLocalPort()))
                    .contains("already in use").doesNotContain("\tat ");
            assertThat(server.dataDir()).doesNotExist();
        }
    }
}
