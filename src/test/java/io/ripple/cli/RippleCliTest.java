package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.remote.RemoteException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line without a server: parsing, validation and exit codes. */
class RippleCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JMX = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi";

    @TempDir
    Path temp;
    Path passwordFile;

    @BeforeEach
    void writePasswordFile() throws IOException {
        passwordFile = temp.resolve("password");
        Files.writeString(passwordFile, "admin-secret\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    static void assertNoStackTrace(CliRun run) {
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Nested
    class Usage {

        @Test
        void noCommandIsBadUsage() {
            CliRun run = CliRun.of();
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Missing command");
        }

        @Test
        void helpIsDone() {
            CliRun run = CliRun.of("--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("cluster").contains("server").contains("check").contains("--password-file");
        }

        @ParameterizedTest
        @ValueSource(strings = {"frobnicate", "cluster frobnicate", "server frobnicate", "cluster restart --bogus",
                "cluster", "server"})
        void unknownOrMissingCommandsAndOptionsAreBadUsage(String args) {
            CliRun run = CliRun.of(("--jmx " + JMX + " " + args).split(" "));
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("ripple: ");
            assertNoStackTrace(run);
        }

        @ParameterizedTest
        @CsvSource({"-ripple,-status", "--ripple,--status", "-status,-ripple", "-ripple,--status"})
        void rippleWithStatusIsRefused(String first, String second) {
            CliRun run = CliRun.of("--jmx", JMX, "cluster", "restart", first, second);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("-ripple and -status cannot be used together");
        }

        /** Refused before any connection (nothing listens on the JMX address here): bad input is exit 2, not 1 or 3. */
        @ParameterizedTest
        @CsvSource({"--batch", "--pause", "--min-ready", "--max-failures"})
        void aNegativeRunPlanNumberIsBadUsageNamingTheOption(String option) {
            CliRun run = CliRun.of("--jmx", JMX, "cluster", "restart", option, "-1");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("Invalid value for option '" + option + "': -1 must be 0 or more.");
        }

        @ParameterizedTest
        @CsvSource({"--batch", "--min-ready"})
        void aNegativePreviewPlanNumberIsBadUsageNamingTheOption(String option) {
            CliRun run = CliRun.of("--jmx", JMX, "cluster", "preview", option, "-1");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("Invalid value for option '" + option + "': -1 must be 0 or more.");
        }

        @Test
        void rippleWithStatusIsRefusedAsJsonToo() throws Exception {
            CliRun run = CliRun.of("--jmx", JMX, "--json", "cluster", "restart", "-ripple", "-status");
            assertThat(run.exitCode()).isEqualTo(2);
            JsonNode error = JSON.readTree(run.out());
            assertThat(error.get("exitCode").asInt()).isEqualTo(2);
            assertThat(error.get("error").asText()).contains("-ripple and -status");
        }

        @Test
        void aPasswordOnTheCommandLineIsRefused() {
            CliRun run = CliRun.of("--jmx", JMX, "--user", "admin", "--password", "admin-secret", "server", "info");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--password-file").doesNotContain("admin-secret");
        }
    }

    @Nested
    class Connection {

        @Test
        void missingConnectionIsBadUsage() {
            CliRun run = CliRun.of("cluster", "status");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("No connection: give --jmx URL, --jolokia URL or --conf server.conf.");
        }

        @Test
        void missingConnectionAsJson() throws Exception {
            CliRun run = CliRun.of("cluster", "status", "--json");
            assertThat(run.exitCode()).isEqualTo(2);
            JsonNode error = JSON.readTree(run.out());
            assertThat(error.get("error").asText()).startsWith("No connection");
            assertThat(error.get("exitCode").asInt()).isEqualTo(2);
        }

        @Test
        void jmxAndJolokiaTogetherIsBadUsage() {
            CliRun run = CliRun.of("--jmx", JMX, "--jolokia", "http://127.0.0.1:8778/jolokia/", "server", "info");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("not both");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "--jmx|rmi://127.0.0.1:9010/jmxrmi|Malformed JMX URL",
                "--jmx|service:jmx:|Malformed JMX URL",
                "--jmx|service:jmx:rmi://[bad|Malformed JMX URL",
                "--jolokia|127.0.0.1:8778/jolokia/|Malformed Jolokia URL",
                "--jolokia|ftp://127.0.0.1:8778/jolokia/|Malformed Jolokia URL",
                "--jolokia|http://exa mple/jolokia/|Malformed Jolokia URL",
                "--jolokia|http:///jolokia/|Malformed Jolokia URL",
                "--jolokia|http://127.0.0.1:99999/jolokia/|Malformed Jolokia URL",
                "--jolokia|http://127.0.0.1:0/jolokia/|Malformed Jolokia URL",
                "--jmx|service:jmx:rmi:///jndi/rmi://127.0.0.1:99999/jmxrmi|Malformed JMX URL",
                "--jmx|service:jmx:rmi://127.0.0.1:70000/jndi/rmi://127.0.0.1:9010/jmxrmi|Malformed JMX URL"})
        void malformedUrlsAreBadUsage(String option, String url, String message) {
            CliRun run = CliRun.of(option, url, "server", "info");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains(message).contains(url);
            assertNoStackTrace(run);
        }

        @Test
        void unreadablePasswordFileIsBadUsage() {
            Path missing = temp.resolve("no-such-file");
            CliRun run = CliRun.of("--jmx", JMX, "--user", "admin", "--password-file", missing.toString(), "server", "info");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Cannot read password file " + missing);
        }

        @Test
        void aPasswordFileOthersCanReadIsRefused() throws IOException {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
            CliRun run = CliRun.of("--jmx", JMX, "--user", "admin", "--password-file", passwordFile.toString(), "server", "info");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("readable by its owner only").contains("chmod 600");
        }

        @Test
        void anEmptyPasswordFileIsBadUsage() throws IOException {
            Files.writeString(passwordFile, "");
            CliRun run = CliRun.of("--jmx", JMX, "--user", "admin", "--password-file", passwordFile.toString(), "server", "info");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("is empty");
        }

        @Test
        void userAndPasswordFileGoTogether() {
            assertThat(CliRun.of("--jmx", JMX, "--user", "admin", "server", "info").exitCode()).isEqualTo(2);
            assertThat(CliRun.of("--jmx", JMX, "--password-file", passwordFile.toString(), "server", "info").exitCode())
                    .isEqualTo(2);
        }

        @Test
        void aMissingServerConfIsBadUsage() {
            CliRun run = CliRun.of("--conf", temp.resolve("server.conf").toString(), "cluster", "status");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("does not exist");
        }

        @Test
        void anInvalidServerConfIsBadUsage() throws IOException {
            Path conf = temp.resolve("server.conf");
            Files.writeString(conf, "[server]\nname = m\n[cluster]\nis-master = maybe\n");
            CliRun run = CliRun.of("--conf", conf.toString(), "cluster", "status");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("is-master").contains("server.conf");
            assertNoStackTrace(run);
        }

        @ParameterizedTest
        @ValueSource(strings = {"jmx", "jolokia"})
        void connectionRefusedIsExit3NamingTheUrl(String transport) throws IOException {
            int port = closedPort();
            String url = transport.equals("jmx") ? "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"
                    : "http://127.0.0.1:" + port + "/jolokia/";
            CliRun run = CliRun.of("--" + transport, url, "--user", "admin", "--password-file", passwordFile.toString(),
                    "cluster", "status");
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains(url).contains("connection refused");
            assertThat(run.err().lines().count()).isEqualTo(1);
            assertNoStackTrace(run);
        }

        @Test
        void checkReportsUnknownWhenTheMasterCannotBeAsked() throws IOException {
            String url = "http://127.0.0.1:" + closedPort() + "/jolokia/";
            CliRun run = CliRun.of("--jolokia", url, "check");
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).startsWith("RIPPLE UNKNOWN - Cannot connect to " + url);
            assertNoStackTrace(run);
        }

        @Test
        void checkReportsUnknownForBadUsage() {
            assertThat(CliRun.of("check").exitCode()).isEqualTo(3);
            CliRun run = CliRun.of("--jmx", JMX, "check", "--bogus");
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).startsWith("RIPPLE UNKNOWN - ");
        }
    }

    @Nested
    class ExitCodeOfRemoteFailures {

        @ParameterizedTest
        @EnumSource(RemoteException.Kind.class)
        void connectionAndPermissionFailuresAre3OthersAre1(RemoteException.Kind kind) {
            int expected = kind == RemoteException.Kind.REMOTE_ERROR ? 1 : 3;
            assertThat(RippleCli.exitCode(new RemoteException(kind, "x", null))).isEqualTo(expected);
        }

        @Test
        void aRefusalBecauseARunIsInProgressNamesTheRun() {
            RemoteException refused = new RemoteException(RemoteException.Kind.REMOTE_ERROR,
                    "service:jmx:rmi:///jndi/rmi://h:1/jmxrmi: A cluster restart is already in progress: run 17. Wait for it to end, or cancel it.", null);
            assertThat(ClusterRestartCommand.runningRunId(refused)).isEqualTo("17");
            assertThat(ClusterRestartCommand.runningRunId(new RemoteException(RemoteException.Kind.REMOTE_ERROR, "other", null)))
                    .isNull();
        }
    }

    /** A loopback port nothing listens on: bound by the system, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
