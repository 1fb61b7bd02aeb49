package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cli.RippleCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a configuration the host's validator accepts is published. A junction file that is not JSON: refresh() is
 * refused with the reason (over JMX and Jolokia), the ConfigStore says why and notifies, the published version stays,
 * a replica that starts then comes up on it, a run is refused and preview says it would not run (exit 1). A rollback
 * to a version the validator now rejects is refused and leaves the master's disk as it was. replica-1 reaches the
 * master over JMX RMI, replica-2 over Jolokia.
 */
class ValidPublishIT {

    private static final String NOT_JSON = "this is not JSON\n";

    @Test
    void aRejectedConfigurationStaysUnpublishedUntilItIsFixed(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            long published = (Long) cluster.attribute("master", CONFIG_STORE, "Version");
            String publishedDigest = (String) cluster.attribute("master", CONFIG_STORE, "Digest");
            List<Notification> notifications = new CopyOnWriteArrayList<>();
            try (JMXConnector c = cluster.jmx("master")) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                ObjectName store = new ObjectName(CONFIG_STORE);
                mbs.addNotificationListener(store, (n, handback) -> notifications.add(n), null, null);

                cluster.master.write("junctions/broken.json", NOT_JSON);
                Throwable refused = catchThrowable(() -> mbs.invoke(store, "refresh", new Object[0], new String[0]));
                assertThat(refused).as("refresh over JMX").isNotNull().hasStackTraceContaining("not published")
                        .hasStackTraceContaining("broken.json is not valid JSON")
                        .hasStackTraceContaining("Version " + published + " stays the published one");

                JolokiaHttp.Response overJolokia = new JolokiaHttp(cluster.master.jolokiaUrl(), ServerDir.ADMIN,
                        ServerDir.ADMIN_PASSWORD).exec(CONFIG_STORE, "refresh");
                assertThat(overJolokia.status()).as("refresh over Jolokia").isNotEqualTo(200);
                assertThat(overJolokia.body().path("error").asText()).contains("broken.json is not valid JSON");

                assertThat(mbs.getAttribute(store, "Version")).isEqualTo(published);
                assertThat(mbs.getAttribute(store, "Digest")).isEqualTo(publishedDigest);
                assertThat((String) mbs.getAttribute(store, "RefusedReason")).contains("broken.json is not valid JSON");
                assertThat((String) mbs.getAttribute(store, "RefusedDigest")).isNotEmpty().isNotEqualTo(publishedDigest);
                assertThat(java.time.Instant.parse((String) mbs.getAttribute(store, "RefusedAt"))).isAfter(java.time.Instant.EPOCH);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notifications)
                        .anySatisfy(n -> {
                            assertThat(n.getType()).isEqualTo("ripple.configstore.refused");
                            assertThat(n.getMessage()).contains("broken.json is not valid JSON");
                        }));
            }

            // a replica that starts now pulls the last valid version and serves
            for (String replica : List.of("replica-1", "replica-2")) {
                cluster.startReplica(replica, cluster.mainClass(replica), List.of(), d -> cluster.replicaConf(replica));
                assertThat(cluster.attribute(replica, CONFIG_STORE, "Version")).as(replica).isEqualTo(published);
                assertThat(cluster.attribute(replica, SERVER, "Ready")).as(replica).isEqualTo(true);
            }

            Throwable run = catchThrowable(() -> cluster.invoke("master", CLUSTER, "restart", new Object[] {false},
                    new String[] {"boolean"}));
            assertThat(run).hasStackTraceContaining("Cluster restart refused: ").hasStackTraceContaining("broken.json is not valid JSON");
            assertThat(cluster.attribute("master", CONFIG_STORE, "Version")).isEqualTo(published);

            Path password = root.resolve("admin.password");
            Files.writeString(password, ServerDir.ADMIN_PASSWORD + "\n");
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            List<String> connect = List.of("--jmx", cluster.master.jmxUrl(), "--user", ServerDir.ADMIN, "--password-file",
                    password.toString(), "cluster", "preview");
            Cli preview = Cli.run(connect);
            assertThat(preview.exitCode()).as(preview.all()).isEqualTo(1);
            assertThat(preview.out()).contains("would not run: ").contains("broken.json is not valid JSON")
                    .doesNotContain("would sync and restart");
            Cli previewJson = Cli.run(Stream.concat(connect.stream(), Stream.of("--json")).toList());
            assertThat(previewJson.exitCode()).as(previewJson.all()).isEqualTo(1);
            JsonNode verdict = JSON.readTree(previewJson.out());
            assertThat(verdict.get("wouldRun").asBoolean()).isFalse();
            assertThat(verdict.get("reason").asText()).contains("broken.json is not valid JSON");

            cluster.master.write("junctions/broken.json", "{\"path\": \"/fixed\", \"backend\": \"http://127.0.0.1:9\"}\n");
            long fixed = (Long) cluster.invoke("master", CONFIG_STORE, "refresh", new Object[0], new String[0]);
            assertThat(fixed).isEqualTo(published + 1);
            assertThat(cluster.attribute("master", CONFIG_STORE, "RefusedReason")).isEqualTo("");
            assertThat(Cli.run(connect).exitCode()).isZero();
            JsonNode status = cluster.runAndWait(false);
            assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("COMPLETED");
            for (String replica : List.of("replica-1", "replica-2")) {
                assertThat(cluster.attribute(replica, CONFIG_STORE, "Version")).as(replica).isEqualTo(fixed);
                assertThat(TestCluster.junctionPaths(cluster.service(replica))).as(replica).contains("/fixed");
            }
        }
    }

    @Test
    void aRollbackToAVersionTheValidatorNowRejectsIsRefusedAndTheDiskStaysAsItWas(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 0)) {
            // a host without a validator publishes a junction that is not JSON: what an older host release accepted
            cluster.processes.put("master", NodeProcess.start(cluster.master, d -> cluster.masterConf(),
                    TestHostMain.class.getName(), List.of()));
            cluster.master.write("junctions/broken.json", NOT_JSON);
            long lenient = (Long) cluster.invoke("master", CONFIG_STORE, "refresh", new Object[0], new String[0]);
            Files.delete(cluster.master.dir.resolve("junctions/broken.json"));
            long valid = (Long) cluster.invoke("master", CONFIG_STORE, "refresh", new Object[0], new String[0]);
            assertThat(valid).isEqualTo(lenient + 1);

            cluster.startMaster(); // the sample server, whose validator rejects that junction
            assertThat(cluster.attribute("master", CONFIG_STORE, "Version")).isEqualTo(valid);
            Map<String, String> diskBefore = disk(cluster.master.dir);

            Throwable refused = catchThrowable(() -> cluster.invoke("master", CLUSTER, "rollback", new Object[] {lenient},
                    new String[] {"long"}));
            assertThat(refused).hasStackTraceContaining("Rollback to version " + lenient + " refused: ")
                    .hasStackTraceContaining("broken.json is not valid JSON");
            assertThat(disk(cluster.master.dir)).isEqualTo(diskBefore);
            assertThat(cluster.attribute("master", CONFIG_STORE, "Version")).isEqualTo(valid);
            assertThat(cluster.attribute("master", CLUSTER, "InProgress")).isEqualTo(false);
            assertThat(cluster.attribute("master", SERVER, "Ready")).isEqualTo(true);
        }
    }

    @Test
    void aMasterWithNothingPublishedRefusesToStartOnARejectedConfiguration(@TempDir Path root) throws Exception {
        TestCluster cluster = new TestCluster(root, 0);
        cluster.master.write("junctions/broken.json", NOT_JSON);
        cluster.master.writeConf(cluster.masterConf());
        Path output = root.resolve("master.out");
        Process master = NodeProcess.launch(cluster.master.conf(), output);
        try {
            assertThat(master.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("exits by itself").isTrue();
            String out = Files.readString(output);
            assertThat(master.exitValue()).as(out).isEqualTo(2);
            assertThat(out).contains("not published: Junction file").contains("broken.json is not valid JSON")
                    .contains("No version is published yet").doesNotContain("\tat ");
            Path versions = cluster.master.dataDir().resolve("store/versions");
            if (Files.exists(versions)) {
                try (Stream<Path> published = Files.list(versions)) {
                    assertThat(published.toList()).as("published versions").isEmpty();
                }
            }
        } finally {
            master.destroyForcibly();
        }
    }

    /** The master's configuration folder, file by file, leaving out its data-dir. */
    private static Map<String, String> disk(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).startsWith("data"))
                    .filter(p -> !p.getFileName().toString().equals("node.log"))
                    .forEach(p -> {
                        try {
                            files.put(dir.relativize(p).toString(), Files.readString(p));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return files;
    }

    /** Exit code and output of one {@code ripple} command line. */
    private record Cli(int exitCode, String out, String err) {
        static Cli run(List<String> args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = RippleCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
            return new Cli(code, out.toString(), err.toString());
        }

        String all() {
            return out + err;
        }
    }
}
