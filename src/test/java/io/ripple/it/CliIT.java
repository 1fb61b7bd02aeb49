package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ripple.it.RippleTool.Result;
import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cli.RippleCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ripple} against real processes: a master and two replicas (replica-2 over Jolokia). One case runs the
 * script itself as a child process; the others call {@link RippleCli#execute} in-process. The steps build on each
 * other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    TestCluster cluster;
    Path adminPassword;
    Path monitorPassword;
    Path wrongPassword;

    @BeforeAll
    void startCluster(@TempDir Path temp) throws IOException {
        adminPassword = passwordFile(temp, "admin.password", ServerDir.ADMIN_PASSWORD);
        monitorPassword = passwordFile(temp, "monitor.password", ServerDir.MONITOR_PASSWORD);
        wrongPassword = passwordFile(temp, "wrong.password", "not-the-password");
        cluster = new TestCluster(temp.resolve("cluster"), 2);
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Path passwordFile(Path dir, String name, String password) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Result ripple(String... args) {
        return RippleTool.inProcess(args);
    }

    private List<String> asAdmin(String transport, String server, String... command) {
        return as(ServerDir.ADMIN, adminPassword, transport, server, command);
    }

    private List<String> as(String user, Path password, String transport, String server, String... command) {
        ServerDir dir = cluster.dir(server);
        List<String> args = new ArrayList<>(List.of("--" + transport, transport.equals("jmx") ? dir.jmxUrl() : dir.jolokiaUrl(),
                "--user", user, "--password-file", password.toString()));
        args.addAll(List.of(command));
        return args;
    }

    private Result ripple(List<String> args) {
        return ripple(args.toArray(String[]::new));
    }

    /** {@code bin/ripple} itself, as a child process. */
    private Result script(List<String> args) throws Exception {
        return RippleTool.script(cluster.master.dir, RUN_TIMEOUT, args);
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @Order(1)
    void serverInfoOnAReplica() throws Exception {
        Result text = ripple(asAdmin("jmx", "replica-1", "server", "info"));
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.out()).containsPattern("Name:\\s+replica-1").containsPattern("Role:\\s+replica")
                .containsPattern("MasterName:\\s+master").containsPattern("Digest:\\s+[0-9a-f]{64}");

        Result json = ripple(asAdmin("jolokia", "replica-2", "server", "info", "--json"));
        assertThat(json.exitCode()).as(json.all()).isZero();
        JsonNode info = TestCluster.JSON.readTree(json.out());
        assertThat(info.at("/server/Name").asText()).isEqualTo("replica-2");
        assertThat(info.at("/server/Role").asText()).isEqualTo("replica");
        assertThat(info.at("/configStore/Digest").asText()).isEqualTo(cluster.attribute("master", TestCluster.CONFIG_STORE, "Digest"));

        Result sync = ripple(asAdmin("jolokia", "replica-2", "server", "sync"));
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        assertThat(sync.out()).isNotBlank();

        Object bootId = cluster.attribute("replica-1", TestCluster.SERVER, "BootId");
        Result restart = ripple(asAdmin("jmx", "replica-1", "--json", "server", "restart"));
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(TestCluster.JSON.readTree(restart.out()).get("server").asText()).isEqualTo("replica-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> !bootId.equals(cluster.attribute("replica-1", TestCluster.SERVER, "BootId"))
                && "RUNNING".equals(cluster.attribute("replica-1", TestCluster.SERVER, "State")));
    }

    @Test
    @Order(2)
    void clusterPreview() {
        Result r = ripple(asAdmin("jolokia", "master", "cluster", "preview"));
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("replica-1").contains("replica-2").contains("up to date: would not restart");
    }

    @Test
    @Order(3)
    void aReplicaUrlForAClusterCommandIsNotTheMaster() {
        Result r = ripple(asAdmin("jmx", "replica-1", "cluster", "status"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(cluster.dir("replica-1").jmxUrl() + " is not the cluster master");
        assertNoStackTrace(r);
    }

    @Test
    @Order(4)
    void aWrongPasswordCannotConnect() {
        for (String transport : List.of("jmx", "jolokia")) {
            Result r = ripple(as(ServerDir.ADMIN, wrongPassword, transport, "master", "cluster", "status"));
            assertThat(r.exitCode()).as(transport).isEqualTo(3);
            assertThat(r.err()).as(transport).contains("Authentication failed").doesNotContain("not-the-password");
            assertNoStackTrace(r);
        }
    }

    @Test
    @Order(5)
    void aReadonlyUserCannotRestart() {
        for (String transport : List.of("jmx", "jolokia")) {
            Result r = ripple(as(ServerDir.MONITOR, monitorPassword, transport, "master", "cluster", "restart"));
            assertThat(r.exitCode()).as(transport + ": " + r.all()).isEqualTo(3);
            assertThat(r.err()).as(transport).contains("not allowed");
            assertNoStackTrace(r);
        }
        Result status = ripple(as(ServerDir.MONITOR, monitorPassword, "jolokia", "master", "cluster", "status"));
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("No cluster restart has been requested.");
    }

    @Test
    @Order(6)
    void aRippleRunWithWaitShowsEveryServerAndEndsCompleted() throws Exception {
        cluster.master.write("junctions/cli.json", "{\"path\": \"/cli\", \"backend\": \"http://127.0.0.1:9201\"}\n");

        Result r = script(asAdmin("jmx", "master", "cluster", "restart", "-ripple", "--wait"));

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("replica-1\\s+REQUESTED").containsPattern("replica-1\\s+RESTARTED")
                .containsPattern("replica-2\\s+RESTARTED").containsPattern("master\\s+RESTARTING")
                .containsPattern("servers done, \\d+ restarting, 0 failed")
                .contains("The cluster has been restarted.");
        assertThat(r.out().indexOf("replica-1  RESTARTED")).isLessThan(r.out().indexOf("replica-2  REQUESTED"));
        assertNoStackTrace(r);

        Result json = ripple(asAdmin("jolokia", "master", "cluster", "status", "--json"));
        assertThat(json.exitCode()).as(json.all()).isZero();
        JsonNode status = TestCluster.JSON.readTree(json.out());
        assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("mode").asText()).isEqualTo("ripple");
        assertThat(TestCluster.row(status, "replica-2").get("state").asText()).isEqualTo("RESTARTED");
        assertThat(TestCluster.junctionPaths(cluster.service("replica-2"))).contains("/cli");
    }

    @Test
    @Order(7)
    void checkIsOkAfterASuccessfulRun() {
        Result r = ripple(asAdmin("jolokia", "master", "check"));
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("RIPPLE OK - 2 replicas at version ")
                .contains("| stale=0 drifted=0 unreachable=0 failed=0");
    }

    @Test
    @Order(8)
    void theMastersServerConfGivesAddressAndCredentials() throws Exception {
        Result r = ripple("--conf", cluster.master.conf().toString(), "cluster", "status");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("RPL3002I The cluster has been restarted.").containsPattern("replica-1\\s+replica\\s+RESTARTED");

        Result viaReplica = ripple("--conf", cluster.dir("replica-1").conf().toString(), "--json", "cluster", "status");
        assertThat(viaReplica.exitCode()).as(viaReplica.all()).isZero();
        assertThat(TestCluster.JSON.readTree(viaReplica.out()).get("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    @Order(8)
    void aRunStartedWithoutWaitPrintsAFollowUpCommandThatWorksAsPrinted() throws Exception {
        cluster.master.write("junctions/follow.json", "{\"path\": \"/follow\", \"backend\": \"http://127.0.0.1:9204\"}\n");
        String url = cluster.dir("master").jmxUrl();

        Result started = ripple(asAdmin("jmx", "master", "cluster", "restart"));

        assertThat(started.exitCode()).as(started.all()).isZero();
        String followUp = "ripple --jmx " + url + " --user " + ServerDir.ADMIN + " --password-file " + adminPassword
                + " cluster status --wait";
        assertThat(started.out()).contains("Follow it with: " + followUp).doesNotContain(ServerDir.ADMIN_PASSWORD);
        Result followed = ripple(followUp.substring("ripple ".length()).split(" "));
        assertThat(followed.exitCode()).as(followed.all()).isZero();
        assertThat(followed.out()).contains("The cluster has been restarted.");
    }

    @Test
    @Order(8)
    void waitingDuringAPauseSaysItWaitsOutThePause() throws Exception {
        cluster.master.write("junctions/pause.json", "{\"path\": \"/pause\", \"backend\": \"http://127.0.0.1:9205\"}\n");

        Result r = ripple(asAdmin("jolokia", "master", "cluster", "restart", "-batch", "1", "-pause", "3", "--wait"));

        assertThat(r.exitCode()).as(r.all()).isZero();
        String out = r.out();
        String line = "Waiting out the pause between batches (-pause 3): the next batch starts at ";
        assertThat(out).as(out).containsOnlyOnce(line);
        int first = out.indexOf("replica-1  RESTARTED");
        int second = out.indexOf("replica-2  REQUESTED");
        assertThat(out.indexOf(line)).as(out).isGreaterThan(first).isLessThan(second);
    }

    @Test
    @Order(8)
    void theRollbackRefusalNamesTheCliHistoryCommand() {
        Result r = ripple(asAdmin("jmx", "master", "cluster", "rollback", "999"));
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("Version 999 was never published: the latest is ").contains("(see ripple cluster history)")
                .doesNotContain("history()");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    @Order(9)
    void aSecondRestartWhileOneRunsIsRefusedOrFollowedWithWait() throws Exception {
        cluster.master.write("junctions/twice.json", "{\"path\": \"/twice\", \"backend\": \"http://127.0.0.1:9202\"}\n");
        ProcessHandle replica2 = nodeProcess("replica-2");
        ExecutorService follower = Executors.newSingleThreadExecutor();
        signal(replica2, "STOP"); // the run waits for replica-2 until it answers again
        try {
            Result first = ripple(asAdmin("jmx", "master", "--json", "cluster", "restart", "-ripple"));
            assertThat(first.exitCode()).as(first.all()).isZero();
            String runId = TestCluster.JSON.readTree(first.out()).get("runId").asText();

            Result second = ripple(asAdmin("jolokia", "master", "cluster", "restart"));
            assertThat(second.exitCode()).as(second.all()).isEqualTo(1);
            assertThat(second.err()).contains("already in progress: run " + runId + ".");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Future<Integer> attached = follower.submit(() -> RippleCli.execute(new PrintWriter(out, true),
                    new PrintWriter(err, true), asAdmin("jmx", "master", "cluster", "restart", "--wait").toArray(String[]::new)));
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("replica-2  REQUESTED"));
            assertThat(out.toString()).contains("following run " + runId).containsPattern("replica-1\\s+RESTARTED");
            signal(replica2, "CONT");

            assertThat(attached.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(out + "" + err).isZero();
            assertThat(out.toString()).containsPattern("replica-2\\s+RESTARTED").contains("The cluster has been restarted.");
            JsonNode status = TestCluster.JSON.readTree(ripple(asAdmin("jmx", "master", "cluster", "status", "--json")).out());
            assertThat(status.get("runId").asText()).isEqualTo(runId);
            assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        } finally {
            signal(replica2, "CONT");
            follower.shutdownNow();
        }
    }

    @Test
    @Order(10)
    void cancelStopsAskingAndTheFollowedRunEndsWithExitCode1() throws Exception {
        cluster.master.write("junctions/cancel.json", "{\"path\": \"/cancel\", \"backend\": \"http://127.0.0.1:9204\"}\n");
        ProcessHandle replica1 = nodeProcess("replica-1");
        signal(replica1, "STOP");
        try {
            Result started = ripple(asAdmin("jolokia", "master", "cluster", "restart", "--ripple"));
            assertThat(started.exitCode()).as(started.all()).isZero();

            // Ctrl-C on bin/ripple ... --wait stops following, not the run
            Path out = Files.createTempFile(cluster.master.dir, "ripple-follow", ".txt");
            List<String> command = new ArrayList<>(List.of(ServerDir.PROJECT.resolve("bin/ripple").toString()));
            command.addAll(asAdmin("jmx", "master", "cluster", "status", "--wait"));
            Process follow = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("replica-1  REQUESTED"));
                signal(follow.toHandle(), "INT");
                if (!follow.waitFor(5, TimeUnit.SECONDS)) {
                    signal(follow.toHandle(), "TERM"); // SIGINT may be ignored when the build runs in the background
                }
                assertThat(follow.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                follow.destroyForcibly();
            }
            assertThat(Files.readString(out)).contains("Stopped following run ").contains("the cluster restart goes on");
            assertThat(cluster.attribute("master", TestCluster.CLUSTER, "InProgress")).isEqualTo(true);

            Result cancel = ripple(asAdmin("jolokia", "master", "cluster", "cancel"));
            assertThat(cancel.exitCode()).as(cancel.all()).isZero();
            assertThat(cancel.out()).contains("cancelled");
        } finally {
            signal(replica1, "CONT");
        }
        Result followed = ripple(asAdmin("jmx", "master", "cluster", "restart", "-status", "--wait"));
        assertThat(followed.exitCode()).as(followed.all()).isEqualTo(1);
        // the final table: SERVER, ROLE, STATE, ...
        assertThat(followed.out()).containsPattern("replica-2\\s+replica\\s+SKIPPED").contains("CANCELLED");

        Result noRun = ripple(asAdmin("jmx", "master", "cluster", "cancel"));
        assertThat(noRun.exitCode()).isEqualTo(1);
        assertThat(noRun.err()).contains("No cluster restart is in progress.");
    }

    /** The java process of a server (launched with its server.conf as argument). */
    private ProcessHandle nodeProcess(String server) {
        String conf = cluster.dir(server).conf().toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(conf)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no process for " + server));
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    @Order(11)
    void checkWarnsWhenAReplicaHasDriftedFiles() {
        cluster.dir("replica-1").write("junctions/app.json",
                "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:7777\", \"note\": \"edited by hand\"}\n");
        // attributes re-read the disk at most once a second
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Result r = ripple(asAdmin("jmx", "master", "check"));
            assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
            assertThat(r.out()).startsWith("RIPPLE WARNING - ").contains("replica-1 has drifted files: junctions/app.json")
                    .contains("drifted=1");
        });
    }

    @Test
    @Order(12)
    void checkIsCriticalWithAReplicaStopped() throws Exception {
        cluster.stop("replica-2");
        Result r = ripple(asAdmin("jmx", "master", "check", "--json"));
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        JsonNode check = TestCluster.JSON.readTree(r.out());
        assertThat(check.get("status").asText()).isEqualTo("CRITICAL");
        assertThat(check.get("message").asText()).startsWith("RIPPLE CRITICAL - replica-2 unreachable").contains("unreachable=1");

        Result text = ripple(asAdmin("jmx", "master", "check"));
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.out().lines().count()).isEqualTo(1);
    }

    @Test
    @Order(13)
    void aRunThatFailsEndsWithExitCode1() {
        cluster.master.write("junctions/fails.json", "{\"path\": \"/fails\", \"backend\": \"http://127.0.0.1:9203\"}\n");
        Result r = ripple(asAdmin("jolokia", "master", "cluster", "restart", "--wait"));
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).containsPattern("replica-2\\s+(FAILED|TIMED_OUT)").contains("The cluster restart failed.");

        Result check = ripple(asAdmin("jolokia", "master", "check"));
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.out()).contains("failed=1");
    }
}
