package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.FileInfo;
import io.ripple.ServerMXBean;
import io.ripple.VersionInfo;
import io.ripple.management.JmxEndpoint;
import io.ripple.management.JmxSettings;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.JolokiaSettings;
import io.ripple.management.MBeanRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import javax.naming.Context;
import io.ripple.RunStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both transports against real endpoints in this JVM: the same calls, the same answers, the same failures. */
class RemoteServerTest {

    enum Transport { JMX, JOLOKIA }

    private static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    /** A bound that only a hang exceeds; not a timing assertion. */
    private static final Duration HANG_BOUND = Duration.ofSeconds(20);
    private static final String PASSWORDS = """
            admin admin-secret
            monitor monitor-secret
            """;
    private static final String ROLES = """
            admin readwrite
            monitor readonly
            """;

    static {
        JmxRemoteServer.configureTimeouts(Duration.ofSeconds(30));
    }

    @TempDir
    Path dir;

    private final FakeBeans.Server server = new FakeBeans.Server();
    private final FakeBeans.ConfigStore configStore = new FakeBeans.ConfigStore();
    private final FakeBeans.Cluster cluster = new FakeBeans.Cluster();
    private final FakeBeans.Protocol protocol = new FakeBeans.Protocol();
    private final MBeanRegistry serverBeans = new MBeanRegistry(ManagementFactory.getPlatformMBeanServer());
    private final MBeanRegistry clusterBeans = new MBeanRegistry(ManagementFactory.getPlatformMBeanServer());
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private JmxEndpoint jmx;
    private JolokiaEndpoint jolokia;

    @BeforeEach
    void registerBeans() {
        serverBeans.register(ServerMXBean.OBJECT_NAME, server, ServerMXBean.class);
        serverBeans.register(ConfigStoreMXBean.OBJECT_NAME, configStore, ConfigStoreMXBean.class);
        clusterBeans.register(ClusterMXBean.OBJECT_NAME, cluster, ClusterMXBean.class);
        clusterBeans.register(ClusterProtocolMXBean.OBJECT_NAME, protocol, ClusterProtocolMXBean.class);
    }

    @AfterEach
    void stopEverything() throws Exception {
        server.released.countDown();
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (jmx != null) {
            jmx.close();
        }
        if (jolokia != null) {
            jolokia.close();
        }
        serverBeans.close();
        clusterBeans.close();
    }

