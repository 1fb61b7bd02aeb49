package io.ripple.it;

import static io.ripple.it.TestCluster.CLUSTER;
import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ripple.management.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server proves itself before another sends it reusable credentials (issue #15, item 2). An unprivileged local user
 * who binds a server's port while it is down (a squatter: an RMI registry and connector, or an HTTP server speaking
 * Jolokia, each recording what it is sent) gets no password: neither from a starting replica, which starts on its
 * last-known-good configuration and says why in one line, nor from a master whose replica line leads to it, whose run
 * row fails with that line. The real master, back on its port, proves itself and is synced from. With a truststore,
 * an {@code http://} URL is refused at start. replica-1 reaches the master over JMX RMI, replica-2 over Jolokia.
 */
class PeerProofIT {

    /** What the example cluster.credentials file holds; a squatter must never see it. */
    private static final String CLUSTER_PASSWORD = "ripple-secret";
    private static final String NO_CREDENTIALS = "; no credentials were sent";
    private static final String WRONG_PROOF = "wrong proof for user 'ripple': not a server of this cluster, or its password"
            + " file holds another password for that user than this server's credentials-file";

    @Test
    void aSquatterOnTheMastersPortsGetsNoPasswordFromAStartingReplicaAndTheRealMasterIsProvedWhenBack(@TempDir Path root)
            throws Exception {
        try (TestCluster cluster = new TestCluster(root, 2)) {
            cluster.start();
            cluster.stop("replica-1");
            cluster.stop("replica-2");
            cluster.stop("master");
            ServerDir master = cluster.master;
            // a replica that cannot reach its master waits startup-wait for it: a short one keeps the old code's
            // failure (it waits on the squatter's missing MBeans) quick
            cluster.clusterEntries.put("replica-1", "startup-wait = 2\n");
            cluster.clusterEntries.put("replica-2", "startup-wait = 2\n");

            try (JmxSquatter jmx = new JmxSquatter(master.jmxPort);
                 JolokiaSquatter jolokia = new JolokiaSquatter(master.jolokiaPort)) {
                cluster.startReplica("replica-1");
                cluster.startReplica("replica-2");

                assertThat(jmx.passwordsSeen()).as("what the JMX squatter was sent: %s", jmx.received).isEmpty();
                assertThat(jolokia.authorizations).as("Authorization headers the Jolokia squatter got").isEmpty();
                assertThat(cluster.processes.get("replica-1").output())
                        .contains("The server at " + master.jmxUrl() + " did not prove it is master 'master' of this cluster"
                                + " (no proof in its answer)" + NO_CREDENTIALS)
                        .contains("Starting on the last-known-good configuration")
                        .doesNotContain("\tat ", CLUSTER_PASSWORD);
                assertThat(cluster.processes.get("replica-2").output())
                        .contains("The server at " + master.jolokiaUrl() + " did not prove it is master 'master' of this"
                                + " cluster (" + WRONG_PROOF + ")" + NO_CREDENTIALS)
                        .contains("Starting on the last-known-good configuration")
                        .doesNotContain("\tat ", CLUSTER_PASSWORD);
                for (String replica : List.of("replica-1", "replica-2")) {
                    assertThat(cluster.attribute(replica, SERVER, "ConfigSource")).as(replica).isEqualTo("last-known-good");
                    assertThat(cluster.attribute(replica, SERVER, "Ready")).as(replica).isEqualTo(true);
                }
            }

            master.write("banner.txt", "Welcome back\n");
            cluster.startMaster();
            for (String replica : List.of("replica-1", "replica-2")) {
                String synced = (String) cluster.invoke(replica, CONFIG_STORE, "sync", new Object[0], new String[0]);
                assertThat(synced).as(replica).contains("1 file changed");
                assertThat(cluster.attribute(replica, SERVER, "ConfigSource")).as(replica).isEqualTo("master");
                assertThat(Files.readString(cluster.dir(replica).dir.resolve("banner.txt"))).isEqualTo("Welcome back\n");
            }
        }
    }

    @Test
    void aMasterWhoseReplicaLinesLeadToSquattersSendsThemNoPasswordAndFailsTheirRows(@TempDir Path root) throws Exception {
        ServerDir master = new ServerDir(root, "master");
        master.write("banner.txt", "Welcome\n");
        int jmxPort = FreePorts.next();
        int jolokiaPort = FreePorts.next();
        try (JmxSquatter jmx = new JmxSquatter(jmxPort);
             JolokiaSquatter jolokia = new JolokiaSquatter(jolokiaPort);
             NodeProcess node = NodeProcess.start(master, d -> d.masterConf("replica = replica-1 " + jmx.url() + "\n"
                     + "replica = replica-2 " + jolokia.url() + "\n"))) {
            JsonNode run = runOn(master);

            assertThat(jmx.passwordsSeen()).as("what the JMX squatter was sent: %s", jmx.received).isEmpty();
            assertThat(jolokia.authorizations).as("Authorization headers the Jolokia squatter got").isEmpty();
            assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("FAILED");
            assertThat(row(run, "replica-1").get("state").asText()).isEqualTo("FAILED");
            assertThat(row(run, "replica-1").get("detail").asText()).isEqualTo("RPL4010E The server at " + jmx.url()
                    + " did not prove it is replica 'replica-1' of this cluster (no proof in its answer)" + NO_CREDENTIALS);
            assertThat(row(run, "replica-2").get("state").asText()).isEqualTo("FAILED");
            assertThat(row(run, "replica-2").get("detail").asText()).isEqualTo("RPL4010E The server at " + jolokia.url()
                    + " did not prove it is replica 'replica-2' of this cluster (" + WRONG_PROOF + ")" + NO_CREDENTIALS);
            assertThat(node.output()).doesNotContain("\tat ", CLUSTER_PASSWORD);
        }
    }

    @Test
    void aPlainHttpUrlBesideATruststoreIsRefusedAtStart(@TempDir Path root) throws Exception {
        TestCertificates.Party tls = TestCertificates.create(root.resolve("tls"), "node");
        String truststore = "truststore = " + tls.truststore() + "\ntruststore-password-file = " + tls.passwordFile() + "\n";
        ServerDir replica = new ServerDir(root, "replica-1");
        String masterUrl = "http://127.0.0.1:" + FreePorts.next() + "/jolokia/";
        replica.writeConf(replica.conf("is-master = no\nmaster-name = master\nmaster-url = " + masterUrl + "\n" + truststore));
        assertRefusedAtStart(replica, "Invalid master-url '" + masterUrl + "' at server.conf:"
                + lineOf(replica, "master-url = ") + ". [cluster] truststore is set, so this server calls others over TLS:"
                + " use an https:// Jolokia URL (the certificate check proves the server there), or remove the truststore.");

        ServerDir master = new ServerDir(root, "master");
        String replicaUrl = "http://127.0.0.1:" + FreePorts.next() + "/jolokia/";
        master.writeConf(master.masterConf("replica = replica-2 " + replicaUrl + "\n" + truststore));
        assertRefusedAtStart(master, "Invalid replica 'replica-2 " + replicaUrl + "' at server.conf:"
                + lineOf(master, "replica = ") + ". [cluster] truststore is set, so this server calls others over TLS:"
                + " use an https:// Jolokia URL (the certificate check proves the server there), or remove the truststore.");
    }

    private static void assertRefusedAtStart(ServerDir dir, String reason) throws Exception {
        Path output = dir.dir.resolve("output.log");
        Process p = NodeProcess.launch(dir.conf(), output);
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(output);
        assertThat(p.exitValue()).as(text).isEqualTo(2);
        assertThat(text).contains("ripple-node: RPL1003E " + reason + "\n").doesNotContain("\tat ", "Exception");
        assertThat(dir.dataDir()).doesNotExist();
    }

    private static int lineOf(ServerDir dir, String start) {
        List<String> lines = dir.readConf().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starting '" + start + "' in " + dir.conf());
    }

    /** Starts a cluster restart on {@code master} over JMX and waits for its end; returns the run's status JSON. */
    private static JsonNode runOn(ServerDir master) throws Exception {
        try (JMXConnector c = JmxClients.connect(master.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName cluster = new ObjectName(CLUSTER);
            mbs.invoke(cluster, "restart", new Object[] {false}, new String[] {"boolean"});
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !(Boolean) mbs.getAttribute(cluster, "InProgress"));
            return JSON.readTree((String) mbs.invoke(cluster, "statusJson", new Object[0], new String[0]));
        }
    }

    /**
     * Whoever binds a JMX port first: an RMI registry and a connector on an empty MBeanServer that let every client in
     * and record the credentials each sent.
     */
    static final class JmxSquatter implements AutoCloseable {
        final List<List<String>> received = new CopyOnWriteArrayList<>();
        private final LoopbackSockets sockets = new LoopbackSockets();
        private final Registry registry;
        private final JMXConnectorServer connector;
        private final int port;

        JmxSquatter(int port) throws IOException {
            this.port = port;
            // the stubs it hands out must name an address its loopback sockets answer on
            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
            registry = LocateRegistry.createRegistry(port, null, sockets);
            Map<String, Object> env = new HashMap<>();
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            env.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
                received.add(credentials instanceof String[] values ? Arrays.asList(values) : List.of(String.valueOf(credentials)));
                return new Subject(true, java.util.Set.of(new JMXPrincipal("anyone")), java.util.Set.of(), java.util.Set.of());
            });
            connector = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL(url()), env,
                    MBeanServerFactory.newMBeanServer());
            connector.start();
        }

        String url() {
            return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
        }

        /** Every password among what it was sent. */
        List<String> passwordsSeen() {
            return received.stream().flatMap(List::stream).filter(CLUSTER_PASSWORD::equals).toList();
        }

        @Override
        public void close() throws IOException {
            connector.stop();
            try {
                UnicastRemoteObject.unexportObject(registry, true);
            } catch (NoSuchObjectException e) {
                // gone already
            }
            sockets.closeAll();
        }
    }

    /**
     * Server sockets on loopback that can all be closed with every connection they accepted, as the end of a squatter's
     * process would: the real server gets its port back at once, and no client keeps a pooled connection to the
     * squatter's RMI runtime, which lives on in this JVM.
     */
    static final class LoopbackSockets implements RMIServerSocketFactory {
        private final List<java.io.Closeable> open = new CopyOnWriteArrayList<>();

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress()) {
                @Override
                public java.net.Socket accept() throws IOException {
                    java.net.Socket accepted = super.accept();
                    open.add(accepted);
                    return accepted;
                }
            };
            open.add(socket);
            return socket;
        }

        void closeAll() throws IOException {
            for (java.io.Closeable socket : open) {
                socket.close();
            }
        }

        @Override
        public boolean equals(Object other) {
            return other == this; // RMI shares one port between exports with equal factories
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * Whoever binds a Jolokia port first: asks for basic authentication and records every Authorization header; to a
     * proof challenge it answers a made-up proof for the name asked of it.
     */
    static final class JolokiaSquatter implements AutoCloseable {
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        JolokiaSquatter(int port) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/jolokia/";
        }

        private void handle(HttpExchange exchange) throws IOException {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/ripple-proof")) {
                answer(exchange, 200, "ripple-proof-v1 role=master name=master cluster=squat proof=" + "00".repeat(32));
            } else if (authorization == null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ripple\"");
                answer(exchange, 401, "");
            } else {
                answer(exchange, 200, "{\"status\":200,\"value\":{\"agent\":\"2.4.2\",\"protocol\":\"8.0\"}}");
            }
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
