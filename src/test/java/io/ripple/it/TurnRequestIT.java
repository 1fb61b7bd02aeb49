package io.ripple.it;

import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.MemberInfo;
import io.ripple.cluster.MembershipDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica's turn in one call ({@code ripple:type=ReplicaProtocol takeTurn}) on real processes: a run asks each
 * replica with one request that carries the run's version, over JMX RMI (replica-1) and Jolokia (replica-2); and a
 * turn request that does not come from the replica's master, or is not for it, or offers a path outside its folder,
 * or names a membership the replica does not hold, changes nothing. The next run's requests name the membership by
 * its digest, which each replica answered the first run with, and each replica keeps its copy.
 */
class TurnRequestIT {

    private static final String REPLICA_PROTOCOL = "ripple:type=ReplicaProtocol";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunAsksEachReplicaInOneCallAndAForgedTurnRequestChangesNothing(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            String app = "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9111\"}\n";
            cluster.master.write("junctions/app.json", app);

            JsonNode status = cluster.runAndWait(true);

            assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("COMPLETED");
            for (String replica : cluster.replicas.keySet()) {
                assertThat(Files.readString(cluster.dir(replica).dir.resolve("junctions/app.json"))).as(replica).isEqualTo(app);
                assertThat(cluster.processes.get(replica).output()).as(replica)
                        .contains("ReplicaProtocol takeTurn(run " + status.get("runId").asText() + ", version");
            }

            ServerDir replica2 = cluster.dir("replica-2");
            String clusterId = (String) cluster.attribute("master", SERVER, "ClusterId");
            String lastRun = (String) cluster.attribute("replica-2", SERVER, "LastRunId");
            long version = (Long) cluster.attribute("replica-2", TestCluster.CONFIG_STORE, "Version");
            String forged = forgedRequest(cluster, "replica-2", clusterId, version + 1, "junctions/app.json");

            // a person, over Jolokia and over JMX: not a server's call
            JolokiaHttp.Response person = new JolokiaHttp(replica2.jolokiaUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)
                    .exec(REPLICA_PROTOCOL, "takeTurn", forged);
            assertThat(person.body().path("error").asText()).contains("Refused takeTurn from admin: ripple:type=ReplicaProtocol"
                    + " takes calls between Ripple servers only. People use ripple:type=Server syncAndRestart.");
            try (JMXConnector jmx = cluster.jmx("replica-1")) {
                MBeanServerConnection mbs = jmx.getMBeanServerConnection();
                assertThatThrownBy(() -> mbs.invoke(new ObjectName(REPLICA_PROTOCOL), "takeTurn", new Object[] {
                        forgedRequest(cluster, "replica-1", clusterId, version + 1, "junctions/app.json")},
                        new String[] {"java.lang.String"})).hasStackTraceContaining("Refused takeTurn from admin");
            }
            // a person who forges the master's claim
            JsonNode forgedClaim = answer(JolokiaHttp.claiming(replica2.jolokiaUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD,
                    "master").exec(REPLICA_PROTOCOL, "takeTurn", forged));
            assertThat(forgedClaim.path("accepted").asBoolean(true)).isFalse();
            assertThat(forgedClaim.path("answer").asText()).isEqualTo("Turn request refused: it comes from user 'admin',"
                    + " not from the cluster account 'ripple' that servers call with; people use ripple:type=Server syncAndRestart.");
            // the cluster account, claiming to be another server of the cluster
            JsonNode otherServer = answer(JolokiaHttp.asServer(replica2.jolokiaUrl(), "replica-1")
                    .exec(REPLICA_PROTOCOL, "takeTurn", forged));
            assertThat(otherServer.path("answer").asText()).isEqualTo("Turn request refused: the call carries the claim of"
                    + " 'replica-1', not of this replica's master 'master'.");
            // a request for another replica, answered with who this one is
            JsonNode notForMe = answer(JolokiaHttp.asServer(replica2.jolokiaUrl(), "master").exec(REPLICA_PROTOCOL, "takeTurn",
                    forgedRequest(cluster, "replica-1", clusterId, version + 1, "junctions/app.json")));
            assertThat(notForMe.path("name").asText()).isEqualTo("replica-2");
            assertThat(notForMe.path("answer").asText()).startsWith("Turn request refused: it asks for 'replica-1'");
            String[] members = (String[]) cluster.attribute("master", SERVER, "Members");
            assertThat((String[]) cluster.attribute("replica-2", SERVER, "Members")).containsExactly(members);
            assertThat(notForMe.path("members").asText()).as("the membership it holds")
                    .isEqualTo(MembershipDigest.of(Stream.of(members).map(m -> m.split(" ", 2))
                            .map(m -> new MemberInfo(m[0], m[1])).toList()));
            // a request that names a membership by another digest than the one it holds
            ObjectNode otherMembers = (ObjectNode) JSON.readTree(forgedRequest(cluster, "replica-2", clusterId, version + 1,
                    "junctions/app.json"));
            ObjectNode otherVersion = (ObjectNode) otherMembers.get("version");
            otherVersion.remove("members");
            otherVersion.put("membersDigest", "a".repeat(64));
            JsonNode unknownMembers = answer(JolokiaHttp.asServer(replica2.jolokiaUrl(), "master").exec(REPLICA_PROTOCOL,
                    "takeTurn", otherMembers.toString()));
            assertThat(unknownMembers.path("accepted").asBoolean(true)).isFalse();
            assertThat(unknownMembers.path("answer").asText()).startsWith("Turn request refused: it names the cluster's"
                    + " membership by a digest, and replica-2 holds another membership (3 members)");
            // a path outside the configuration folder
            JsonNode outside = answer(JolokiaHttp.asServer(replica2.jolokiaUrl(), "master").exec(REPLICA_PROTOCOL,
                    "takeTurn", forgedRequest(cluster, "replica-2", clusterId, version + 1, "../outside.json")));
            assertThat(outside.path("accepted").asBoolean(true)).isFalse();
            assertThat(outside.path("answer").asText()).isEqualTo("Path '../outside.json' leaves the configuration folder or"
                    + " is not normalized.");

            assertThat(cluster.attribute("replica-2", SERVER, "LastRunId")).isEqualTo(lastRun);
            assertThat(cluster.attribute("replica-2", TestCluster.CONFIG_STORE, "Version")).isEqualTo(version);
            assertThat(Files.readString(replica2.dir.resolve("junctions/app.json"))).isEqualTo(app);
            assertThat(root.resolve("outside.json")).doesNotExist();

            // the first run's answers said which membership each replica holds: this run's requests carry its digest
            String next = "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9112\"}\n";
            cluster.master.write("junctions/app.json", next);
            JsonNode second = cluster.runAndWait(true);
            assertThat(second.get("state").asText()).as(second.toString()).isEqualTo("COMPLETED");
            for (String replica : cluster.replicas.keySet()) {
                assertThat(Files.readString(cluster.dir(replica).dir.resolve("junctions/app.json"))).as(replica).isEqualTo(next);
                assertThat((String[]) cluster.attribute(replica, SERVER, "Members")).as(replica).containsExactly(members);
            }
            assertThat(cluster.processes.get("master").output()).doesNotContain("holds another membership");
        }
    }

    /** The Jolokia value of a takeTurn call, as JSON: the replica's answer. */
    private static JsonNode answer(JolokiaHttp.Response response) throws Exception {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return JSON.readTree(response.body().path("value").asText());
    }

    /** A turn request for run 99 that offers one file of hostile content under {@code path}. */
    private static String forgedRequest(TestCluster cluster, String replica, String clusterId, long version, String path) {
        byte[] content = "{\"path\": \"/evil\", \"backend\": \"http://203.0.113.9\"}\n".getBytes();
        String sha = io.ripple.config.Hashing.sha256Hex(content);
        ObjectNode request = JSON.createObjectNode().put("runId", "99").put("deadline", System.currentTimeMillis() + 60_000)
                .put("replica", replica).put("clusterId", clusterId).put("master", "master");
        ObjectNode v = request.putObject("version").put("version", version).put("timestamp", 1L).put("digest", "f".repeat(64))
                .put("term", 1);
        v.putArray("files").addObject().put("path", path).put("size", content.length).put("sha256", sha);
        v.putArray("members");
        request.putObject("inline").put(sha, java.util.Base64.getEncoder().encodeToString(content));
        return request.toString();
    }
}
