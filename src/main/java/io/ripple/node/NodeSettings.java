package io.ripple.node;

import io.ripple.config.ConfigException;
import io.ripple.config.ConfigSync;
import io.ripple.config.SyncLimits;
import io.ripple.config.StanzaFile;
import io.ripple.management.EndpointTls;
import io.ripple.management.JolokiaSettings;
import io.ripple.management.TlsStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ripple's own settings from a server.conf, read and validated once, as a whole: every error names the file, the line
 * or key, and what is allowed.
 */
public record NodeSettings(
        Path confFile,
        String name,
        Path dataDir,
        boolean master,
        String masterName,
        String masterUrl,
        int maxWaitSeconds,
        List<ReplicaAddress> replicas,
        Path credentialsFile,
        Endpoint jmx,
        Endpoint jolokia,
        Path jolokiaPolicyFile,
        int readyChecks,
        int soakSeconds,
        int drainSeconds,
        int stopTimeoutSeconds,
        Endpoint health,
        OutgoingTls outgoingTls,
        SyncLimits syncLimits,
        int keepBackups,
        int startupWaitSeconds,
        int jolokiaThreads) {

    public static final int DEFAULT_MAX_WAIT_SECONDS = 60;
    /** Consecutive Ready probes a restarted server must pass before its restart counts as done. */
    public static final int DEFAULT_READY_CHECKS = 3;
    /** Seconds a restarted server must stay Ready before its restart counts as done. */
    public static final int DEFAULT_SOAK_SECONDS = 0;
    /** Seconds a server is kept not Ready, still serving, before a restart stops it (0: no drain). */
    public static final int DEFAULT_DRAIN_SECONDS = 0;
    /** Seconds the hosted server's {@code stop()} may take before Ripple interrupts and abandons it. */
    public static final int DEFAULT_STOP_TIMEOUT_SECONDS = 30;
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Backup folders a replica keeps of what its syncs replaced. */
    public static final int DEFAULT_KEEP_BACKUPS = ConfigSync.DEFAULT_KEEP_BACKUPS;
    /** Seconds a starting replica keeps trying to reach its master before it starts on its last-known-good version. */
    public static final int DEFAULT_STARTUP_WAIT_SECONDS = 30;

    /**
     * Where one management endpoint listens; port 0 means none; {@code tls} null means plain. For an enabled
     * {@code [jmx]} or {@code [jolokia]} endpoint, {@code passwordFile} is null exactly when its stanza says
     * {@code authenticate = no} (anonymous, on loopback only), and an authenticated one always has an
     * {@code accessFile}. The health endpoint has neither: it only tells whether the server is ready.
     */
    public record Endpoint(String host, int port, Path passwordFile, Path accessFile, EndpointTls tls) {
        public Endpoint(String host, int port, Path passwordFile, Path accessFile) {
            this(host, port, passwordFile, accessFile, null);
        }

        public boolean enabled() {
            return port > 0;
        }

        /** Whether this endpoint speaks TLS (JMX) or HTTPS (Jolokia). */
        public boolean ssl() {
            return tls != null;
        }
    }

    /**
     * What this server uses when it calls another server over TLS ({@code [cluster] truststore}): the certificates it
     * trusts, and the key it presents when the other side asks for a client certificate.
     *
     * @param truststore the certificates (or CA) of the other servers' endpoints
     * @param keystore this server's key: {@code [cluster] keystore}, else its {@code [jmx]} or {@code [jolokia]} one;
     *     null for none
     */
    public record OutgoingTls(TlsStore truststore, TlsStore keystore) {
    }

    /** A replica as the master's {@code replica = NAME URL} line names it. */
    public record ReplicaAddress(String name, String url) {
    }

    /**
     * These settings with the master a {@link MasterRecord} names instead of {@code [cluster]} is-master, master-name and
     * master-url: a record naming this server makes it the master, with every other member of {@code members} as its
     * replicas (server.conf's replica lines when the membership is unknown); a record naming another server makes this
     * one a replica of that master at the record's URL. Everything else stays as server.conf says.
     *
     * @param members the cluster's membership as this server last knew it (its copy of what its master published)
     */
    public NodeSettings following(MasterRecord record, List<io.ripple.MemberInfo> members) {
        if (record.names(name)) {
            List<ReplicaAddress> others = members.stream().filter(m -> !m.getName().equals(name))
                    .map(m -> new ReplicaAddress(m.getName(), m.getUrl())).toList();
            return withRole(true, "", "", members.isEmpty() ? replicas : others);
        }
        return withRole(false, record.master(), record.url(), List.of());
    }

    private NodeSettings withRole(boolean isMaster, String newMasterName, String newMasterUrl, List<ReplicaAddress> newReplicas) {
        return new NodeSettings(confFile, name, dataDir, isMaster, newMasterName, newMasterUrl, maxWaitSeconds,
                List.copyOf(newReplicas), credentialsFile, jmx, jolokia, jolokiaPolicyFile, readyChecks, soakSeconds,
                drainSeconds, stopTimeoutSeconds, health, outgoingTls, syncLimits, keepBackups, startupWaitSeconds,
                jolokiaThreads);
    }

    public Path confDir() {
        return confFile.getParent();
    }

    public String role() {
        return master ? "master" : "replica";
    }

    /** As {@link #from(Path, StanzaFile, Set)} for a caller that knows no host: the agent, the CLI's {@code --conf}. */
    public static NodeSettings from(Path confFile, StanzaFile conf) throws ConfigException {
        return from(confFile, conf, Set.of());
    }

    /**
     * Checks server.conf against {@link ServerConfSchema}, then reads and validates Ripple's settings.
     *
     * @param hostStanzas the stanzas the hosted server declares as its own ({@link io.ripple.RippleHost#stanzas()})
     */
    public static NodeSettings from(Path confFile, StanzaFile conf, Set<String> hostStanzas) throws ConfigException {
        ServerConfCheck.check(conf, hostStanzas);
        Path file = confFile.toAbsolutePath().normalize();
        Reader r = new Reader(conf, file.getParent());
        String name = r.required("server", "name");
        Path dataDir = r.path("server", "data-dir").orElse(file.getParent().resolve("data"));
        boolean master = r.yesNo("cluster", "is-master", false);
        String masterName = r.value("cluster", "master-name").orElse(master ? name : "");
        String masterUrl = r.value("cluster", "master-url").orElse("");
        if (!master) {
            if (masterUrl.isEmpty()) {
                throw new ConfigException("Missing [cluster] master-url in " + conf.sourceName()
                        + ": a replica must know how to reach its master (or set is-master = yes).");
            }
            r.url("cluster", "master-url");
            if (masterName.isEmpty()) {
                throw new ConfigException("Missing [cluster] master-name in " + conf.sourceName() + ": a replica must name its master.");
            }
        }
        ClusterIdentity.configuredId(conf); // checked with the rest; ClusterIdentity reads it at start
        int maxWait = r.positiveInt("cluster", "max-wait-time", DEFAULT_MAX_WAIT_SECONDS);
        int readyChecks = r.count("cluster", "ready-checks", DEFAULT_READY_CHECKS);
        int soak = r.seconds("cluster", "soak-time", DEFAULT_SOAK_SECONDS);
        if (soak >= maxWait) {
            StanzaFile.Entry e = conf.entry("cluster", "soak-time").orElseThrow();
            throw new ConfigException("Invalid soak-time '" + e.value() + "' at " + conf.location(e)
                    + ". Must be less than max-wait-time (" + maxWait + " s): the soak counts against it.");
        }
        int drain = r.seconds("cluster", "drain-time", DEFAULT_DRAIN_SECONDS);
        if (drain >= maxWait) {
            StanzaFile.Entry e = conf.entry("cluster", "drain-time").orElseThrow();
            throw new ConfigException("Invalid drain-time '" + e.value() + "' at " + conf.location(e)
                    + ". Must be less than max-wait-time (" + maxWait + " s): the drain counts against it.");
        }
        int stopTimeout = r.positiveInt("cluster", "stop-timeout", DEFAULT_STOP_TIMEOUT_SECONDS);
        int keepBackups = r.count("cluster", "keep-backups", DEFAULT_KEEP_BACKUPS);
        int startupWait = r.seconds("cluster", "startup-wait", DEFAULT_STARTUP_WAIT_SECONDS);
        int maxFiles = r.count("cluster", "max-sync-files", SyncLimits.DEFAULT.maxFiles());
        long maxBytes = (long) r.count("cluster", "max-sync-mib", (int) (SyncLimits.DEFAULT.maxTotalBytes() >> 20)) << 20;
        SyncLimits limits = new SyncLimits(maxBytes, maxBytes, maxFiles);
        Endpoint health = new Endpoint(r.value("cluster", "health-host").orElse(DEFAULT_HOST), r.port("cluster", "health-port"),
                null, null);
        List<ReplicaAddress> replicas = replicas(conf, name);
        Path credentials = r.path("cluster", "credentials-file").orElse(null);
        EndpointTls jmxTls = r.endpointTls("jmx", null);
        EndpointTls jolokiaTls = r.endpointTls("jolokia", jmxTls);
        Endpoint jmx = r.channel("jmx", jmxTls, null, null);
        // [jolokia] shares [jmx]'s users and roles unless it names its own, but never its authenticate = no
        Endpoint jolokia = r.channel("jolokia", jolokiaTls, r.path("jmx", "password-file").orElse(null),
                r.path("jmx", "access-file").orElse(null));
        OutgoingTls outgoing = r.outgoingTls(jmxTls, jolokia.tls());
        if (outgoing != null) {
            TlsUrls.check(conf, master);
        }
        Path policy = r.path("jolokia", "policy-file").orElse(null);
        int jolokiaThreads = r.count("jolokia", "threads", JolokiaSettings.DEFAULT_THREADS);
        if (jmx.enabled() && jolokia.enabled() && jmx.port() == jolokia.port() && jmx.host().equals(jolokia.host())) {
            throw new ConfigException("[jmx] port and [jolokia] port are both " + jmx.port() + " in " + conf.sourceName()
                    + ". Each endpoint needs its own port.");
        }
        for (Endpoint other : List.of(jmx, jolokia)) {
            if (health.enabled() && other.enabled() && health.port() == other.port() && health.host().equals(other.host())) {
                StanzaFile.Entry e = conf.entry("cluster", "health-port").orElseThrow();
                throw new ConfigException("Invalid health-port '" + e.value() + "' at " + conf.location(e)
                        + ". It is the port of " + (other == jmx ? "[jmx]" : "[jolokia]") + " too; each endpoint needs its own port.");
            }
        }
        return new NodeSettings(file, name, dataDir, master, master ? "" : masterName, masterUrl, maxWait,
                List.copyOf(replicas), credentials, jmx, jolokia, policy, readyChecks, soak, drain, stopTimeout, health,
                outgoing, limits, keepBackups, startupWait, jolokiaThreads);
    }

    private static List<ReplicaAddress> replicas(StanzaFile conf, String ownName) throws ConfigException {
        List<ReplicaAddress> replicas = new ArrayList<>();
        Map<String, StanzaFile.Entry> seen = new HashMap<>();
        for (StanzaFile.Entry e : conf.entries()) {
            if (!e.stanza().equals("cluster") || !e.key().equals("replica")) {
                continue;
            }
            String[] parts = e.value().split("\\s+");
            if (parts.length != 2) {
                throw new ConfigException("Invalid replica '" + e.value() + "' at " + conf.location(e)
                        + ". Expected 'replica = NAME URL'.");
            }
            if (parts[0].equals(ownName)) {
                throw new ConfigException("Replica '" + parts[0] + "' at " + conf.location(e) + " has this server's own name.");
            }
            StanzaFile.Entry earlier = seen.putIfAbsent(parts[0], e);
            if (earlier != null) {
                throw new ConfigException("Replica '" + parts[0] + "' is listed twice in " + conf.sourceName()
                        + " (lines " + earlier.lineNumber() + " and " + e.lineNumber() + "). Replica names must be unique.");
            }
            Reader.checkUrl(parts[1], conf.location(e));
            replicas.add(new ReplicaAddress(parts[0], parts[1]));
        }
        return replicas;
    }

    /** Typed reads of single-valued entries with the messages the style guide asks for. */
    private record Reader(StanzaFile conf, Path confDir) {

        /** Every HOST:PORT of a URL: one in a Jolokia URL, up to two in a JMX service URL (connector and registry). */
        private static final Pattern URL_PORT = Pattern.compile("//(?:\\[[^\\]]*\\]|[^/:\\[\\]]*):(\\d+)");
        private static final int MAX_PORT = 65535;

        /**
         * A management channel: authenticated with a password file and an access file (its own, else the inherited
         * ones), or anonymous when its stanza says {@code authenticate = no}, which only a loopback host may.
         */
        Endpoint channel(String stanza, EndpointTls tls, Path inheritedPasswords, Path inheritedAccess) throws ConfigException {
            String host = value(stanza, "host").orElse(DEFAULT_HOST);
            int port = port(stanza, "port");
            Optional<Path> passwords = path(stanza, "password-file");
            Optional<Path> access = path(stanza, "access-file");
            if (!yesNo(stanza, "authenticate", true)) {
                StanzaFile.Entry no = entry(stanza, "authenticate").orElseThrow();
                if (passwords.isPresent()) {
                    throw new ConfigException("Invalid authenticate 'no' at " + conf.location(no) + ". [" + stanza
                            + "] has a password-file too: remove one of them.");
                }
                if (port > 0 && !isLoopback(host)) {
                    throw new ConfigException("Invalid authenticate 'no' at " + conf.location(no) + ". Anonymous access is"
                            + " allowed on loopback only, and [" + stanza + "] host is " + host
                            + ": set a password-file, or a loopback host.");
                }
                return new Endpoint(host, port, null, access.orElse(null), tls);
            }
            Path passwordFile = passwords.orElse(inheritedPasswords);
            Path accessFile = access.orElse(inheritedAccess);
            if (port > 0 && passwordFile == null) {
                throw new ConfigException("Missing [" + stanza + "] password-file in " + conf.sourceName()
                        + ": set it, or authenticate = no for anonymous access on loopback only.");
            }
            if (port > 0 && accessFile == null) {
                throw new ConfigException("Missing [" + stanza + "] access-file in " + conf.sourceName()
                        + ": an authenticated channel gives each user the role its access file grants"
                        + " (readonly or readwrite); set it.");
            }
            return new Endpoint(host, port, passwordFile, accessFile, tls);
        }

        /** An unresolvable name counts as not loopback: anonymous access is refused when in doubt. */
        private static boolean isLoopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /** The entry of a key {@link ServerConfSchema} declares (the file was checked against it). */
        Optional<StanzaFile.Entry> entry(String stanza, String key) {
            ServerConfSchema.declared(stanza, key);
            return conf.entry(stanza, key);
        }

        /**
         * {@code ssl}, {@code keystore}, {@code keystore-password-file}, {@code truststore},
         * {@code truststore-password-file} and {@code client-auth} of an endpoint's stanza; {@code [jolokia]} falls
         * back on {@code [jmx]}'s keystore and truststore, as it does for the password file.
         */
        EndpointTls endpointTls(String stanza, EndpointTls fallback) throws ConfigException {
            refusePasswords(stanza);
            boolean ssl = yesNo(stanza, "ssl", false);
            boolean clientAuth = yesNo(stanza, "client-auth", false);
            if (!ssl) {
                if (clientAuth) {
                    StanzaFile.Entry e = conf.entry(stanza, "client-auth").orElseThrow();
                    throw new ConfigException("Invalid client-auth 'yes' at " + conf.location(e)
                            + ". client-auth needs ssl = yes in [" + stanza + "].");
                }
                return null;
            }
            TlsStore keystore = store(stanza, "keystore", TlsStore.KEYSTORE);
            if (keystore == null && fallback != null) {
                keystore = fallback.keystore();
            }
            if (keystore == null) {
                throw new ConfigException("Missing [" + stanza + "] keystore in " + conf.sourceName()
                        + ": ssl = yes needs a keystore with this server's key and certificate.");
            }
            TlsStore truststore = store(stanza, "truststore", TlsStore.TRUSTSTORE);
            if (truststore == null && fallback != null && clientAuth) {
                truststore = fallback.truststore();
            }
            if (clientAuth && truststore == null) {
                throw new ConfigException("Missing [" + stanza + "] truststore in " + conf.sourceName()
                        + ": client-auth = yes needs the certificates of the clients to accept.");
            }
            return new EndpointTls(keystore, truststore, clientAuth);
        }

        /** {@code [cluster] truststore} (and {@code keystore}): TLS for this server's own calls; null without it. */
        OutgoingTls outgoingTls(EndpointTls jmx, EndpointTls jolokia) throws ConfigException {
            refusePasswords("cluster");
            TlsStore truststore = store("cluster", "truststore", TlsStore.TRUSTSTORE);
            TlsStore keystore = store("cluster", "keystore", TlsStore.KEYSTORE);
            if (truststore == null) {
                if (keystore != null) {
                    StanzaFile.Entry e = conf.entry("cluster", "keystore").orElseThrow();
                    throw new ConfigException("Invalid keystore at " + conf.location(e)
                            + ". [cluster] keystore needs a [cluster] truststore.");
                }
                return null;
            }
            if (keystore == null) {
                keystore = jmx != null ? jmx.keystore() : jolokia != null ? jolokia.keystore() : null;
            }
            return new OutgoingTls(truststore, keystore);
        }

        /** A store named by {@code key} and its {@code key-password-file}, or null when {@code key} is absent. */
        private TlsStore store(String stanza, String key, String kind) throws ConfigException {
            Optional<Path> file = path(stanza, key);
            Optional<Path> password = path(stanza, key + "-password-file");
            if (file.isEmpty()) {
                if (password.isPresent()) {
                    StanzaFile.Entry e = conf.entry(stanza, key + "-password-file").orElseThrow();
                    throw new ConfigException("Invalid " + key + "-password-file at " + conf.location(e) + ". It needs a ["
                            + stanza + "] " + key + ".");
                }
                return null;
            }
            if (password.isEmpty()) {
                throw new ConfigException("Missing [" + stanza + "] " + key + "-password-file in " + conf.sourceName()
                        + ": the " + key + " needs a file, readable by its owner only, whose first line is its password.");
            }
            return new TlsStore(kind, file.get(), password.get(), "[" + stanza + "] " + key);
        }

        /** A password written in server.conf is refused: it would be replicated, backed up and shown. */
        private void refusePasswords(String stanza) throws ConfigException {
            for (String key : List.of("keystore-password", "truststore-password", "key-password")) {
                Optional<StanzaFile.Entry> e = entry(stanza, key);
                if (e.isPresent()) {
                    throw new ConfigException("Invalid [" + stanza + "] " + key + " at " + conf.location(e.get())
                            + ". Passwords are never written in server.conf: put it in a file readable by its owner only"
                            + " and name that file with " + key.replace("key-password", "keystore-password") + "-file.");
                }
            }
        }

        Optional<String> value(String stanza, String key) {
            return entry(stanza, key).map(StanzaFile.Entry::value).filter(v -> !v.isEmpty());
        }

        String required(String stanza, String key) throws ConfigException {
            return value(stanza, key).orElseThrow(() -> new ConfigException(
                    "Missing [" + stanza + "] " + key + " in " + conf.sourceName() + "."));
        }

        Optional<Path> path(String stanza, String key) {
            return value(stanza, key).map(v -> confDir.resolve(v).normalize());
        }

        boolean yesNo(String stanza, String key, boolean otherwise) throws ConfigException {
            Optional<StanzaFile.Entry> e = entry(stanza, key);
            if (e.isEmpty()) {
                return otherwise;
            }
            return switch (e.get().value()) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new ConfigException("Invalid " + key + " '" + e.get().value() + "' at "
                        + conf.location(e.get()) + ". Must be 'yes' or 'no'.");
            };
        }

        int positiveInt(String stanza, String key, int otherwise) throws ConfigException {
            return atLeast(stanza, key, otherwise, 1, "a whole number of seconds greater than 0");
        }

        int count(String stanza, String key, int otherwise) throws ConfigException {
            return atLeast(stanza, key, otherwise, 1, "a whole number greater than 0");
        }

        int seconds(String stanza, String key, int otherwise) throws ConfigException {
            return atLeast(stanza, key, otherwise, 0, "a whole number of seconds, 0 or more");
        }

        /** A whole number of at least {@code min}; {@code allowed} says so in the error message. */
        private int atLeast(String stanza, String key, int otherwise, int min, String allowed) throws ConfigException {
            Optional<StanzaFile.Entry> e = entry(stanza, key);
            if (e.isEmpty()) {
                return otherwise;
            }
            try {
                int n = Integer.parseInt(e.get().value());
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the allowed values
            }
            throw new ConfigException("Invalid " + key + " '" + e.get().value() + "' at " + conf.location(e.get())
                    + ". Must be " + allowed + ".");
        }

        int port(String stanza, String key) throws ConfigException {
            Optional<StanzaFile.Entry> e = entry(stanza, key);
            if (e.isEmpty()) {
                return 0;
            }
            try {
                int n = Integer.parseInt(e.get().value());
                if (n >= 0 && n <= 65535) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the allowed values
            }
            throw new ConfigException("Invalid [" + stanza + "] " + key + " '" + e.get().value() + "' at "
                    + conf.location(e.get()) + ". Must be a port number from 0 (no endpoint) to 65535.");
        }

        void url(String stanza, String key) throws ConfigException {
            StanzaFile.Entry e = entry(stanza, key).orElseThrow();
            checkUrl(e.value(), conf.location(e));
        }

        static void checkUrl(String url, String location) throws ConfigException {
            if (!(url.startsWith("service:jmx:") || url.startsWith("http://") || url.startsWith("https://"))) {
                throw new ConfigException("Invalid URL '" + url + "' at " + location
                        + ". Expected a JMX URL (service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi) or a Jolokia URL (http://HOST:PORT/jolokia/).");
            }
            // the JDK takes any number here and fails only at the first call, as a bare "port out of range"
            Matcher port = URL_PORT.matcher(url);
            while (port.find()) {
                String digits = port.group(1);
                if (digits.length() > 5 || Integer.parseInt(digits) > MAX_PORT) {
                    throw new ConfigException("Invalid URL '" + url + "' at " + location + ". Port " + digits
                            + " is not between 1 and " + MAX_PORT + ".");
                }
            }
        }
    }
}
