package io.ripple.management;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jolokia.jvmagent.handler.JolokiaHttpHandler;
import org.jolokia.server.core.detector.ServerDetectorLookup;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.JolokiaServiceManagerFactory;
import org.jolokia.server.core.service.api.JolokiaContext;
import org.jolokia.server.core.service.api.JolokiaServiceManager;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.service.impl.ClasspathServiceCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jolokia's HTTP agent on the platform MBeanServer at {@code http://HOST:PORT/jolokia/}, built on
 * a JDK {@link HttpServer} of ours: basic authentication against a {@link PasswordFile}, the
 * {@link ManagementPolicy} for the roles of an {@link AccessFile}, an optional Jolokia policy that narrows it,
 * secrets of the JVM masked in what it reads ({@link SecretMask}), a bounded pool of request threads
 * ({@link RequestThreads}), and
 * TCP_NODELAY; with {@link EndpointTls} it is an {@link HttpsServer} at {@code https://HOST:PORT/jolokia/}. Beside it,
 * {@code /ripple-proof} answers other Ripple servers' {@link ProofChallenge}s without authentication ({@link ProofHandler}),
 * and {@code /ripple-object} serves published files to them as raw bytes ({@link ObjectReadHandler}).
 */
public final class JolokiaEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JolokiaEndpoint.class);
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final String MAX_IDLE_PROPERTY = "sun.net.httpserver.maxIdleConnections";
    /** Idle kept-alive connections the JDK's HTTP server keeps open (the JDK's default is 200). */
    public static final int MAX_IDLE_CONNECTIONS = 4096;
    private static final String CONTEXT = "/jolokia";
    private static final String REALM = "ripple";
    private static final int BACKLOG = 50;
    private static final long STOP_WAIT_MILLIS = 2_000;
    // Services that open doors this endpoint must not have: proxying to other JMX servers and
    // multicast discovery; and one it does not serve.
    private static final String DISABLED_SERVICES = String.join(",",
            "org.jolokia.service.jsr160.Jsr160RequestHandler",
            "org.jolokia.service.discovery.JolokiaDiscovery",
            "org.jolokia.service.discovery.DiscoveryMulticastResponder",
            // server-sent events hold a serving thread per client, and NotificationRequests refuses them: the register
            // reply must not advertise them
            "org.jolokia.service.notif.sse.SseNotificationBackend");

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final JolokiaServiceManager serviceManager;
    private final String url;
    private final int port;
    private final ProofResponder proofs;
    /** {@code /ripple-object}; null on an anonymous agent, which has none. */
    private final ObjectReadHandler objectReads;
    private boolean serving;

    private JolokiaEndpoint(HttpServer server, ThreadPoolExecutor executor, JolokiaServiceManager serviceManager,
                            String url, int port, ProofResponder proofs, ObjectReadHandler objectReads) {
        this.server = server;
        this.proofs = proofs;
        this.objectReads = objectReads;
        this.executor = executor;
        this.serviceManager = serviceManager;
        this.url = url;
        this.port = port;
    }

    /**
     * Sets the JDK HTTP server's JVM-wide options the agent needs, unless configured otherwise: Nagle's algorithm off
     * (without it each small response on a kept-alive connection waits ~40 ms), and room for
     * {@value #MAX_IDLE_CONNECTIONS} idle kept-alive connections (the JDK's 200 close a master's connections to its
     * replicas under them). Takes effect only if called before the JDK's HTTP server classes load, so node entry
     * points call it first thing.
     */
    public static void setHttpServerOptions() {
        JvmGlobals.setPropertyIfUnset(NODELAY_PROPERTY, "true", "without TCP_NODELAY each small Jolokia answer on a"
                + " kept-alive connection waits about 40 ms, and the JDK's HTTP server takes no per-server option. It"
                + " applies to every com.sun.net.httpserver server of this JVM.");
        // With more idle connections than the JDK's 200, its server closes each connection right after its answer,
        // without telling the client (no "Connection: close"): the client sends its next request on it and finds it
        // closed. A master's replicas keep a few connections each, so a master of about 70 replicas passes 200, and
        // at 100 a replica's confirmTurn failed so. Idle connections still close after the JDK's 30 s idle time.
        JvmGlobals.setPropertyIfUnset(MAX_IDLE_PROPERTY, Integer.toString(MAX_IDLE_CONNECTIONS), "with more idle"
                + " kept-alive connections than the JDK's 200, its HTTP server closes each connection after its answer"
                + " without saying so, and a client's next request on it fails (a master's replicas keep a few each)."
                + " It applies to every com.sun.net.httpserver server of this JVM.");
    }

    /**
     * Starts the agent: {@link #bind} and {@link #serve} at once.
     *
     * @throws ManagementException if a file is unusable, the host unknown, the port in use, or
     *     anonymous access is asked for on a non-loopback host
     */
    public static JolokiaEndpoint start(JolokiaSettings settings) throws ManagementException {
        JolokiaEndpoint endpoint = bind(settings);
        endpoint.serve();
        return endpoint;
    }

    /**
     * Prepares the agent and binds its port, without answering yet: a request that arrives before {@link #serve()}
     * waits in the port's backlog, so that no client sees the MBeanServer before its MBeans are registered.
     *
     * @throws ManagementException as {@link #start}
     */
    public static JolokiaEndpoint bind(JolokiaSettings settings) throws ManagementException {
        setHttpServerOptions();
        InetAddress address = resolve(settings.host());
        PasswordFile passwords = settings.passwordFile() == null ? null : PasswordFile.load(settings.passwordFile());
        AccessFile access = settings.accessFile() == null ? null : AccessFile.load(settings.accessFile());
        Restrictor policy = settings.policyFile() == null ? null : loadPolicy(settings.policyFile());
        if (passwords == null && !address.isLoopbackAddress()) {
            throw new ManagementException("Jolokia on " + settings.host()
                    + " needs a password file: anonymous access is allowed on loopback addresses only");
        }
        SSLContext tls = settings.tls() == null ? null : settings.tls().context();

        HttpServer server = bind(address, settings, tls);
        int port = server.getAddress().getPort();
        ThreadPoolExecutor executor = RequestThreads.create(settings.threads(), settings.waitingPlaces(), port);
        server.setExecutor(executor);

        MBeanServer served = settings.mbeanServer() == null ? ManagementFactory.getPlatformMBeanServer() : settings.mbeanServer();
        Restrictor restrictor = new RoleRestrictor(AccessFile.grants(passwords == null, access), policy, served);
        ObjectReadHandler objectReads = null;
        Map<String, String> config = new java.util.HashMap<>(jolokiaConfig(settings.host(), port));
        // Jolokia also keeps the platform MBeanServer (and any other it finds) in its list, but asks the detectors'
        // servers first: every MBean of the served server is read through the masking one.
        OwnMBeanServerDetector own = new OwnMBeanServerDetector(MaskingMBeanServer.wrap(served));
        ServerDetectorLookup detectors = log -> new java.util.TreeSet<>(java.util.Set.of(own));
        config.put("disableDetectors", "false");
        JolokiaServiceManager serviceManager = JolokiaServiceManagerFactory.createJolokiaServiceManager(
                JolokiaConfiguration.of(config), new Slf4jJolokiaLog(), restrictor, detectors);
        serviceManager.addServices(new ClasspathServiceCreator(JolokiaEndpoint.class.getClassLoader(), "services"));
        serviceManager.addService(new RequestGate());
        serviceManager.addService(new NotificationUnregister());
        String url = (tls == null ? "http://" : "https://") + settings.host() + ":" + port + CONTEXT + "/";
        ProofResponder proofs = new ProofResponder(passwords, PeerProof.JOLOKIA);
        try {
            JolokiaContext context = serviceManager.start();
            context.getAgentDetails().updateAgentParameters(url, passwords != null);
            HttpContext http = server.createContext(CONTEXT, new CallerHandler(new JolokiaHttpHandler(context)));
            if (passwords != null) {
                RequestMacVerifier signed = new RequestMacVerifier(passwords, proofs::self, System::currentTimeMillis,
                        new ReplayCache(ReplayCache.DEFAULT_LIMIT));
                http.setAuthenticator(new JolokiaAuthenticator(REALM, passwords, signed));
                // only where callers authenticate: an anonymous agent's replicas read the old way
                objectReads = new ObjectReadHandler(passwords, signed, AccessFile.grants(false, access), restrictor,
                        tls != null, proofs::self);
                server.createContext(PublishedObjects.PATH, objectReads);
            }
            server.createContext(ProofHandler.PATH, new ProofHandler(proofs)); // no authenticator: it proves, it asks none
        } catch (RuntimeException e) {
            server.stop(0);
            executor.shutdownNow();
            serviceManager.stop();
            throw new ManagementException("Cannot start Jolokia on " + settings.host() + ":" + port + ": " + e, e);
        }
        LOG.info("Jolokia agent bound at {} ({}{}{})", url, passwords == null ? "anonymous" : "authenticated",
                settings.tls() == null ? "" : ", " + settings.tls().describe(),
                policy == null ? "" : ", policy " + settings.policyFile());
        return new JolokiaEndpoint(server, executor, serviceManager, url, port, proofs, objectReads);
    }

    private static Map<String, String> jolokiaConfig(String host, int port) {
        return Map.of(
                "agentContext", CONTEXT,
                // JolokiaServerConfig would make one up; without it the service manager refuses to start.
                "agentId", "ripple-" + host + "-" + port,
                "discoveryEnabled", "false",
                "disableDetectors", "true",
                "disabledServices", DISABLED_SERVICES,
                "includeStackTrace", "false",
                // Jolokia registers its own MBeans; the qualifier keeps several agents in one JVM apart.
                "mbeanQualifier", "ripple-" + port);
    }

    private static Restrictor loadPolicy(Path policyFile) throws ManagementException {
        // whose file it is comes first, as for password files: it also says when the setting names a folder
        AccessFile.checkTrusted(policyFile, "Jolokia policy file " + policyFile);
        if (!Files.isRegularFile(policyFile) || !Files.isReadable(policyFile)) {
            throw new ManagementException("Jolokia policy file " + policyFile + " is missing or unreadable");
        }
        byte[] xml;
        try {
            xml = Files.readAllBytes(policyFile);
        } catch (IOException e) {
            throw new ManagementException("Jolokia policy file " + policyFile + " cannot be read: " + e.getMessage(), e);
        }
        WellFormedXml.check(xml, policyFile, "Jolokia policy file");
        try {
            return new PolicyRestrictor(new ByteArrayInputStream(xml));
        } catch (RuntimeException e) {
            throw new ManagementException("Jolokia policy file " + policyFile + " is invalid: " + e.getMessage(), e);
        }
    }

    private static HttpServer bind(InetAddress address, JolokiaSettings settings, SSLContext tls)
            throws ManagementException {
        try {
            InetSocketAddress socket = new InetSocketAddress(address, settings.port());
            if (tls == null) {
                return HttpServer.create(socket, BACKLOG);
            }
            HttpsServer https = HttpsServer.create(socket, BACKLOG);
            boolean clientAuth = settings.tls().clientAuth();
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                    parameters.setNeedClientAuth(clientAuth);
                    params.setSSLParameters(parameters);
                }
            });
            return https;
        } catch (BindException e) {
            throw BindFailure.of("Jolokia", settings.host(), settings.port(), e);
        } catch (IOException e) {
            throw new ManagementException("Cannot open Jolokia port " + settings.port() + " on " + settings.host()
                    + ": " + e.getMessage(), e);
        }
    }

    private static InetAddress resolve(String host) throws ManagementException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ManagementException("Unknown Jolokia host " + host, e);
        }
    }

    /** Starts answering requests, those waiting in the backlog first; a second call does nothing. */
    public synchronized void serve() {
        if (!serving) {
            server.start();
            serving = true;
        }
    }

    /**
     * Has {@code GET /ripple-proof} prove to other Ripple servers that this is the {@code role} ({@code master} or
     * {@code replica}) {@code self} names
     * ({@link PeerProof}): call it before {@link #serve()}; until then it answers every challenge "starting".
     */
    public void answerProofs(String role, java.util.function.Supplier<ClusterClaim> self) {
        proofs.answerAs(role, self);
    }

    /**
     * Has {@code GET /ripple-object/SHA256?offset=N&length=N} serve {@code objects} as raw bytes to the other Ripple
     * servers of this cluster, signed in as {@code clusterUser} (this server's cluster account), outside Jolokia's JSON
     * ({@link ObjectReadHandler}). Until it is called, and on an agent without a password file, that path answers 404 as a
     * server of an earlier release does, and replicas read through {@code /jolokia}.
     */
    public void serveObjects(String clusterUser, PublishedObjects objects) {
        if (objectReads != null && clusterUser != null) {
            objectReads.serve(clusterUser, objects);
        }
    }

    /** The agent's address, {@code http://HOST:PORT/jolokia/} or {@code https://…}. */
    public String url() {
        return url;
    }

    /** The HTTP port. */
    public int port() {
        return port;
    }

    /** Requests waiting for a thread now. */
    int waitingRequests() {
        return executor.getQueue().size();
    }

    /** Stops serving, closing open connections, and stops Jolokia's services. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Jolokia requests still running {} ms after stop at {}", STOP_WAIT_MILLIS, url);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        serviceManager.stop();
        LOG.info("Jolokia agent at {} stopped", url);
    }

    /**
     * Puts the request's {@link Caller} on the serving thread, where the restrictor, the {@link RequestGate} and the
     * MBean operations find it, and hands Jolokia a body of at most {@link BoundedBody#LIMIT_BYTES}. A handler, not a
     * filter: the JDK runs a context's filters before its authenticator, so only the handler sees the authenticated
     * principal. What a request asks for is judged by the {@link RequestGate}, on the request as Jolokia parsed it.
     */
    private static final class CallerHandler implements HttpHandler {
        private static final String POST = "POST";
        private static final int TOO_LARGE = 413;
        private static final String TOO_LARGE_REFUSED = "Request body larger than " + BoundedBody.LIMIT_BYTES
                + " bytes: send fewer requests in one bulk request";
        private final HttpHandler jolokia;

        CallerHandler(HttpHandler jolokia) {
            this.jolokia = jolokia;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            HttpPrincipal principal = exchange.getPrincipal();
            String user = principal == null ? AnonymousAuthenticator.ANONYMOUS : principal.getUsername();
            Caller.enterJolokia(new Caller(user, "jolokia", exchange.getRemoteAddress().getAddress().getHostAddress()));
            ClusterClaim.of(exchange.getRequestHeaders().getFirst(ClusterClaim.CALLER_HEADER),
                    exchange.getRequestHeaders().getFirst(ClusterClaim.CLUSTER_HEADER),
                    exchange.getRequestHeaders().getFirst(ClusterClaim.TERM_HEADER)).ifPresent(ClusterClaim::enterJolokia);
            try {
                // Jolokia reads a body for POST in any case of the method's name
                if (POST.equalsIgnoreCase(exchange.getRequestMethod())) {
                    Optional<byte[]> body = BoundedBody.read(exchange.getRequestBody(),
                            exchange.getRequestHeaders().getFirst("Content-Length"), BoundedBody.LIMIT_BYTES);
                    if (body.isEmpty()) {
                        refuseTooLarge(exchange);
                        return;
                    }
                    exchange.setStreams(new ByteArrayInputStream(body.get()), null);
                }
                jolokia.handle(exchange);
            } finally {
                Caller.leaveJolokia();
                ClusterClaim.leaveJolokia();
            }
        }

        /**
         * A 413 in Jolokia's own error format, so that clients read it like any other refusal. The connection is closed
         * after it: the rest of the body is not read.
         */
        private static void refuseTooLarge(HttpExchange exchange) throws IOException {
            byte[] answer = ("{\"status\":" + TOO_LARGE + ",\"error_type\":\"java.lang.IllegalArgumentException\","
                    + "\"error\":\"java.lang.IllegalArgumentException : " + TOO_LARGE_REFUSED + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(TOO_LARGE, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }
}
