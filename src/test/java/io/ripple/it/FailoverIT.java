package io.ripple.it;

import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master failover (issue 21) on real processes: a master and two replicas, replica-1 over JMX RMI and replica-2 over
 * Jolokia. Every replica keeps the membership and the term its master publishes with each version; a master of an
 * older term is refused by every replica, on both channels.
 */
class FailoverIT {

    @Test
    void everyReplicaKeepsTheMembershipAndTheTermItsMasterPublishes(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            String[] members = (String[]) cluster.attribute("master", SERVER, "Members");

            assertThat(cluster.attribute("master", SERVER, "Term")).isEqualTo(1L);
            assertThat(members).hasSize(3);
            // the master publishes its own connector's address, in the long form its connector gives
            assertThat(members[0]).matches("master service:jmx:rmi://127\\.0\\.0\\.1:\\d+/jndi/rmi://127\\.0\\.0\\.1:\\d+/jmxrmi");
            assertThat(members[1]).isEqualTo("replica-1 " + cluster.dir("replica-1").jmxUrl());
            assertThat(members[2]).isEqualTo("replica-2 " + cluster.dir("replica-2").jolokiaUrl());
            for (String replica : new String[] {"replica-1", "replica-2"}) {
                // the startup sync brought them
                assertThat(cluster.attribute(replica, SERVER, "Term")).as(replica).isEqualTo(1L);
                assertThat((String[]) cluster.attribute(replica, SERVER, "Members")).as(replica).containsExactly(members);
                assertThat(cluster.dir(replica).dataDir().resolve("cluster-members.json")).as(replica).exists();
                assertThat(Files.readString(cluster.dir(replica).dataDir().resolve("cluster-term"))).isEqualTo("term = 1\n");
            }

            // the tools: any server lists the members (here a replica over Jolokia, with a readonly user); check names
            // the master and its term
            Path password = root.resolve("monitor.password");
            Files.writeString(password, ServerDir.MONITOR_PASSWORD + "\n");
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            CliResult list = CliResult.of("--jolokia", cluster.dir("replica-2").jolokiaUrl(), "--user", ServerDir.MONITOR,
                    "--password-file", password.toString(), "cluster", "members");
            assertThat(list.exitCode()).as(list.all()).isZero();
            assertThat(list.out()).isEqualTo("Cluster members as replica 'replica-2' knows them: master 'master', term 1\n"
                    + "* " + members[0] + "\n  " + members[1] + "\n  " + members[2] + "\n");
            CliResult check = CliResult.of("--jmx", cluster.master.jmxUrl(), "--user", ServerDir.MONITOR,
                    "--password-file", password.toString(), "check");
            assertThat(check.exitCode()).as(check.all()).isZero();
            assertThat(check.out()).startsWith("RIPPLE OK - 2 replicas at version 1; master 'master', term 1 | stale=0");
        }
    }

    @Test
    void aMasterOfAnOlderTermIsRefusedByEveryReplica(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            // the master holds term 2, as after a promotion; its replicas learn it
            Files.createDirectories(cluster.master.dataDir());
            Files.writeString(cluster.master.dataDir().resolve("cluster-term"), "term = 2\n", StandardCharsets.UTF_8);
            cluster.start();
            assertThat(cluster.runAndWait(false).get("state").asText()).isEqualTo("COMPLETED");
            assertThat(cluster.attribute("replica-1", SERVER, "Term")).isEqualTo(2L);
            assertThat(cluster.attribute("replica-2", SERVER, "Term")).isEqualTo(2L);

            // the same master comes back holding term 1: a master that a promotion replaced
            cluster.stop("master");
            Files.writeString(cluster.master.dataDir().resolve("cluster-term"), "term = 1\n", StandardCharsets.UTF_8);
            cluster.master.write("banner.txt", "Changed by the old master\n");
            cluster.startMaster();
            Map<String, String> bootsBefore = cluster.bootIds();

            JsonNode run = cluster.runAndWait(false);

            assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("FAILED");
            for (String replica : new String[] {"replica-1", "replica-2"}) {
                assertThat(row(run, replica).get("state").asText()).as(replica).isEqualTo("FAILED");
                assertThat(row(run, replica).get("detail").asText()).as(replica).contains("Refused takeTurn from"
                        + " 'master' of term 1: " + replica + " has seen term 2: a master of a newer term was promoted since.");
                assertThat(cluster.attribute(replica, SERVER, "BootId")).as(replica).isEqualTo(bootsBefore.get(replica));
                assertThat(cluster.attribute(replica, SERVER, "Term")).as(replica).isEqualTo(2L);
                assertThat(cluster.service(replica).toString()).doesNotContain("Changed by the old master");
                assertThat(cluster.processes.get(replica).output()).as("audited on " + replica)
                        .contains("Refused takeTurn from 'master' of term 1");
            }
        }
    }

    /** {@code bin/ripple} in this JVM, with its output captured. */
    private record CliResult(int exitCode, String out, String err) {
        static CliResult of(String... args) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = io.ripple.cli.RippleCli.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                    args);
            return new CliResult(code, out.toString(), err.toString());
        }

        String all() {
            return out + err;
        }
    }
}
