package io.ripple.remote;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.FailoverMXBean;
import io.ripple.ReplicaProtocolMXBean;
import io.ripple.ServerMXBean;
import io.ripple.management.ClusterClaim;
import io.ripple.management.JvmGlobals;
import io.ripple.management.Tls;
import io.ripple.util.DaemonThreads;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.MalformedURLException;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMX;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ReflectionException;
import javax.management.RuntimeErrorException;
import javax.management.RuntimeMBeanException;
import javax.management.RuntimeOperationsException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.naming.Context;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RemoteServer} over a JSR-160 JMX RMI connection: {@link JMX#newMXBeanProxy MXBean proxies}, wrapped so that
 * every failure becomes a {@link RemoteException}.
 *
 * <p>Time-outs. Connecting runs on a daemon thread and is abandoned after the connect time-out, so that a peer that
 * accepts TCP but never answers costs the connect time-out. RMI has no per-call time-out: the JDK reads
 * {@code sun.rmi.transport.tcp.responseTimeout} once per JVM, so the call time-out of calls on an open connection is
 * whatever {@link #configureTimeouts(Duration)} set before the first RMI call, and the {@code callTimeout} given to
 * {@link #open} is not applied per connection.
 */
public final class JmxRemoteServer implements RemoteServer {

    private static final Logger LOG = LoggerFactory.getLogger(JmxRemoteServer.class);
    static final String RESPONSE_TIMEOUT_PROPERTY = "sun.rmi.transport.tcp.responseTimeout";
    static final String HANDSHAKE_TIMEOUT_PROPERTY = "sun.rmi.transport.tcp.handshakeTimeout";
    /** The JNDI environment key of the socket factory for the RMI registry lookup. */
    static final String REGISTRY_SOCKET_FACTORY = "com.sun.jndi.rmi.factory.socket";
    /**
     * The JDK's own JNDI factory for the RMI registry. A {@code /jndi/rmi://} lookup needs nothing else, and naming it
     * keeps a host's JVM-wide {@code java.naming.factory.initial} out of it: Tomcat sets its own, in a class loader
     * that Ripple's threads cannot see, and every connection would fail on it.
     */
    static final String RMI_REGISTRY_CONTEXT_FACTORY = "com.sun.jndi.rmi.registry.RegistryContextFactory";

    private final String url;
    private final String user;
    private final Duration callTimeout;
    private final JMXConnector connector;
    private final MBeanServerConnection connection;
    /** Whether the master has {@code ConfigStore.readObjectBytes}; false once it answered that it has not. */
    private volatile boolean readsBytes = true;
    private final ServerMXBean server;
    private final ConfigStoreMXBean configStore;
    private final ClusterMXBean cluster;
    private final ClusterProtocolMXBean clusterProtocol;
    private final FailoverMXBean failover;
    private final ReplicaProtocolMXBean replicaProtocol;

    private JmxRemoteServer(String url, String user, Duration callTimeout, JMXConnector connector,
                            MBeanServerConnection connection) {
        this.url = url;
        this.user = user;
        this.callTimeout = callTimeout;
        this.connector = connector;
        this.connection = connection;
        this.server = proxy(ServerMXBean.OBJECT_NAME, ServerMXBean.class);
        this.configStore = proxy(ConfigStoreMXBean.OBJECT_NAME, ConfigStoreMXBean.class);
        this.cluster = proxy(ClusterMXBean.OBJECT_NAME, ClusterMXBean.class);
        this.clusterProtocol = proxy(ClusterProtocolMXBean.OBJECT_NAME, ClusterProtocolMXBean.class);
        this.failover = proxy(FailoverMXBean.OBJECT_NAME, FailoverMXBean.class);
        this.replicaProtocol = proxy(ReplicaProtocolMXBean.OBJECT_NAME, ReplicaProtocolMXBean.class);
    }

    /**
     * Sets the JVM-wide RMI read time-out ({@code sun.rmi.transport.tcp.responseTimeout}) and handshake time-out
     * ({@code sun.rmi.transport.tcp.handshakeTimeout}) to {@code callTimeout}, each only when it is not set already.
     * The JDK reads them once, when RMI's TCP transport is first used, so this must be called before any RMI
     * connection is made (node entry points call it first thing); later calls change nothing. Without it an RMI call
     * to a peer that stops answering waits forever.
     */
    public static void configureTimeouts(Duration callTimeout) {
        String millis = Long.toString(Math.max(1, callTimeout.toMillis()));
        JvmGlobals.setPropertyIfUnset(RESPONSE_TIMEOUT_PROPERTY, millis, "RMI has no per-connection call time-out (the"
                + " client socket factory is the one the peer's stubs carry), and without one a call to a peer that"
                + " stops answering waits forever. It bounds every RMI call this JVM makes.");
        JvmGlobals.setPropertyIfUnset(HANDSHAKE_TIMEOUT_PROPERTY, millis, "RMI has no per-connection handshake time-out,"
                + " and a peer that accepts a connection but never answers would hold a call for the JDK's 60 s. It"
                + " applies to every RMI connection this JVM opens.");
    }

    /**
     * Connects to {@code url} (a {@code service:jmx:rmi:…} URL).
     *
     * @throws RemoteException CANNOT_CONNECT (also when there is no answer within {@code connectTimeout}) or
     *     AUTHENTICATION_FAILED
     */
    public static JmxRemoteServer open(String url, Credentials credentials, Duration connectTimeout, Duration callTimeout) {
        return open(url, credentials, connectTimeout, callTimeout, null);
    }

    /**
     * As {@link #open(String, Credentials, Duration, Duration)}, over TLS when {@code tls} is not null: the RMI registry
     * lookup uses {@code tls} itself; the connector's stub brings the JDK's {@code SslRMIClientSocketFactory}, which
     * uses the JVM's default context ({@link Tls#useForRmiStubs}, set here before the first such connection).
     */
    public static JmxRemoteServer open(String url, Credentials credentials, Duration connectTimeout, Duration callTimeout,
                                       SSLContext tls) {
        return open(url, credentials, connectTimeout, callTimeout, tls, null);
    }

    /**
     * As {@link #open(String, Credentials, Duration, Duration, SSLContext)}, with {@code claim} (if not null) as the
     * third and fourth element of the credentials, {@code {user, password, clusterId, caller}} (a master adds its term
     * as the fifth): the authenticator is the one place of a JMX connector server that sees what a client sends, and it
     * keeps the claim in the Subject.
     */
    public static JmxRemoteServer open(String url, Credentials credentials, Duration connectTimeout, Duration callTimeout,
                                       SSLContext tls, ClusterClaim claim) {
        return open(url, credentials, connectTimeout, callTimeout, tls, claim, null);
    }

    /**
     * As {@link #open(String, Credentials, Duration, Duration, SSLContext, ClusterClaim)}; with {@code proof} (not
     * null), the server first answers its challenge ({@link io.ripple.management.PeerProof}) and the credentials go only
     * to a server that proved itself: the challenge and the connection use the one connector stub the registry gave, so
     * that they reach the same server. {@code proof} needs a {@code /jndi/} URL.
     *
     * @throws RemoteException also AUTHENTICATION_FAILED when the server did not prove itself (nothing was sent then)
     */
    static JmxRemoteServer open(String url, Credentials credentials, Duration connectTimeout, Duration callTimeout,
                                SSLContext tls, ClusterClaim claim, PeerCheck proof) {
        JMXServiceURL serviceUrl;
        try {
            serviceUrl = new JMXServiceURL(url);
        } catch (MalformedURLException e) {
            throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT,
                    "Cannot connect to " + url + ": not a JMX service URL", e);
        }
        Map<String, Object> env = new HashMap<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, RMI_REGISTRY_CONTEXT_FACTORY);
        if (claim != null && claim.term() > 0) {
            env.put(JMXConnector.CREDENTIALS, new String[] {nonNull(credentials.user()), nonNull(credentials.password()),
                    claim.clusterId(), claim.caller(), claim.termText()});
        } else if (claim != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {nonNull(credentials.user()), nonNull(credentials.password()),
                    claim.clusterId(), claim.caller()});
        } else if (credentials.user() != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {credentials.user(), credentials.password()});
        }
        if (tls != null) {
            env.put(REGISTRY_SOCKET_FACTORY, new TlsRegistrySockets(tls));
            Tls.useForRmiStubs(tls);
        }
        CompletableFuture<JMXConnector> connecting = new CompletableFuture<>();
        DaemonThreads.start("ripple-jmx-connect " + serviceUrl.getHost() + ":" + serviceUrl.getPort(), () -> {
            try {
                JMXConnector connector = proof == null ? JMXConnectorFactory.connect(serviceUrl, env)
                        : RmiProof.connectProved(url, serviceUrl, env, proof);
                if (!connecting.complete(connector)) {
                    closeQuietly(url, connector); // the caller gave up waiting
                }
            } catch (Throwable e) {
                connecting.completeExceptionally(e);
            }
        });
        JMXConnector connector = awaitConnection(url, credentials.user(), connecting, connectTimeout, tls != null);
        try {
            return new JmxRemoteServer(url, credentials.user(), callTimeout, connector,
                    connector.getMBeanServerConnection());
        } catch (IOException e) {
            closeQuietly(url, connector);
            throw RemoteFailures.cannotConnect(url, e, tls != null);
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static JMXConnector awaitConnection(String url, String user, CompletableFuture<JMXConnector> connecting,
                                                Duration connectTimeout, boolean tlsClient) {
        try {
            return connecting.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(url, connecting);
            // an HTTP port takes the connection and waits for a request, as a busy RMI server would: ask it which it is
            String httpPort = PortKind.jmxOnHttpPort(url);
            if (httpPort != null) {
                throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url + ": " + httpPort, e);
            }
            throw RemoteFailures.connectTimeout(url, connectTimeout);
        } catch (InterruptedException e) {
            abandon(url, connecting);
            Thread.currentThread().interrupt();
            throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT,
                    "Cannot connect to " + url + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RemoteException refused) {
                throw refused;
            }
            if (cause instanceof SecurityException) {
                throw RemoteFailures.authenticationFailed(url, user, cause);
            }
            // RMI's JVM-wide handshake time-out may be shorter than this connect time-out: an HTTP port ends the same way
            if (!tlsClient && hasReadTimeout(cause)) {
                String httpPort = PortKind.jmxOnHttpPort(url);
                if (httpPort != null) {
                    throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url + ": " + httpPort, cause);
                }
            }
            throw RemoteFailures.cannotConnect(url, cause, tlsClient);
        }
    }

    private static boolean hasReadTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Gives up on a connection attempt; one that succeeds later (or just did) is closed. */
    private static void abandon(String url, CompletableFuture<JMXConnector> connecting) {
        if (!connecting.cancel(false) && !connecting.isCompletedExceptionally()) {
            closeQuietly(url, connecting.join());
        }
    }

    /** An MXBean proxy whose failures are translated into {@link RemoteException}s. */
    private <T> T proxy(String objectName, Class<T> type) {
        T target = JMX.newMXBeanProxy(connection, RemoteViews.objectName(objectName), type);
        return RemoteViews.view(type, objectName, url, (method, args) -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw translate(e.getCause(), objectName, method.getName());
            }
        });
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public ServerMXBean server() {
        return server;
    }

    @Override
    public ConfigStoreMXBean configStore() {
        return configStore;
    }

    @Override
    public ClusterMXBean cluster() {
        return cluster;
    }

    @Override
    public ClusterProtocolMXBean clusterProtocol() {
        return clusterProtocol;
    }

    @Override
    public FailoverMXBean failover() {
        return failover;
    }

    @Override
    public ReplicaProtocolMXBean replicaProtocol() {
        return replicaProtocol;
    }

    @Override
    public ServerSnapshot serverSnapshot() {
        return RemoteViews.snapshot(serverAttributes(RemoteViews.SNAPSHOT_ATTRIBUTES), url);
    }

    @Override
    public ServerIdentity serverIdentity() {
        return RemoteViews.identity(serverAttributes(RemoteViews.IDENTITY_ATTRIBUTES), url);
    }

    @Override
    public MemberView memberView() {
        return RemoteViews.memberView(serverAttributes(RemoteViews.MEMBER_VIEW_ATTRIBUTES), url);
    }

    /**
     * {@code ConfigStore.readObjectBytes}: the bytes as they are, where readObject's base64 would be encoded, written as
     * RMI writes a long string, read back and decoded again. A master of an earlier release has no such operation: this
     * connection then reads base64 as before.
     */
    @Override
    public byte[] readObject(String sha256, long offset, int length) {
        if (readsBytes) {
            try {
                Object answer = connection.invoke(RemoteViews.objectName(ConfigStoreMXBean.OBJECT_NAME), "readObjectBytes",
                        new Object[] {sha256, offset, length},
                        new String[] {String.class.getName(), long.class.getName(), int.class.getName()});
                if (answer instanceof byte[] bytes) {
                    return bytes;
                }
                throw RemoteFailures.remoteError(url, "unexpected answer from " + ConfigStoreMXBean.OBJECT_NAME
                        + " readObjectBytes: " + (answer == null ? "none" : answer.getClass().getName()), null);
            } catch (ReflectionException e) {
                if (!(e.getTargetException() instanceof NoSuchMethodException)) {
                    throw translate(e, ConfigStoreMXBean.OBJECT_NAME, "readObjectBytes");
                }
                readsBytes = false;
            } catch (RemoteException e) {
                throw e;
            } catch (Exception e) {
                throw translate(e, ConfigStoreMXBean.OBJECT_NAME, "readObjectBytes");
            }
        }
        return RemoteServer.super.readObject(sha256, offset, length);
    }

    /** Attributes of the Server MBean in one call; what cannot be read is left out, as getAttributes does. */
    private Map<String, Object> serverAttributes(List<String> names) {
        AttributeList list;
        try {
            list = connection.getAttributes(RemoteViews.objectName(ServerMXBean.OBJECT_NAME), names.toArray(String[]::new));
        } catch (Exception e) {
            throw translate(e, ServerMXBean.OBJECT_NAME, "getAttributes");
        }
        Map<String, Object> values = new HashMap<>();
        for (Attribute attribute : list.asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        return values;
    }

    @Override
    public void close() {
        closeQuietly(url, connector);
    }

    @Override
    public String toString() {
        return "JmxRemoteServer[" + url + (user == null ? "" : ", user " + user) + "]";
    }

    private static void closeQuietly(String url, JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("JMX connection to {} did not close cleanly: {}", url, e.toString());
        }
    }

    /** Turns whatever a JMX call threw into a {@link RemoteException}. */
    RemoteException translate(Throwable failure, String objectName, String member) {
        Throwable t = failure;
        while (true) {
            if (t instanceof RemoteException remote) {
                return remote;
            } else if (t instanceof InvocationTargetException e && e.getCause() != null) {
                t = e.getCause();
            } else if (t instanceof UndeclaredThrowableException e && e.getUndeclaredThrowable() != null) {
                t = e.getUndeclaredThrowable();
            } else if (t instanceof RuntimeMBeanException e && e.getTargetException() != null) {
                return RemoteFailures.remoteError(url, RemoteFailures.text(e.getTargetException()), failure);
            } else if (t instanceof RuntimeErrorException e && e.getTargetError() != null) {
                return RemoteFailures.remoteError(url, RemoteFailures.text(e.getTargetError()), failure);
            } else if (t instanceof MBeanException e && e.getTargetException() != null) {
                return RemoteFailures.remoteError(url, RemoteFailures.text(e.getTargetException()), failure);
            } else if (t instanceof ReflectionException e && e.getTargetException() != null) {
                return RemoteFailures.remoteError(url, RemoteFailures.text(e.getTargetException()), failure);
            } else if (t instanceof RuntimeOperationsException e && e.getTargetException() != null) {
                return RemoteFailures.remoteError(url, RemoteFailures.text(e.getTargetException()), failure);
            } else if (t instanceof InstanceNotFoundException) {
                return RemoteFailures.missingMBean(url, objectName, failure);
            } else if (t instanceof SecurityException) {
                return RemoteFailures.notAllowed(url, user, objectName, member, failure);
            } else if (t instanceof IOException) {
                // a call goes over a connection that had answered: a closed one means the server went away, as over Jolokia
                return RemoteFailures.isTimeout(t) ? RemoteFailures.timeout(url, callTimeout, failure)
                        : RemoteFailures.connectionLost(url, t);
            } else {
                // JMException, or a remote RuntimeException the MXBean proxy already unwrapped
                return RemoteFailures.remoteError(url, RemoteFailures.text(t), failure);
            }
        }
    }

    /** Client sockets for the RMI registry lookup over TLS, with this connector's own context. */
    private static final class TlsRegistrySockets implements RMIClientSocketFactory {
        private final SSLContext tls;

        TlsRegistrySockets(SSLContext tls) {
            this.tls = tls;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
            socket.startHandshake(); // fail here, with the TLS reason, rather than as a broken RMI stream
            return socket;
        }
    }
}