    private String start(Transport transport) throws IOException {
        Path passwords = Files.writeString(dir.resolve("jmxremote.password"), PASSWORDS);
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Path access = Files.writeString(dir.resolve("jmxremote.access"), ROLES);
        try {
            if (transport == Transport.JMX) {
                jmx = JmxEndpoint.start(new JmxSettings(HOST, 0, passwords, access),
                        ManagementFactory.getPlatformMBeanServer());
                return jmx.url().toString();
            }
            jolokia = JolokiaEndpoint.start(new JolokiaSettings(HOST, 0, passwords, access, null));
            return jolokia.url();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RemoteServer open(String url, String user, String password, Duration connectTimeout, Duration callTimeout) {
        RemoteServer remote = new RemoteConnector(new Credentials(user, password), connectTimeout, callTimeout).open(url);
        toClose.add(remote);
        return remote;
    }

    private RemoteServer open(Transport transport, String user, String password) throws IOException {
        return open(start(transport), user, password, TIMEOUT, TIMEOUT);
    }

    private RemoteServer admin(Transport transport) throws IOException {
        return open(transport, "admin", "admin-secret");
    }

    private static RemoteException failure(ThrowingCallable call) {
        return catchThrowableOfType(RemoteException.class, call);
    }

    /** A URL of the transport's form to a port nothing listens on. */
    private static String url(Transport transport, int port) {
        return transport == Transport.JMX
                ? "service:jmx:rmi:///jndi/rmi://" + HOST + ":" + port + "/jmxrmi"
                : "http://" + HOST + ":" + port + "/jolokia/";
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readsAttributes(Transport transport) throws IOException {
        RemoteServer remote = admin(transport);

        assertThat(remote.server().getName()).isEqualTo("replica-1");
        assertThat(remote.server().isReady()).isTrue();
        assertThat(remote.server().getStartTime()).isEqualTo("2023-11-14T22:13:20.000Z");
        assertThat(remote.server().getStartTimeMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(remote.server().getLastRunDetail()).isEqualTo("2 files changed – naïve ünïcode");
        assertThat(remote.configStore().getVersion()).isEqualTo(12);
        assertThat(remote.configStore().getFileCount()).isEqualTo(2);
        assertThat(remote.configStore().getDriftedFiles()).containsExactly("banner.txt", "junctions/old.json");
        assertThat(remote.cluster().getReplicas()).containsExactly("replica-1", "replica-2");
        assertThat(remote.cluster().isInProgress()).isFalse();
        assertThat(remote.cluster().getMaxWaitTime()).isEqualTo(60);
        assertThat(remote.cluster().getStatusMessage()).isEqualTo(ClusterMXBean.MESSAGE_NONE);
    }

    @Test
    void aHostsJvmWideInitialContextFactoryDoesNotTakePartInAJmxConnection() throws IOException {
        String url = start(Transport.JMX);
        String before = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        // what Tomcat sets: a class of its own class loader, which Ripple's threads cannot load
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, "org.apache.naming.java.javaURLContextFactory");
        try {
            assertThat(open(url, "admin", "admin-secret", TIMEOUT, TIMEOUT).server().getName()).isEqualTo("replica-1");
        } finally {
            if (before == null) {
                System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
            } else {
                System.setProperty(Context.INITIAL_CONTEXT_FACTORY, before);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readsTheServerSnapshotInOneCall(Transport transport) throws IOException {
        RemoteServer remote = open(transport, "monitor", "monitor-secret");

        assertThat(remote.serverSnapshot()).isEqualTo(new ServerSnapshot("replica-1", "RUNNING", true, "boot-42", "6",
                "RESTARTED", "2 files changed – naïve ünïcode"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readsWhoAServerIsAndItsVersionTogether(Transport transport) throws IOException {
        RemoteServer remote = open(transport, "monitor", "monitor-secret");

        assertThat(remote.serverIdentity()).isEqualTo(new ServerIdentity("replica-1", "replica", ""));
        ReplicaFacts facts = remote.replicaFacts();
        assertThat(facts.identity()).isEqualTo(new ServerIdentity("replica-1", "replica", ""));
        assertThat(facts.version()).isEqualTo(12);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aVersionThatCannotBeReadFailsOnlyWhenAskedFor(Transport transport) throws Exception {
        ObjectName store = new ObjectName(ConfigStoreMXBean.OBJECT_NAME);
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(store);
        try {
            RemoteServer remote = admin(transport);

            ReplicaFacts facts = remote.replicaFacts();

            assertThat(facts.identity().name()).isEqualTo("replica-1");
            RemoteException e = failure(facts::version);
            assertThat(e.kind()).isEqualTo(RemoteException.Kind.REMOTE_ERROR);
            assertThat(e).hasMessage(remote.url() + " has no " + ConfigStoreMXBean.OBJECT_NAME);
        } finally {
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new javax.management.StandardMBean(configStore, ConfigStoreMXBean.class, true), store);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void executesOperationsWithArguments(Transport transport) throws IOException {
        RemoteServer remote = admin(transport);

        remote.clusterProtocol().replicaCompleted("7", "replica-1", "RESTARTED", "2 files changed");
        assertThat(protocol.reports).containsExactly("7 replica-1 RESTARTED 2 files changed");
        assertThat(remote.cluster().restart(true)).isEqualTo("Run 7 started (ripple)");
        assertThat(remote.server().syncAndRestart("7")).isEqualTo("accepted run 7");
        assertThat(server.runs).containsExactly("7");
        assertThat(remote.configStore().readObject("bb22", 4_294_967_296L, 512)).isEqualTo("bb22@4294967296+512");
        assertThat(remote.configStore().readChunk("junctions/app.json", 0, 10)).isEqualTo("junctions/app.json@0+10");

        VersionInfo version = remote.configStore().publishedVersion(12);
        assertThat(version.getVersion()).isEqualTo(12);
        assertThat(version.getTimestamp()).isEqualTo(1_700_000_001_000L);
        assertThat(version.getDigest()).isEqualTo("9f2c");
        assertThat(version.getFiles()).extracting(FileInfo::toString)
                .containsExactly("<entries> 120 aa11", "junctions/app.json 57 bb22");
        assertThat(remote.configStore().manifest()).extracting(FileInfo::getPath)
                .containsExactly("<entries>", "junctions/app.json");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readsPartOfAPublishedFileAsBytes(Transport transport) throws IOException {
        RemoteServer remote = admin(transport);

        String read = new String(remote.readObject("base64:cc33", 8, 16), StandardCharsets.UTF_8);

        // JMX RMI: readObjectBytes; Jolokia: readObject's base64, decoded as it streams in
        assertThat(read).isEqualTo(transport == Transport.JMX ? "bytes:base64:cc33@8+16" : "cc33@8+16");
    }

    /** ConfigStore as a master of an earlier release serves it: readObject without readObjectBytes. */
    public interface EarlierConfigStoreMXBean {
        String readObject(String sha256, long offset, int length);
    }

    @Test
    void aMasterWithoutReadObjectBytesIsReadInBase64OverJmx() throws Exception {
        ObjectName store = new ObjectName(ConfigStoreMXBean.OBJECT_NAME);
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(store);
        try {
            EarlierConfigStoreMXBean earlier = configStore::readObject;
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new javax.management.StandardMBean(earlier, EarlierConfigStoreMXBean.class, true), store);
            RemoteServer remote = admin(Transport.JMX);

            assertThat(new String(remote.readObject("base64:cc33", 8, 16), StandardCharsets.UTF_8)).isEqualTo("cc33@8+16");
            assertThat(new String(remote.readObject("base64:dd44", 0, 4), StandardCharsets.UTF_8)).isEqualTo("dd44@0+4");
        } finally {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(store);
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new javax.management.StandardMBean(configStore, ConfigStoreMXBean.class, true), store);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRemoteExceptionBecomesARemoteErrorWithItsMessage(Transport transport) throws IOException {
        RemoteServer remote = admin(transport);

        RemoteException e = failure(() -> remote.server().syncAndRestart("busy"));

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.REMOTE_ERROR);
        assertThat(e).hasMessage(remote.url() + ": restart already in progress: run 7");
        RemoteException unknown = failure(() -> remote.configStore().publishedVersion(3));
        assertThat(unknown).hasMessage(remote.url() + ": no published version 3");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWrongPasswordFailsAuthentication(Transport transport) throws IOException {
        String url = start(transport);

        RemoteException e = failure(() -> open(url, "admin", "wrong-secret", TIMEOUT, TIMEOUT));

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.AUTHENTICATION_FAILED);
        assertThat(e).hasMessage("Authentication failed at " + url + " for user admin");
        assertThat(e.getMessage()).doesNotContain("wrong-secret");
        assertThat(failure(() -> open(url, null, null, TIMEOUT, TIMEOUT)).kind())
                .isEqualTo(RemoteException.Kind.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aReadonlyUserReadsButMayNotExecute(Transport transport) throws IOException {
        RemoteServer remote = open(transport, "monitor", "monitor-secret");

        assertThat(remote.server().getName()).isEqualTo("replica-1");
        RemoteException e = failure(() -> remote.server().restart());

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.NOT_ALLOWED);
        assertThat(e).hasMessage("User monitor is not allowed to call restart on ripple:type=Server at " + remote.url());
        assertThat(server.runs).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClosedPortCannotBeConnectedTo(Transport transport) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            port = socket.getLocalPort();
        }
        String url = url(transport, port);

        RemoteException e = assertTimeoutPreemptively(HANG_BOUND,
                () -> failure(() -> open(url, "admin", "admin-secret", SHORT_TIMEOUT, TIMEOUT)));

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.CANNOT_CONNECT);
        assertThat(e).hasMessage("Cannot connect to " + url + ": connection refused");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerThatStoppedCannotBeConnectedTo(Transport transport) throws IOException {
        RemoteServer remote = admin(transport);
        assertThat(remote.server().getName()).isEqualTo("replica-1");
        if (jmx != null) {
            jmx.close();
            jmx = null;
        } else {
            jolokia.close();
            jolokia = null;
        }

        RemoteException e = failure(() -> remote.server().getName());

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.CANNOT_CONNECT);
        assertThat(e.getMessage()).startsWith("Cannot connect to " + remote.url() + ": ");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMissingClusterMBeanIsNamed(Transport transport) throws IOException {
        clusterBeans.close();
        RemoteServer remote = admin(transport);

        RemoteException read = failure(() -> remote.cluster().getReplicas());
        RemoteException exec = failure(() -> remote.cluster().restart(false));

        assertThat(read.kind()).isEqualTo(RemoteException.Kind.REMOTE_ERROR);
        assertThat(read).hasMessage(remote.url() + " has no ripple:type=Cluster (not the cluster master?)");
        assertThat(exec).hasMessage(remote.url() + " has no ripple:type=Cluster (not the cluster master?)");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPeerThatNeverAnswersCostsATimeOut(Transport transport) throws Exception {
        try (SilentPeer peer = new SilentPeer()) {
            String url = url(transport, peer.port());

            RemoteException e = assertTimeoutPreemptively(HANG_BOUND,
                    () -> failure(() -> open(url, "admin", "admin-secret", SHORT_TIMEOUT, SHORT_TIMEOUT)));

            assertThat(e.kind()).isIn(RemoteException.Kind.CANNOT_CONNECT, RemoteException.Kind.TIMEOUT);
            assertThat(e.getMessage()).startsWith(e.kind() == RemoteException.Kind.TIMEOUT
                    ? "No answer from " + url + " within 500 ms"
                    : "Cannot connect to " + url + ": no answer within 500 ms");
            assertThat(peer.accepted()).isPositive();
        }
    }

    @Test
    void jolokiaAnswersReachTheCallerWithoutAPoolThreadOfTheHttpClient() throws IOException {
        String url = start(Transport.JOLOKIA);
        Set<String> clientsBefore = httpClients();
        RemoteServer remote = open(url, "admin", "admin-secret", TIMEOUT, TIMEOUT);
        Set<String> clients = httpClients();
        clients.removeAll(clientsBefore);

        for (int i = 0; i < 20; i++) {
            assertThat(remote.server().getLastRunId()).isEqualTo("6");
            assertThat(remote.server().syncAndRestart("run-" + i)).isEqualTo("accepted run run-" + i);
        }

        assertThat(clients).isNotEmpty();
        assertThat(threadNames()).noneMatch(name -> clients.stream().anyMatch(c -> name.startsWith(c + "-Worker-")));
    }

    @Test
    void closingAJolokiaConnectionEndsTheCallWaitingOnIt() throws Exception {
        String url = start(Transport.JOLOKIA);
        RemoteServer remote = open(url, "admin", "admin-secret", TIMEOUT, Duration.ofSeconds(120));
        CompletableFuture<RemoteException> call = CompletableFuture.supplyAsync(
                () -> failure(() -> remote.server().syncAndRestart("block")));
        assertThat(server.blocking.await(HANG_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

        remote.close();

        RemoteException e = call.get(HANG_BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(e.kind()).isEqualTo(RemoteException.Kind.TIMEOUT);
        assertThat(e).hasMessage("Call " + ServerMXBean.OBJECT_NAME + " syncAndRestart to " + url
                + " abandoned: its connection was closed before the answer came");
    }

    /** The JDK HTTP clients alive now, by the prefix of their threads' names ({@code HttpClient-N}). */
    private static Set<String> httpClients() {
        return threadNames().stream().filter(name -> name.matches("HttpClient-\\d+-SelectorManager"))
                .map(name -> name.substring(0, name.length() - "-SelectorManager".length()))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void neverShowsThePassword(Transport transport) throws IOException {
        RemoteServer remote = admin(transport);

        assertThat(remote.toString()).contains(remote.url(), "admin").doesNotContain("admin-secret");
        assertThat(remote.server().toString()).doesNotContain("admin-secret");
    }

    @Test
    void jolokiaCallsAreBoundedByTheCallTimeOut() throws IOException {
        String url = start(Transport.JOLOKIA);
        RemoteServer remote = open(url, "admin", "admin-secret", TIMEOUT, SHORT_TIMEOUT);

        RemoteException e = assertTimeoutPreemptively(HANG_BOUND,
                () -> failure(() -> remote.server().syncAndRestart("block")));

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.TIMEOUT);
        assertThat(e).hasMessage("No answer from " + url + " within 500 ms");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readsTheStatusCompositeAsARunStatus(Transport transport) throws IOException {
        RemoteServer remote = admin(transport);

        RunStatus status = remote.cluster().getStatus();

        assertThat(status.getRunId()).isEqualTo("7");
        assertThat(status.getServers()).singleElement().satisfies(row -> {
            assertThat(row.getName()).isEqualTo("replica-1");
            assertThat(row.getVersionAfter()).isEqualTo(3);
        });
    }

    @Test
    void rejectsAnUnknownScheme() {
        RemoteConnector connector = new RemoteConnector(Credentials.NONE);

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> connector.open("ftp://host/")))
                .hasMessageContaining("Unsupported URL 'ftp://host/'");
    }

    /** Accepts TCP connections and never says a word. */
    private static final class SilentPeer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-peer");

        SilentPeer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return connections.size();
        }

        private void accept() {
            try {
                while (true) {
                    connections.add(socket.accept());
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : connections) {
                connection.close();
            }
        }
    }
}
