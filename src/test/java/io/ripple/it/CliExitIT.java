package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ripple.it.RippleTool.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes scripts can use, against real processes (a master and two replicas): {@code cluster status} with the
 * latest run's outcome, {@code preview} of a rejected configuration, wrong addresses told apart, and the master left on
 * its version by a failed replica, said as the rule it is. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliExitIT {

    private static final Duration RUN_END = Duration.ofSeconds(90);

    TestCluster cluster;
    Path adminPassword;

    @BeforeAll
    void startCluster(@TempDir Path temp) throws IOException {
        adminPassword = temp.resolve("admin.password");
        Files.writeString(adminPassword, ServerDir.ADMIN_PASSWORD + "\n");
        Files.setPosixFilePermissions(adminPassword, PosixFilePermissions.fromString("rw-------"));
        cluster = new TestCluster(temp.resolve("cluster"), 2);
        cluster.start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Result ripple(String... args) {
        return RippleTool.inProcess(args);
    }

    /** A command to the master over JMX as the admin user. */
    private Result master(String... command) {
        List<String> args = new ArrayList<>(List.of("--jmx", cluster.master.jmxUrl(), "--user", ServerDir.ADMIN,
                "--password-file", adminPassword.toString()));
        args.addAll(List.of(command));
        return ripple(args.toArray(String[]::new));
    }

    private Result jolokia(String url, String... command) {
        List<String> args = new ArrayList<>(List.of("--jolokia", url, "--user", ServerDir.ADMIN, "--password-file",
                adminPassword.toString()));
        args.addAll(List.of(command));
        return ripple(args.toArray(String[]::new));
    }

    private static void assertOneLineNoTrace(Result r) {
        assertThat(r.err().strip().lines().count()).as(r.all()).isEqualTo(1);
        assertThat(r.all()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** The ended run's state, once the master has also freed the run's slot (a new run may start). */
    private String awaitRunEnded() {
        String[] state = {""};
        await().atMost(RUN_END).until(() -> {
            Result json = master("--json", "cluster", "status");
            state[0] = TestCluster.JSON.readTree(json.out()).path("state").asText();
            return !state[0].equals("IN_PROGRESS")
                    && Boolean.FALSE.equals(cluster.attribute("master", TestCluster.CLUSTER, "InProgress"));
        });
        return state[0];
    }

    @Test
    @Order(1)
    void noRunYetIsStatus0AndARejectedConfigurationPreviewsAsNothingWouldRunWithExit1() {
        Result none = master("cluster", "status");
        assertThat(none.exitCode()).as(none.all()).isZero();
        assertThat(none.out()).contains("No cluster restart has been requested.");

        cluster.master.write("junctions/broken.json", "{\"path\": \n");
        try {
            Result preview = master("cluster", "preview");
            assertThat(preview.exitCode()).as(preview.all()).isEqualTo(1);
            assertThat(preview.out()).contains("would not run: ").doesNotContain("would sync and restart")
                    .doesNotContain("would restart last");
        } finally {
            cluster.master.write("junctions/broken.json", "{\"path\": \"/broken\", \"backend\": \"http://127.0.0.1:9301\"}\n");
        }
        Result accepted = master("cluster", "preview");
        assertThat(accepted.exitCode()).as(accepted.all()).isZero();
        assertThat(accepted.out()).contains("would restart last, only if every replica succeeds");
    }

    @Test
    @Order(2)
    void wrongAddressesExit3WithALineThatNamesTheMistake() {
        int jolokiaPort = cluster.master.jolokiaPort;
        int jmxPort = cluster.master.jmxPort;

        Result noPath = jolokia("http://127.0.0.1:" + jolokiaPort + "/", "server", "info");
        assertThat(noPath.exitCode()).as(noPath.all()).isEqualTo(3);
        // contains, not equals: the line may carry a message ID after "ripple: "
        assertThat(noPath.err().strip()).startsWith("ripple: ").endsWith("Cannot connect to http://127.0.0.1:" + jolokiaPort + "/: HTTP 404:"
                + " no Jolokia agent at path '/'; the agent's path is /jolokia/: http://127.0.0.1:" + jolokiaPort + "/jolokia/");
        assertOneLineNoTrace(noPath);

        Result onJmxPort = jolokia("http://127.0.0.1:" + jmxPort + "/jolokia/", "server", "info");
        assertThat(onJmxPort.exitCode()).as(onJmxPort.all()).isEqualTo(3);
        assertThat(onJmxPort.err()).contains("port " + jmxPort + " is a JMX RMI port, not a Jolokia (HTTP) one: connect to it"
                + " as JMX (--jmx 127.0.0.1:" + jmxPort).doesNotContain("TLS");
        assertOneLineNoTrace(onJmxPort);

        Result httpsOnPlain = jolokia("https://127.0.0.1:" + jolokiaPort + "/jolokia/", "server", "info");
        assertThat(httpsOnPlain.exitCode()).as(httpsOnPlain.all()).isEqualTo(3);
        assertThat(httpsOnPlain.err()).contains("port " + jolokiaPort + " answers plain HTTP, not TLS: use http://127.0.0.1:"
                + jolokiaPort + "/jolokia/");
        assertOneLineNoTrace(httpsOnPlain);

        Result jmxOnHttp = ripple("--jmx", "127.0.0.1:" + jolokiaPort, "--user", ServerDir.ADMIN, "--password-file",
                adminPassword.toString(), "server", "info");
        assertThat(jmxOnHttp.exitCode()).as(jmxOnHttp.all()).isEqualTo(3);
        assertThat(jmxOnHttp.err()).contains("port " + jolokiaPort + " answers HTTP, not JMX RMI: a Jolokia port? connect"
                + " with --jolokia http://127.0.0.1:" + jolokiaPort + "/jolokia/");
        assertOneLineNoTrace(jmxOnHttp);
    }

    @Test
    @Order(3)
    void aCompletedRunIsStatus0() {
        Result run = master("cluster", "restart", "--wait");
        assertThat(run.exitCode()).as(run.all()).isZero();

        Result status = master("cluster", "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("The cluster has been restarted.");
    }

    @Test
    @Order(4)
    void aRunInProgressIsStatus4AndOnceCancelledStatus1() {
        cluster.master.write("junctions/paused.json", "{\"path\": \"/paused\", \"backend\": \"http://127.0.0.1:9302\"}\n");
        Result started = master("cluster", "restart", "-batch", "1", "-pause", "120");
        assertThat(started.exitCode()).as(started.all()).isZero();
        try {
            Result running = master("cluster", "status");
            assertThat(running.exitCode()).as(running.all()).isEqualTo(4);
            assertThat(running.out()).contains("The cluster is in the process of being restarted.");
            Result runningJson = master("--json", "cluster", "status");
            assertThat(runningJson.exitCode()).as(runningJson.all()).isEqualTo(4);
        } finally {
            assertThat(master("cluster", "cancel").exitCode()).isZero();
        }
        assertThat(awaitRunEnded()).isEqualTo("CANCELLED");

        Result cancelled = master("cluster", "status");
        assertThat(cancelled.exitCode()).as(cancelled.all()).isEqualTo(1);
        assertThat(cancelled.out()).contains("CANCELLED");
    }

    @Test
    @Order(5)
    void aFailedReplicaLeavesTheMasterOnItsVersionAndStatusAndCheckSaySoWithTheirCodes() {
        cluster.stop("replica-2");
        cluster.master.write("junctions/split.json", "{\"path\": \"/split\", \"backend\": \"http://127.0.0.1:9303\"}\n");

        Result run = master("cluster", "restart", "--wait");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.all()).as("the run started and ended, it was not refused").contains("Cluster restart started: run 3");

        Result status = master("cluster", "status");
        assertThat(status.exitCode()).as(status.all()).isEqualTo(1);
        assertThat(status.out()).contains("The cluster restart failed.").contains("Run 3 ")
                .containsPattern("replica-1\\s+replica\\s+RESTARTED")
                .containsPattern("master\\s+master\\s+SKIPPED")
                .contains("not restarted because replica-2 failed (the master restarts last, only if every replica"
                        + " succeeded): the master stays on version ")
                .contains("fix replica-2, then run 'ripple cluster restart' again");

        Result check = master("check");
        assertThat(check.exitCode()).as(check.all()).isEqualTo(2);
        assertThat(check.out()).contains("CRITICAL").contains("last run 3 FAILED; the master runs version ")
                .contains("replica-1 version ").contains("(the master restarts last, only if every replica succeeded;");
    }

    /** The timeline cannot be written: bad input (exit 2), with the file and why, not the bare path the JDK gives. */
    @Test
    @Order(6)
    void anHtmlFileInAFolderThatDoesNotExistIsNamedWithItsFolder(@TempDir Path temp) {
        Path html = temp.resolve("no-such-folder/timeline.html");

        Result status = master("cluster", "status", "--html", html.toString());

        assertThat(status.exitCode()).as(status.all()).isEqualTo(2);
        assertThat(status.err()).contains("Cannot write " + html + ": the folder " + html.getParent() + " does not exist.");
        assertOneLineNoTrace(status);
    }
}
