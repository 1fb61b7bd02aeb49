package io.ripple.it;

import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.management.PeerProof;
import io.ripple.management.RequestMac;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20, item 3c: a replica's sync over Jolokia reads the master's published files as raw bytes
 * ({@code GET /ripple-object/SHA256?offset=N&length=N} beside {@code /jolokia}), not as base64 in Jolokia's JSON; that
 * door lets in only the cluster's servers (signed, cluster account, readwrite, a server's claim of this cluster); and a
 * replica whose master has no such door (an earlier release) syncs the old way, without an error line.
 */
class JolokiaObjectReadsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A junction file larger than a batch of small files: read in chunks, by readObject. */
    private static String bigJunction(String path, int padBytes, long seed) {
        byte[] pad = new byte[padBytes / 2];
        new Random(seed).nextBytes(pad);
        return "{\"path\": \"" + path + "\", \"backend\": \"http://127.0.0.1:9003\", \"pad\": \"" + HexFormat.of().formatHex(pad) + "\"}\n";
    }

    /** A new big.json published on the master and synced by replica-2, with the proxy's counts of this sync alone. */
    private static void editAndSync(TestCluster cluster, ObjectReadsProxy proxy, int padBytes, long seed) throws Exception {
        cluster.master.write("junctions/big.json", bigJunction("/big", padBytes, seed));
        cluster.invoke("master", CONFIG_STORE, "refresh", new Object[0], new String[0]);
        proxy.rawReads.set(0);
        proxy.jolokiaReads.set(0);
        String synced = (String) cluster.invoke("replica-2", CONFIG_STORE, "sync", new Object[0], new String[0]);

        assertThat(synced).contains("1 file changed");
        assertThat(cluster.dir("replica-2").dir.resolve("junctions/big.json"))
                .hasSameBinaryContentAs(cluster.master.dir.resolve("junctions/big.json"));
    }

    @Test
    void aSyncOverJolokiaReadsPublishedFilesAsRawBytesAndFromAMasterWithoutThemTheOldWay(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            ServerDir master = cluster.master;
            cluster.startMaster();
            try (ObjectReadsProxy proxy = new ObjectReadsProxy(FreePorts.next(), master.jolokiaPort)) {
                // replica-2 reaches its master over Jolokia, through the proxy
                cluster.startReplica("replica-2", NodeProcess.SAMPLE_MAIN, List.of(),
                        d -> cluster.replicaConf("replica-2").replace(master.jolokiaUrl(), proxy.jolokiaUrl()));

                editAndSync(cluster, proxy, 1_500_000, 1);
                assertThat(proxy.rawReads.get()).as("raw reads of published files").isPositive();
                assertThat(proxy.jolokiaReads.get()).as("reads of published files through Jolokia's JSON").isZero();

                // the master as one of an earlier release answers them: its HTTP server has no such context
                proxy.hideObjectReads = true;
                editAndSync(cluster, proxy, 1_200_000, 2);
                assertThat(proxy.jolokiaReads.get()).as("reads through Jolokia's JSON").isPositive();
                // <entries> and the file's two chunks are asked together, before any answer says raw reads are missing
                assertThat(proxy.rawReads.get()).as("raw reads tried by the first reads only").isBetween(1, 3);

                editAndSync(cluster, proxy, 1_300_000, 3);
                assertThat(proxy.jolokiaReads.get()).as("reads through Jolokia's JSON").isPositive();
                assertThat(proxy.rawReads.get()).as("raw reads on this connection once the master said it has none").isZero();
                assertThat(cluster.processes.get("replica-2").output()).doesNotContain("ripple-object", " ERROR ", "\tat ");
            }
        }
    }

    @Test
    void theRawReadsLetInOnlyTheClustersServersAndOnlyPublishedFilesWithinTheirSize(@TempDir Path root) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 0)) {
            ServerDir master = cluster.master;
            cluster.startMaster();
            String clusterId = (String) cluster.attribute("master", SERVER, "ClusterId");
            byte[] file = Files.readAllBytes(master.dir.resolve("junctions/app.json"));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
            Signed replica = new Signed(ServerDir.CLUSTER_USER, ServerDir.CLUSTER_PASSWORD, clusterId, "replica-1", clusterId);
            String read = "/ripple-object/" + sha + "?offset=0&length=10";

            // a replica of this cluster, signed with the cluster account: the bytes asked for
            Answer ok = get(master, read, replica.headers("GET", read));
            assertThat(ok.status).isEqualTo(200);
            assertThat(ok.bytes).isEqualTo(Arrays.copyOf(file, 10));
            Answer end = get(master, "/ripple-object/" + sha + "?offset=5&length=4194304", replica.headers("GET", "/ripple-object/" + sha + "?offset=5&length=4194304"));
            assertThat(end.bytes).as("the rest of the file, no more").isEqualTo(Arrays.copyOfRange(file, 5, file.length));

            // who is refused
            assertRefused(get(master, read, List.of("X-Ripple-Caller", "replica-1", "X-Ripple-Cluster", clusterId)), 401,
                    "Refused: no credentials: published files are read by Ripple servers of this cluster only");
            String adminBasic = "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
            assertRefused(get(master, read, List.of("Authorization", adminBasic, "X-Ripple-Caller", "replica-1", "X-Ripple-Cluster", clusterId)),
                    401, "Refused: Basic credentials are not accepted over plain HTTP: Ripple servers sign their requests");
            String clusterBasic = "Basic " + Base64.getEncoder().encodeToString("ripple:ripple-secret".getBytes(StandardCharsets.UTF_8));
            assertRefused(get(master, read, List.of("Authorization", clusterBasic, "X-Ripple-Caller", "replica-1", "X-Ripple-Cluster", clusterId)),
                    401, "Refused: Basic credentials are not accepted over plain HTTP: Ripple servers sign their requests");
            Signed person = new Signed(ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD, clusterId, "replica-1", clusterId);
            assertRefused(get(master, read, person.headers("GET", read)), 403,
                    "Refused: user 'admin' is not the cluster account: published files are read by Ripple servers only");
            Signed readonly = new Signed(ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD, clusterId, "replica-1", clusterId);
            assertRefused(get(master, read, readonly.headers("GET", read)), 403,
                    "Refused: user 'monitor' is not the cluster account: published files are read by Ripple servers only");
            Signed stranger = new Signed(ServerDir.CLUSTER_USER, ServerDir.CLUSTER_PASSWORD, clusterId, "replica-9", "other-cluster");
            assertRefused(get(master, read, stranger.headers("GET", read)), 403,
                    "Refused: 'replica-9' belongs to cluster other-cluster, master to cluster " + clusterId);
            Signed otherCluster = new Signed(ServerDir.CLUSTER_USER, ServerDir.CLUSTER_PASSWORD, "other-cluster", "replica-1", clusterId);
            assertRefused(get(master, read, otherCluster.headers("GET", read)), 401, "Refused: user 'ripple': wrong mac");
            Signed tool = new Signed(ServerDir.CLUSTER_USER, ServerDir.CLUSTER_PASSWORD, clusterId, null, null);
            assertRefused(get(master, read, tool.headers("GET", read)), 403,
                    "Refused: no server's X-Ripple-Caller and X-Ripple-Cluster: published files are read by Ripple servers only");
            List<String> once = replica.headers("GET", read);
            assertThat(get(master, read, once).status).isEqualTo(200);
            assertRefused(get(master, read, once), 401, "Refused: user 'ripple': its nonce was used before (a replayed request)");
            List<String> old = replica.headers("GET", read, System.currentTimeMillis() - Duration.ofMinutes(10).toMillis());
            assertRefused(get(master, read, old), 401, "Refused: user 'ripple': its time stamp is -");
            String other = "/ripple-object/" + sha + "?offset=0&length=11";
            assertRefused(get(master, other, replica.headers("GET", read)), 401, "Refused: user 'ripple': wrong mac");

            // what is refused, from a caller let in
            String upper = "/ripple-object/" + sha.toUpperCase() + "?offset=0&length=10";
            assertRefused(get(master, upper, replica.headers("GET", upper)), 400,
                    "Refused: not a published file's SHA-256 (64 lower-case hex digits): GET /ripple-object/SHA256?offset=N&length=N");
            String dotDot = "/ripple-object/../jolokia/?offset=0&length=10";
            assertRefused(raw(master, dotDot, replica.headers("GET", dotDot)), 400,
                    "Refused: not a published file's SHA-256 (64 lower-case hex digits): GET /ripple-object/SHA256?offset=N&length=N");
            String path = "/ripple-object/..%2F..%2Fserver.conf?offset=0&length=10";
            assertRefused(raw(master, path, replica.headers("GET", path)), 400,
                    "Refused: not a published file's SHA-256 (64 lower-case hex digits)");
            String past = "/ripple-object/" + sha + "?offset=" + (file.length + 1) + "&length=10";
            assertRefused(get(master, past, replica.headers("GET", past)), 416,
                    "Refused: offset " + (file.length + 1) + " is past the end of " + sha + " (" + file.length + " bytes)");
            String tooLong = "/ripple-object/" + sha + "?offset=0&length=4194305";
            assertRefused(get(master, tooLong, replica.headers("GET", tooLong)), 400, "Refused: length 4194305 must be from 1 to 4194304");
            String extra = "/ripple-object/" + sha + "?offset=0&length=10&path=server.conf";
            assertRefused(get(master, extra, replica.headers("GET", extra)), 400, "Refused: expected exactly ?offset=N&length=N");
            String unknown = "/ripple-object/" + "ab".repeat(32) + "?offset=0&length=10";
            assertRefused(get(master, unknown, replica.headers("GET", unknown)), 404, "No published file has SHA-256 " + "ab".repeat(32));
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + master.jolokiaPort + read))
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("x"));
            addHeaders(post, replica.headers("POST", read));
            HttpResponse<byte[]> posted = http.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(posted.statusCode()).isEqualTo(405);

            assertThat(cluster.processes.get("master").output()).doesNotContain("\tat ")
                    .contains("read of published files: user 'admin' is not the cluster account");
        }
    }

    private static void assertRefused(Answer answer, int status, String lineStart) {
        String text = new String(answer.bytes, StandardCharsets.UTF_8);
        assertThat(answer.status).as("status of an answer '%s'", text.strip()).isEqualTo(status);
        assertThat(text).startsWith(lineStart).endsWith("\n");
        assertThat(text.strip()).doesNotContain("\n");
    }

    private record Answer(int status, byte[] bytes) {
    }

    private Answer get(ServerDir master, String target, List<String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + master.jolokiaPort + target))
                .timeout(TIMEOUT).GET();
        addHeaders(request, headers);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
    }

    private static void addHeaders(HttpRequest.Builder request, List<String> headers) {
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
    }

    /** A request sent as written, for paths that an HTTP client would normalize. */
    private static Answer raw(ServerDir master, String target, List<String> headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", master.jolokiaPort)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (int i = 0; i < headers.size(); i += 2) {
                head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(answer.substring(9, 12));
            int body = answer.indexOf("\r\n\r\n") + 4;
            return new Answer(status, answer.substring(body).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** How a server signs a request to the master; a null caller sends no claim, as a tool does. */
    private record Signed(String user, String password, String signedClusterId, String caller, String claimedClusterId) {

        List<String> headers(String method, String target) {
            return headers(method, target, System.currentTimeMillis());
        }

        List<String> headers(String method, String target, long timestamp) {
            String authorization = RequestMac.authorization(user, PeerProof.clusterKey(user, password), method, target,
                    new byte[0], timestamp, "master", signedClusterId);
            return caller == null ? List.of("Authorization", authorization)
                    : List.of("Authorization", authorization, "X-Ripple-Caller", caller, "X-Ripple-Cluster", claimedClusterId);
        }
    }
}
