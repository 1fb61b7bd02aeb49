package io.ripple.it;

import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica takes from its master only what its own rules accept, never what no rule may replicate, removes only what
 * a sync placed, never goes back to an older version, and refuses a version larger than its limits. A master and two
 * replicas: replica-1 reaches it over JMX RMI, replica-2 over Jolokia.
 */
class ReplicaRulesIT {

    private static final List<String> REPLICAS = List.of("replica-1", "replica-2");

    /** The master's own rules include everything but its name and ports, and it replicates a folder the replicas do not. */
    private static String greedyMasterConf(TestCluster cluster) {
        return cluster.masterConf()
                .replace("cluster::* = exclude\n", "")
                .replace("jmx::* = exclude\n", "")
                .replace("jolokia::* = exclude\n", "")
                .replace("[cluster]\n", "[cluster]\nhealth-host = 0.0.0.0\n")
                .replace("[service]\n", "[service]\ndb-password = hunter2\ngreeting = hello\n")
                + "files = extra/*.txt\n";
    }

    private static void startWithGreedyMaster(TestCluster cluster) {
        cluster.processes.put("master", NodeProcess.start(cluster.master, d -> greedyMasterConf(cluster)));
        REPLICAS.forEach(cluster::startReplica);
    }

    @Test
    void eachReplicaTakesOnlyWhatItsOwnRulesAccept(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.master.write("extra/notes.txt", "for the master's eyes\n");
            for (String name : REPLICAS) {
                cluster.dir(name).write("junctions/local.json", "{\"path\": \"/local\", \"backend\": \"http://127.0.0.1:9009\"}\n");
            }
            startWithGreedyMaster(cluster);
            cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9100\"}\n");

            JsonNode status = cluster.runAndWait(true);

            assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
            for (String name : REPLICAS) {
                ServerDir replica = cluster.dir(name);
                JsonNode row = row(status, name);
                assertThat(row.get("state").asText()).as(name).isEqualTo("RESTARTED");
                assertThat(row.get("detail").asText()).as(name).contains("ignored by this server's rules: extra/notes.txt");
                String conf = replica.readConf();
                assertThat(conf).as(name).contains("greeting = hello").contains("is-master = no")
                        .doesNotContain("health-host", "hunter2", "replica = ");
                assertThat(replica.dir.resolve("extra")).as(name).doesNotExist();
                assertThat(replica.dir.resolve("junctions/local.json")).as(name + "'s own file").exists();
                assertThat(replica.dir.resolve("junctions/app.json")).content().contains("9100");
            }

            JsonNode again = cluster.runAndWait(true);
            for (String name : REPLICAS) {
                assertThat(row(again, name).get("state").asText()).as(name + ", with other rules than the master's")
                        .isEqualTo("UP_TO_DATE");
            }
        }
    }

    @Test
    void aMasterWhoseVersionsStartedAgainIsRefused(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            for (int i = 1; i <= 2; i++) {
                cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:910" + i + "\"}\n");
                assertThat(cluster.runAndWait(false).get("state").asText()).isEqualTo("COMPLETED");
            }
            long held = (Long) cluster.attribute("replica-1", TestCluster.CONFIG_STORE, "Version");
            Map<String, Map<String, String>> before = new TreeMap<>();
            for (String name : REPLICAS) {
                before.put(name, files(cluster.dir(name).dir));
            }

            // the master's history is lost: its versions start again at 1, with other content
            // (the cluster id is kept, as an operator who sets [cluster] cluster-id keeps it: the same cluster)
            String clusterId = (String) cluster.attribute("master", TestCluster.SERVER, "ClusterId");
            cluster.stop("master");
            deleteTree(cluster.master.dataDir());
            cluster.master.write("data/cluster-id", clusterId + "\n");
            cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9666\"}\n");
            cluster.startMaster();
            assertThat((Long) cluster.attribute("master", TestCluster.CONFIG_STORE, "Version")).isLessThan(held);

            JsonNode status = cluster.runAndWait(false);

            assertThat(status.get("state").asText()).isEqualTo("FAILED");
            for (String name : REPLICAS) {
                JsonNode row = row(status, name);
                assertThat(row.get("state").asText()).as(name).isEqualTo("FAILED");
                assertThat(row.get("detail").asText()).as(name).contains("which this replica already took: versions only go forward");
                assertThat(files(cluster.dir(name).dir)).as(name + " unchanged").isEqualTo(before.get(name));
            }
        }
    }

    @Test
    void aVersionWithMoreFilesThanTheLimitIsRefusedBeforeAnythingIsWritten(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            Map<String, Map<String, String>> before = new TreeMap<>();
            for (String name : REPLICAS) {
                before.put(name, files(cluster.dir(name).dir));
            }
            for (int i = 0; i <= 10_000; i++) {
                cluster.master.write("junctions/many/" + i + ".json", "{}\n");
            }
            cluster.master.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9101\"}\n");
            String conf = cluster.master.readConf().replace("files = junctions/*.json", "files = junctions/**.json");
            cluster.master.writeConf(conf);

            JsonNode status = cluster.runAndWait(false);

            for (String name : REPLICAS) {
                JsonNode row = row(status, name);
                assertThat(row.get("state").asText()).as(name).isEqualTo("FAILED");
                assertThat(row.get("detail").asText()).as(name).contains("files; the limit is 10000. Nothing was written.");
                assertThat(files(cluster.dir(name).dir)).as(name + " unchanged").isEqualTo(before.get(name));
            }
        }
    }

    /** Every file of a server's folder but its data-dir and logs, with its content. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith("data") && !rel.endsWith(".log")) {
                    all.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return all;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
