package io.ripple.management;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.rmi.AlreadyBoundException;
import java.rmi.NoSuchObjectException;
import java.rmi.Remote;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.ExportException;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSR-160 JMX RMI connector that serves the RMI registry and the connector on one port, bound
 * to one host, so that JConsole and VisualVM need one open port:
 * {@code service:jmx:rmi://HOST:PORT/jndi/rmi://HOST:PORT/jmxrmi}.
 *
 * <p>Every client request passes the {@link ManagementPolicy}, whatever is configured: a client of a connector
 * without a password file is the user {@code anonymous}, and what clients read of the JVM's arguments and system
 * properties is masked ({@link SecretMask}).
 *
 * <p>With TLS both the registry and the connector speak TLS on that port; their stubs carry the JDK's
 * {@link SslRMIClientSocketFactory}, so that JConsole and VisualVM connect with nothing but a
 * truststore ({@code -J-Djavax.net.ssl.trustStore=…}).
 */
public final class JmxEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JmxEndpoint.class);
    private static final String HOSTNAME_PROPERTY = "java.rmi.server.hostname";
    private static final String BINDING = "jmxrmi";

    private final Registry registry;
    private final HostBoundServerSocketFactory sockets;
    private final JMXConnectorServer connector;
    private final JMXServiceURL url;
    private final int port;
    private final Remote stub;
    private final ProofResponder proofs;
    private boolean serving;

    private JmxEndpoint(Registry registry, JMXConnectorServer connector, Remote stub, JMXServiceURL url, int port,
                        HostBoundServerSocketFactory sockets, ProofResponder proofs) {
        this.stub = stub;
        this.proofs = proofs;
        this.sockets = sockets;
        this.registry = registry;
        this.connector = connector;
        this.url = url;
        this.port = port;
    }

    /**
     * Starts the connector for {@code server}: {@link #bind} and {@link #serve} at once.
     *
     * @throws ManagementException if a file is unusable, the host unknown, the port in use, or
     *     anonymous access is asked for on a non-loopback host
     */
    public static JmxEndpoint start(JmxSettings settings, MBeanServer server) throws ManagementException {
        JmxEndpoint endpoint = bind(settings, server);
        endpoint.serve();
        return endpoint;
    }

    /**
     * Binds the port and starts the connector without publishing it in the registry: until {@link #serve()} a client
     * finds no {@code jmxrmi} there, so that none sees the MBeanServer before its MBeans are registered.
     *
     * @throws ManagementException as {@link #start}
     */
    public static JmxEndpoint bind(JmxSettings settings, MBeanServer server) throws ManagementException {
        InetAddress address = resolve(settings.host());
        PasswordFile passwords = settings.passwordFile() == null ? null : PasswordFile.load(settings.passwordFile());
        AccessFile access = settings.accessFile() == null ? null : AccessFile.load(settings.accessFile());
        if (passwords == null && !address.isLoopbackAddress()) {
            throw new ManagementException("JMX on " + settings.host()
                    + " needs a password file: anonymous access is allowed on loopback addresses only");
        }
        JvmGlobals.setPropertyIfUnset(HOSTNAME_PROPERTY, settings.host(), "the JMX connector's RMI stubs tell its"
                + " clients to call back [jmx] host, and the JDK takes that address from this property alone. Every RMI"
                + " object this JVM exports advertises it.");

        SSLContext tls = settings.tls() == null ? null : settings.tls().context();
        boolean clientAuth = settings.tls() != null && settings.tls().clientAuth();
        HostBoundServerSocketFactory sockets = new HostBoundServerSocketFactory(address, tls, clientAuth);
        // one instance for the registry and the connector: RMI shares a port between exports with equal factories
        RMIClientSocketFactory clientSockets = tls == null ? null : new SslRMIClientSocketFactory();
        int port = settings.port() != 0 ? settings.port() : bindAnyPort(settings, sockets);
        Registry registry = createRegistry(settings.host(), port, clientSockets, sockets);
        RMIConnectorServer connector = null;
        ProofResponder proofs = new ProofResponder(passwords, PeerProof.JMX);
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            if (clientSockets != null) {
                env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
            }
            // Credentials are deserialized before authentication: accept nothing but strings.
            env.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, String.class.getName() + ";!*");
            // Anonymous clients get a Subject too, so that the access check below sees every request.
            env.put(JMXConnectorServer.AUTHENTICATOR, passwords == null ? new AnonymousAuthenticator(proofs)
                    : new JmxPasswordAuthenticator(passwords, proofs));
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(port, clientSockets, sockets, env);
            connector = new RMIConnectorServer(
                    new JMXServiceURL("service:jmx:rmi://" + settings.host() + ":" + port), env, rmiServer, server);
            connector.setMBeanServerForwarder(JmxAccessForwarder.create(AccessFile.grants(passwords == null, access)));
            connector.start();
            Remote stub = rmiServer.toStub();
            JMXServiceURL url = new JMXServiceURL(
                    "service:jmx:rmi://" + settings.host() + ":" + port + "/jndi/rmi://" + settings.host() + ":" + port
                            + "/" + BINDING);
            LOG.info("JMX connector bound at {} ({}{})", url, passwords == null ? "anonymous" : "authenticated",
                    settings.tls() == null ? "" : ", " + settings.tls().describe());
            return new JmxEndpoint(registry, connector, stub, url, port, sockets, proofs);
        } catch (IOException e) {
            stopQuietly(connector);
            unexport(registry);
            throw new ManagementException("Cannot start JMX connector on " + settings.host() + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private static int bindAnyPort(JmxSettings settings, HostBoundServerSocketFactory sockets)
            throws ManagementException {
        try {
            return sockets.bindAnyPort();
        } catch (IOException e) {
            throw new ManagementException("Cannot open a JMX port on " + settings.host() + ": " + e.getMessage(), e);
        }
    }

    private static Registry createRegistry(String host, int port, RMIClientSocketFactory clientSockets,
                                           HostBoundServerSocketFactory sockets) throws ManagementException {
        try {
            return LocateRegistry.createRegistry(port, clientSockets, sockets);
        } catch (ExportException e) {
            if (e.getCause() instanceof BindException bind) {
                throw BindFailure.of("JMX", host, port, bind);
            }
            throw new ManagementException("Cannot open JMX port " + port + " on " + host + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ManagementException("Cannot open JMX port " + port + " on " + host + ": " + e.getMessage(), e);
        } finally {
            sockets.closeUnused();
        }
    }

    private static InetAddress resolve(String host) throws ManagementException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ManagementException("Unknown JMX host " + host, e);
        }
    }

    /**
     * Publishes the connector in the registry: clients connect from now on. A second call does nothing.
     *
     * @throws ManagementException the registry refused the binding
     */
    public synchronized void serve() throws ManagementException {
        if (serving) {
            return;
        }
        try {
            registry.bind(BINDING, stub);
            serving = true;
        } catch (IOException | AlreadyBoundException e) {
            throw new ManagementException("Cannot publish the JMX connector at " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Has this endpoint prove to other Ripple servers that it is the {@code role} ({@code master} or
     * {@code replica}) {@code self} names ({@link PeerProof}):
     * call it before {@link #serve()}; until then it answers every challenge "starting".
     */
    public void answerProofs(String role, java.util.function.Supplier<ClusterClaim> self) {
        proofs.answerAs(role, self);
    }

    /** The address clients connect to. */
    public JMXServiceURL url() {
        return url;
    }

    /** The port of both the registry and the connector. */
    public int port() {
        return port;
    }

    /** Stops the connector, closing its client connections, and unexports the registry. */
    @Override
    public void close() {
        try {
            connector.stop();
        } catch (IOException e) {
            LOG.warn("JMX connector at {} did not stop cleanly: {}", url, e.toString());
        }
        unexport(registry);
        sockets.closeAll();
        LOG.info("JMX connector at {} stopped", url);
    }

    private static void stopQuietly(JMXConnectorServer connector) {
        if (connector != null && connector.isActive()) {
            try {
                connector.stop();
            } catch (IOException e) {
                LOG.debug("JMX connector did not stop cleanly: {}", e.toString());
            }
        }
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            LOG.debug("RMI registry was already unexported");
        }
    }
}
