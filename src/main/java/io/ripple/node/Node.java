package io.ripple.node;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ClusterReplicaMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.MemberInfo;
import io.ripple.ReplicaProtocolMXBean;
import io.ripple.RippleHost;
import io.ripple.ServerMXBean;
import io.ripple.config.ConfigException;
import io.ripple.cluster.ClusterBean;
import io.ripple.cluster.ClusterProtocolBean;
import io.ripple.cluster.ClusterReplicaBean;
import io.ripple.cluster.Coordinator;
import io.ripple.cluster.MembershipDigest;
import io.ripple.cluster.ReplicaLastRuns;
import io.ripple.cluster.RunJournal;
import io.ripple.cluster.RunTracker;
import io.ripple.cluster.TurnAnswer;
import io.ripple.cluster.TurnRequest;
import io.ripple.management.Caller;
import io.ripple.management.ClusterClaim;
import io.ripple.config.StanzaFile;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.Credentials;
import io.ripple.remote.JmxRemoteServer;
import io.ripple.remote.Peer;
import io.ripple.remote.RemoteConnector;
import io.ripple.management.HealthEndpoint;
import io.ripple.management.JmxEndpoint;
import io.ripple.management.JmxSettings;
import io.ripple.management.JolokiaSettings;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.MBeanRegistry;
import io.ripple.management.Tls;
import io.ripple.management.ManagementException;
import io.ripple.util.DaemonThreads;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node runtime every Ripple server runs: it reads server.conf, keeps the configuration database, registers the
 * MBeans, opens the JMX connector and the Jolokia agent, and owns the lifecycle of the hosted server.
 */
public final class Node implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Node.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 10;
    /** The longest the master's start waits for a replica to say what it did in a run the master's stop cut short. */
    static final int MAX_LAST_RUN_WAIT_SECONDS = 15;
    /** The log pattern shows this property, so that every line names its server. */
    public static final String LOG_NAME_PROPERTY = "ripple.server";

    /** ConfigSource of a replica whose last sync reached its master. */
    static final String CONFIG_SOURCE_MASTER = "master";
    /** ConfigSource of a replica that started without reaching its master, and has not reached it since. */
    static final String CONFIG_SOURCE_LAST_KNOWN_GOOD = "last-known-good";

    /** The settings as server.conf gives them; {@link #settings} are those of the role held now. */
    private final NodeSettings confSettings;
    private volatile NodeSettings settings;
    private final NodeStateStore stateStore;
    private volatile LocalConfiguration configuration;
    private final HostLifecycle lifecycle;
    private final MBeanRegistry registry;
    private final MBeanServer mbeanServer;
    private final ExecutorService worker;
    private final Credentials credentials;
    private final SSLContext outgoingTls;
    private volatile RemoteConnector connector;
    /** The MBeans of the role held now: unregistered when a promotion changes it. */
    private final java.util.List<String> roleBeans = new java.util.ArrayList<>();
    private ServerBean serverBean;
    private ConfigStoreBean configStoreBean;
    /** The term of the master this server follows by its master record (0: server.conf's master). */
    private volatile long recordTerm;
    private volatile String configSource;
    private volatile String masterSource = MasterSource.SERVER_CONF;
    private JmxEndpoint jmx;
    private JolokiaEndpoint jolokia;
    private HealthEndpoint health;
    private volatile ReplicaRole replica;
    private volatile ConnectionCache masterConnection;
    private volatile Coordinator coordinator;
    private volatile RunJournal journal;
    private volatile ClusterIdentity identity;
    private volatile ClusterTerm term;
    private volatile ClusterMembers members;
    /** The user of this server's cluster credentials-file: the account servers call each other with; null for none. */
    private final String clusterAccount;

    private Node(NodeSettings confSettings, MasterSource source, RippleHost host, ProcessRestart processRestart,
                 Credentials credentials, SSLContext outgoingTls, MBeanServer mbeanServer) throws IOException {
        this.confSettings = confSettings;
        NodeSettings settings = source.settings();
        this.settings = settings;
        this.masterSource = source.description();
        this.recordTerm = source.recordTerm();
        this.clusterAccount = credentials.user();
        this.mbeanServer = mbeanServer;
        this.credentials = credentials;
        this.outgoingTls = outgoingTls;
        this.connector = connector(settings);
        this.stateStore = new NodeStateStore(settings.dataDir());
        this.configuration = new LocalConfiguration(settings, stateStore);
        this.lifecycle = new HostLifecycle(settings, host, processRestart);
        this.registry = new MBeanRegistry(mbeanServer, this::checkCaller);
        this.worker = Executors.newSingleThreadExecutor(
                DaemonThreads.named("ripple-" + settings.name() + "-lifecycle"));
        this.configSource = settings.master() ? "local" : CONFIG_SOURCE_LAST_KNOWN_GOOD;
    }

    /**
     * Starts a server from its server.conf: validates the settings, binds the endpoints' ports, registers the MBeans,
     * then lets the endpoints answer and starts the hosted server.
     *
     * @throws ConfigException     the server.conf, or the configuration database, is not usable
     * @throws ManagementException an endpoint cannot start (port in use, unsafe password file, ...)
     * @throws HostStartException  the hosted server failed to start
     */
    public static Node start(Path confFile, RippleHost host) throws ConfigException, ManagementException, HostStartException, IOException {
        return start(confFile, host, null);
    }

    /**
     * As {@link #start(Path, RippleHost)}, for a host that restarts by a process restart: every restart flushes
     * Ripple's state and calls {@code processRestart} (the JVM exits with code 75 and its supervisor starts it again).
     *
     * @param processRestart null for a host that restarts inside this process
     */
    public static Node start(Path confFile, RippleHost host, ProcessRestart processRestart)
            throws ConfigException, ManagementException, HostStartException, IOException {
        // asked for only when the node is made: the JVM's own MBeans take a while to register, and the start-up
        // warm-up may be registering them meanwhile
        return start(confFile, host, processRestart, ManagementFactory::getPlatformMBeanServer);
    }

    /**
     * As {@link #start(Path, RippleHost, ProcessRestart)}, with the MBeans and both endpoints on an MBeanServer of
     * the caller's: several servers in one JVM (the scale benchmarks' replicas) each keep their own.
     */
    public static Node start(Path confFile, RippleHost host, ProcessRestart processRestart, MBeanServer mbeanServer)
            throws ConfigException, ManagementException, HostStartException, IOException {
        return start(confFile, host, processRestart, () -> mbeanServer);
    }

    private static Node start(Path confFile, RippleHost host, ProcessRestart processRestart,
                              java.util.function.Supplier<MBeanServer> mbeanServer)
            throws ConfigException, ManagementException, HostStartException, IOException {
        NodeSettings fromConf = NodeSettings.from(confFile, StanzaFile.read(confFile), host.stanzas());
        checkDataDir(fromConf.dataDir());
        if (System.getProperty(LOG_NAME_PROPERTY) == null) {
            System.setProperty(LOG_NAME_PROPERTY, fromConf.name());
        }
        Credentials credentials = fromConf.credentialsFile() == null ? Credentials.NONE : Credentials.load(fromConf.credentialsFile());
        SSLContext outgoingTls = fromConf.outgoingTls() == null ? null
                : Tls.context(fromConf.outgoingTls().keystore(), fromConf.outgoingTls().truststore());
        JmxRemoteServer.configureTimeouts(RemoteConnector.DEFAULT_CALL_TIMEOUT);
        // before anything is published or synced: a promotion while this server was away makes it another's replica
        MasterSource source = StartupDiscovery.follow(fromConf, MasterSource.atStart(fromConf),
                new RemoteConnector(credentials, MasterDiscovery.CONNECT_TIMEOUT, MasterDiscovery.CALL_TIMEOUT, outgoingTls));
        NodeSettings settings = source.settings();
        log.info(MessageId.NODE_STARTING.line("Starting {} {} from {}"), settings.role(), settings.name(), settings.confFile());
        Node node = new Node(fromConf, source, host, processRestart, credentials, outgoingTls, mbeanServer.get());
        try {
            node.open();
            return node;
        } catch (Throwable e) {
            // An Error too: the endpoints' threads would otherwise keep a JVM alive that never becomes Ready.
            node.close();
            throw e;
        }
    }

    /** A data-dir that is a file would fail at its first read as "…/cluster-master: Not a directory", naming no key. */
    private static void checkDataDir(Path dataDir) throws ConfigException {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new ConfigException("[server] data-dir " + dataDir + " is a file, not a folder. Name a folder (Ripple"
                    + " creates it when it is absent).");
        }
    }

    private void open() throws ConfigException, ManagementException, HostStartException, IOException {
        // Ports first: a port in use or an unsafe password file is refused before anything is written. They answer
        // only once every MBean is registered, so that no server that starts at the same moment finds this one
        // without its MBeans, or a master with the configuration it had before this start.
        openEndpoints();
        if (settings.health().enabled()) {
            health = HealthEndpoint.start(settings.health().host(), settings.health().port(), lifecycle::ready, lifecycle::draining);
            log.info("Health endpoint listening at http://{}:{}/ready and /live", settings.health().host(), health.port());
        }
        openRole(START);
        serveEndpoints();
        if (replica != null) {
            configSource = replica.startupSync();
        }
        lifecycle.start(configuration.version());
        if (replica != null) {
            replica.finishRunAfterStart();
        }
    }

    /** {@link #openRole}'s {@code publishAfter} at a start: the master publishes its disk as a new version if it changed. */
    private static final long START = -1;

    /**
     * Opens the parts of the role {@link #settings} give: the master publishes (at a start, its disk if it changed;
     * after a promotion, what it holds as the version after {@code publishAfter}), both load the cluster's identity,
     * term and membership, and register the MBeans of their role.
     */
    private void openRole(long publishAfter) throws ConfigException, IOException {
        NodeSettings s = settings;
        if (s.master()) {
            configuration.checkBeforePublishing(new CandidateCheck(s, lifecycle));
            configuration.loadPublished();
            if (publishAfter == START) {
                publishAtStart();
            } else {
                configuration.refresh("the promotion of " + s.name(), publishAfter);
            }
        }
        Files.createDirectories(s.dataDir());
        identity = ClusterIdentity.load(s, StanzaFile.read(s.confFile()));
        if (!s.master() && !MasterSource.SERVER_CONF.equals(masterSource)) {
            identity.followMaster(s.masterName()); // the master record names the master of a newer term
        }
        term = ClusterTerm.load(s.dataDir(), s.name(), s.master());
        members = ClusterMembers.load(s.dataDir());
        answerProofs();
        if (serverBean == null) {
            serverBean = new ServerBean(this);
            lifecycle.addRestartListener(serverBean);
            registry.register(ServerMXBean.OBJECT_NAME, serverBean, ServerMXBean.class);
            configStoreBean = new ConfigStoreBean(this);
            configuration.addVersionListener(configStoreBean);
            registry.register(ConfigStoreMXBean.OBJECT_NAME, configStoreBean, ConfigStoreMXBean.class);
            registry.register(io.ripple.FailoverMXBean.OBJECT_NAME, new FailoverBean(this), io.ripple.FailoverMXBean.class);
            // on every server, as Failover: a master asked to take a turn answers why not, where an absent MBean would not
            registry.register(ReplicaProtocolMXBean.OBJECT_NAME, new ReplicaProtocolBean(this), ReplicaProtocolMXBean.class);
        }
        if (s.master()) {
            openCoordinator();
        } else {
            masterConnection = new ConnectionCache(connector);
            replica = new ReplicaRole(s, stateStore, lifecycle,
                    new ReplicaSync(s, stateStore, configuration, masterConnection).provingMaster(identity)
                            .learningCluster(term, members)
                            .onMasterReached(() -> configSource = CONFIG_SOURCE_MASTER), masterConnection, worker);
        }
    }

    /** Closes the parts of the role held now; the endpoints, the hosted server and the common MBeans stay. */
    private void closeRole() {
        if (coordinator != null) {
            coordinator.close();
            coordinator = null;
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
        if (masterConnection != null) {
            masterConnection.close();
            masterConnection = null;
        }
        replica = null;
        synchronized (roleBeans) {
            roleBeans.forEach(registry::unregister);
            roleBeans.clear();
        }
    }

    /**
     * Changes this server's role without restarting its hosted server: the role's parts (coordinator or replica side,
     * their MBeans, the configuration's view, the connections to other servers) are closed and opened again with
     * {@code next}; the endpoints keep their ports and connections (their settings do not depend on the role, and the
     * call that asked for the change is answered over one of them), the hosted server keeps running with its boot id.
     * A replica then syncs with its new master, applying nothing unless it holds that master's digest already.
     *
     * @param publishAfter a new master publishes what it holds as the version after this one
     */
    void changeRole(MasterSource next, long publishAfter, String reason) throws ConfigException, IOException {
        synchronized (roleBeans) {
            closeRole();
            settings = next.settings();
            masterSource = next.description();
            recordTerm = next.recordTerm();
            connector = connector(next.settings());
            configuration = new LocalConfiguration(next.settings(), stateStore);
            configuration.addVersionListener(configStoreBean);
            configSource = next.settings().master() ? "local" : CONFIG_SOURCE_LAST_KNOWN_GOOD;
            openRole(publishAfter);
        }
        log.info(MessageId.ROLE_CHANGED.line("{} is now {} ({}): management side re-opened, hosted server kept (boot id {})"),
                settings.name(), settings.role(), reason, lifecycle.bootId());
        ReplicaRole now = replica;
        if (now != null) {
            configSource = now.followNewMaster();
        }
    }

    private RemoteConnector connector(NodeSettings s) {
        return new RemoteConnector(credentials, RemoteConnector.DEFAULT_CONNECT_TIMEOUT,
                RemoteConnector.DEFAULT_CALL_TIMEOUT, outgoingTls).claiming(this::claim).proving(peers(s));
    }

    /** The server each URL this server calls must prove to be: its master, or its replicas. */
    private static java.util.function.Function<String, Peer> peers(NodeSettings settings) {
        Map<String, Peer> peers = new java.util.HashMap<>();
        settings.replicas().forEach(r -> peers.put(r.url(), Peer.replica(r.name())));
        if (!settings.master()) {
            peers.put(settings.masterUrl(), Peer.master(settings.masterName()));
        }
        return peers::get;
    }

    /** Both endpoints prove to the servers that call this one that it is this server of this cluster. */
    private void answerProofs() {
        if (jmx != null) {
            jmx.answerProofs(settings.role(), this::claim);
        }
        if (jolokia != null) {
            jolokia.answerProofs(settings.role(), this::claim);
            jolokia.serveObjects(credentials.user(), new StoredObjects(this::configuration));
        }
    }

    /**
     * Publishes the disk at the master's start. A rejected configuration is not published; with an earlier version
     * published the master starts anyway and the cluster stays on it, with none the start is refused.
     */
    private void publishAtStart() throws ConfigException, IOException {
        try {
            configuration.refresh("the master's start");
        } catch (PublishRefusedException e) {
            if (configuration.version() == 0) {
                throw e;
            }
            log.warn("Starting with published version {} kept for the cluster: the configuration on disk was not published",
                    configuration.version());
        }
    }

    private void serveEndpoints() throws ManagementException {
        if (jolokia != null) {
            jolokia.serve();
            log.info("Jolokia agent listening at {}", jolokia.url());
        }
        if (jmx != null) {
            jmx.serve();
            log.info("JMX connector listening at {}", jmx.url());
        }
    }

    /** Both endpoints at once: each spends most of its start loading classes, which two cores do side by side. */
    private void openEndpoints() throws ManagementException {
        java.util.concurrent.CompletableFuture<JmxEndpoint> jmxStart = null;
        if (settings.jmx().enabled()) {
            NodeSettings.Endpoint e = settings.jmx();
            jmxStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return JmxEndpoint.bind(new JmxSettings(e.host(), e.port(), e.passwordFile(), e.accessFile(), e.tls()),
                            mbeanServer);
                } catch (ManagementException failure) {
                    throw new java.util.concurrent.CompletionException(failure);
                }
            }, r -> DaemonThreads.start("ripple-" + settings.name() + "-jmx-start", r));
        }
        ManagementException failure = null;
        if (settings.jolokia().enabled()) {
            NodeSettings.Endpoint e = settings.jolokia();
            try {
                jolokia = JolokiaEndpoint.bind(new JolokiaSettings(e.host(), e.port(), e.passwordFile(),
                        e.accessFile(), settings.jolokiaPolicyFile(),
                        mbeanServer == ManagementFactory.getPlatformMBeanServer() ? null : mbeanServer, e.tls(),
                        settings.jolokiaThreads(), settings.replicas().size()));
            } catch (ManagementException jolokiaFailure) {
                failure = jolokiaFailure;
            }
        }
        if (jmxStart != null) {
            try {
                jmx = jmxStart.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (failure == null && e.getCause() instanceof ManagementException jmxFailure) {
                    failure = jmxFailure;
                } else if (failure == null) {
                    throw e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void openCoordinator() throws IOException {
        Map<String, String> replicas = new LinkedHashMap<>();
        settings.replicas().forEach(r -> replicas.put(r.name(), r.url()));
        NodeMasterSide masterSide = new NodeMasterSide(settings, configuration, lifecycle, identity.clusterId())
                .offering(this::term, this::members);
        ClusterBean bean = new ClusterBean(replicas);
        journal = new RunJournal(settings.dataDir());
        // A run the master's stop cut short: the replicas say what they did before it ends INTERRUPTED.
        RunTracker tracker = new RunTracker(journal, settings.name(), bean::notify,
                new ReplicaLastRuns(replicas, connector, Duration.ofSeconds(Math.min(settings.maxWaitSeconds(),
                        MAX_LAST_RUN_WAIT_SECONDS))));
        coordinator = new Coordinator(masterSide, replicas, connector, tracker,
                settings.maxWaitSeconds());
        bean.attach(coordinator);
        registerRoleBean(ClusterMXBean.OBJECT_NAME, bean, ClusterMXBean.class);
        registerRoleBean(ClusterProtocolMXBean.OBJECT_NAME, new ClusterProtocolBean(coordinator), ClusterProtocolMXBean.class);
        Coordinator runs = coordinator;
        replicas.forEach((name, url) -> registerRoleBean(ClusterReplicaBean.objectName(name),
                new ClusterReplicaBean(name, url, runs::current), ClusterReplicaMXBean.class));
    }

    private <T> void registerRoleBean(String objectName, T bean, Class<T> type) {
        registry.register(objectName, bean, type);
        synchronized (roleBeans) {
            roleBeans.add(objectName);
        }
    }

    /** What this server tells the servers it calls: its name and cluster id; none before its identity is loaded. */
    private io.ripple.management.ClusterClaim claim() {
        ClusterIdentity known = identity;
        ClusterTerm held = term;
        if (known == null) {
            return null;
        }
        return settings.master() && held != null ? known.claim().withTerm(held.current()) : known.claim();
    }

    /** Refuses an operation that a server of another cluster, or a master of an older term, calls. */
    private void checkCaller(String operation) {
        ClusterIdentity known = identity;
        if (known != null) {
            known.checkCaller(operation);
        }
        RunTimeFollow.check(this, operation); // a member of a newer term: re-point to it first
        ClusterTerm held = term;
        if (held != null) {
            held.checkCaller(operation, io.ripple.management.ClusterClaim.current());
        }
    }

    /** The master's term; on a replica the highest term it has seen (0 before any, and before the start loads it). */
    long term() {
        ClusterTerm held = term;
        return held == null ? 0 : held.current();
    }

    /**
     * The cluster's membership: on the master, itself and its replica lines (what it publishes with every version);
     * on a replica, its copy of what its master last published.
     */
    java.util.List<io.ripple.MemberInfo> members() {
        if (settings.master()) {
            java.util.List<io.ripple.MemberInfo> all = new java.util.ArrayList<>();
            all.add(new io.ripple.MemberInfo(settings.name(), ownUrl()));
            settings.replicas().forEach(r -> all.add(new io.ripple.MemberInfo(r.name(), r.url())));
            return all;
        }
        ClusterMembers copy = members;
        return copy == null ? java.util.List.of() : copy.get().members();
    }

    /**
     * The URL the cluster reaches this server at: the one its membership copy gives it (a promoted master is known by
     * the URL its old master's replica line gave), else its JMX connector's, else its Jolokia agent's.
     */
    String ownUrl() {
        ClusterMembers copy = members;
        if (copy != null) {
            for (io.ripple.MemberInfo m : copy.get().members()) {
                if (m.getName().equals(settings.name())) {
                    return m.getUrl();
                }
            }
        }
        return jmxUrl() != null ? jmxUrl() : nonNull(jolokiaUrl());
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** The cluster id: the master's own, the one a replica pinned, or empty. */
    String clusterId() {
        ClusterIdentity known = identity;
        return known == null ? "" : known.clusterId();
    }

    /** {@code Server.resetClusterPin()}: a replica forgets the master it pinned; the next sync pins the one it reaches. */
    String resetClusterPin() {
        try {
            String done = identity.resetPin();
            masterConnection.drop(settings.masterUrl()); // the kept connection still claims the old cluster
            return done;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot remove " + settings.dataDir().resolve(ClusterIdentity.PIN_FILE) + ": "
                    + e.getMessage());
        }
    }

    public NodeSettings settings() {
        return settings;
    }

    /** The settings as server.conf gives them, before any master record overrides them. */
    NodeSettings confSettings() {
        return confSettings;
    }

    ClusterIdentity identity() {
        return identity;
    }

    ClusterTerm clusterTerm() {
        return term;
    }

    /** The replica side; null on a master. */
    ReplicaRole replicaRole() {
        return replica;
    }

    /** The membership copy as its file holds it (with the term of the master that published it). */
    ClusterMembers.Record membersRecord() {
        ClusterMembers copy = members;
        return copy == null ? ClusterMembers.Record.NONE : copy.get();
    }

    /** The term of the master record this server follows; 0 when it follows server.conf. */
    long recordTerm() {
        return recordTerm;
    }

    /** The thread that restarts the hosted server and changes roles, one thing at a time. */
    ExecutorService worker() {
        return worker;
    }

    /** A connector to the members {@code namesByUrl} names, each proving its name whatever its role, claiming this server. */
    RemoteConnector memberConnector(Map<String, String> namesByUrl) {
        return new RemoteConnector(credentials, RemoteConnector.DEFAULT_CONNECT_TIMEOUT,
                RemoteConnector.DEFAULT_CALL_TIMEOUT, outgoingTls).claiming(this::claim)
                .proving(url -> namesByUrl.containsKey(url) ? Peer.member(namesByUrl.get(url)) : null);
    }

    public HostLifecycle lifecycle() {
        return lifecycle;
    }

    public LocalConfiguration configuration() {
        return configuration;
    }

    NodeStateStore stateStore() {
        return stateStore;
    }

    String configSource() {
        return configSource;
    }

    /** {@value MasterSource#SERVER_CONF}, or the master record that overrides its {@code [cluster]}. */
    String masterSource() {
        return masterSource;
    }

    /** The JMX connector's address, or null when there is none. */
    public String jmxUrl() {
        return jmx == null ? null : jmx.url().toString();
    }

    /** The Jolokia agent's address, or null when there is none. */
    public String jolokiaUrl() {
        return jolokia == null ? null : jolokia.url();
    }

    /** Restarts the hosted server in the background; the master first publishes what is on its disk. */
    String requestRestart(String reason) {
        if (lifecycle.state() == ServerState.RESTARTING || lifecycle.state() == ServerState.STOPPING) {
            throw new IllegalStateException(settings.name() + " is " + lifecycle.state() + "; restart refused.");
        }
        String before = lifecycle.bootId();
        worker.execute(() -> restartNow(reason));
        return "Restart of " + settings.name() + " requested (boot id before: " + before + ").";
    }

    private void restartNow(String reason) {
        try {
            if (settings.master()) {
                configuration.refresh("the master's restart");
            }
            // refresh() checks only a changed digest: a setting excluded from replication is checked here, before
            // the server that runs is stopped for a start that could not succeed
            Optional<String> rejection = hostRejection();
            if (rejection.isPresent()) {
                log.error(MessageId.RESTART_REFUSED.line("Restart refused, {} keeps running: {}"), settings.name(), rejection.get());
                return;
            }
            lifecycle.restart(configuration.version(), reason);
        } catch (HostStartException e) {
            log.error(MessageId.RESTART_FAILED.line("Restart failed: {}"), e.getMessage());
        } catch (PublishRefusedException e) {
            log.error(MessageId.RESTART_REFUSED.line("Restart refused, {} keeps running: {}"), settings.name(), e.getMessage());
        } catch (ConfigException | IOException e) {
            log.error(MessageId.RESTART_FAILED.line("Restart failed: {}"), e.getMessage());
            lifecycle.enter(ServerState.FAILED);
        }
    }

    /** Why the hosted server would not start with the server.conf on disk now, or empty when it accepts it. */
    private Optional<String> hostRejection() {
        try {
            lifecycle.validate(StanzaFile.read(settings.confFile()), configuration.version());
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage());
        }
    }

    /** {@code ConfigStore.refresh()}: publishes what is on disk; {@code requestedBy} is recorded with a new version. */
    long refresh(String requestedBy) {
        try {
            return configuration.refresh("refresh() by " + requestedBy);
        } catch (ConfigException | IOException e) {
            throw new IllegalStateException("Refresh of " + settings.name() + " failed: " + e.getMessage());
        }
    }

    String sync() {
        if (replica == null) {
            throw new IllegalStateException(settings.name() + " is the master: it holds the configuration; sync() runs on replicas.");
        }
        return replica.syncNow();
    }

    /**
     * {@code ReplicaProtocol.takeTurn}: judges the master's request by this replica's own facts, starts the turn, and
     * answers who this replica is, the version it held and the digest of the membership it holds. A request that names
     * the membership by its digest only is taken with this replica's own copy, and refused when that copy is another.
     */
    TurnAnswer takeTurn(TurnRequest sent) {
        ReplicaRole role = replica;
        ClusterIdentity known = identity;
        if (role == null || known == null) {
            throw new IllegalStateException(settings.name() + " is the master: takeTurn runs on replicas.");
        }
        List<MemberInfo> heldMembers = members();
        String membersHeld = MembershipDigest.of(heldMembers);
        NodeState held = stateStore.get();
        Optional<ClusterIdentity.Pin> pin = known.pin();
        TurnRequestCheck check = new TurnRequestCheck(settings.name(), settings.masterName(), pin,
                pin.isEmpty() ? known.clusterId() : "", clusterAccount, held.version(), held.digest(), settings.syncLimits());
        Caller caller = Caller.current();
        long version = configuration.version();
        boolean asOffered;
        try {
            asOffered = check.check(sent, new TurnRequestCheck.Call(caller.user(),
                    ClusterClaim.current().map(ClusterClaim::caller).orElse(""), caller == Caller.LOCAL));
        } catch (IllegalArgumentException e) {
            // answered, not thrown: the master judges who answered first, and shows a stranger as a stranger
            log.warn("{}", e.getMessage());
            return new TurnAnswer(settings.name(), settings.role(), known.clusterId(), version, false, e.getMessage(),
                    membersHeld);
        }
        Optional<TurnRequest> request = sent.completedWith(heldMembers);
        if (request.isEmpty()) {
            // the master asks again with the members
            String why = "Turn request refused: it names the cluster's membership by a digest, and " + settings.name()
                    + " holds another membership (" + heldMembers.size() + " members); send the members.";
            log.info("{}", why);
            return new TurnAnswer(settings.name(), settings.role(), known.clusterId(), version, false, why, membersHeld);
        }
        String answer = role.takeTurn(request.get(), asOffered ? request.get() : null);
        return new TurnAnswer(settings.name(), settings.role(), known.clusterId(), version, true, answer, membersHeld);
    }

    /** The answer to a turn request this replica refused before reading it through: who it is, and why. */
    TurnAnswer refusedTurn(String why) {
        return new TurnAnswer(settings.name(), settings.role(), clusterId(), configuration.version(), false, why);
    }

    String syncAndRestart(String runId, long deadlineEpochMillis) {
        if (replica == null) {
            throw new IllegalStateException(settings.name() + " is the master: syncAndRestart runs on replicas; "
                    + "start a cluster restart with ripple:type=Cluster restart().");
        }
        return replica.syncAndRestart(runId, deadlineEpochMillis);
    }

    @Override
    public void close() {
        log.info(MessageId.SHUTDOWN_INITIATED.line("Shutdown initiated"));
        worker.shutdown();
        try {
            if (!worker.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("A restart still running after {} s; stopping anyway", SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (coordinator != null) {
            coordinator.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (masterConnection != null) {
            masterConnection.close();
        }
        lifecycle.stop();
        if (health != null) {
            health.close();
        }
        if (jolokia != null) {
            jolokia.close();
        }
        if (jmx != null) {
            jmx.close();
        }
        registry.close();
        log.info(MessageId.SHUTDOWN_COMPLETED.line("Shutdown completed"));
    }
}
