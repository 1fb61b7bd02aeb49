package io.ripple.remote;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnection;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The JMX RMI side of a {@link PeerCheck}: looks the connector stub up once, sends it the challenge as credentials
 * (the server's authenticator refuses them with its answer as the message), and connects with the real credentials
 * through the same stub only after the answer was checked.
 */
final class RmiProof {

    private static final String JNDI_PREFIX = "/jndi/";
    private static final String RMI_REGISTRY_CONTEXT_FACTORY = "com.sun.jndi.rmi.registry.RegistryContextFactory";

    private RmiProof() {
    }

    /**
     * Connects to the server at {@code serviceUrl} once it proved itself.
     *
     * @throws RemoteException AUTHENTICATION_FAILED when it did not (no credentials were sent), or CANNOT_CONNECT for a
     *     URL this cannot challenge through
     * @throws IOException it cannot be reached
     */
    static JMXConnector connectProved(String url, JMXServiceURL serviceUrl, Map<String, Object> env, PeerCheck proof)
            throws IOException {
        RMIServer stub = lookup(url, serviceUrl);
        proof.check(answer(stub, proof));
        RMIConnector connector = new RMIConnector(stub, env);
        connector.connect(env);
        return connector;
    }

    /** What the server said to the challenge: the message of its refusal; null when it let the challenge in. */
    private static String answer(RMIServer stub, PeerCheck proof) throws IOException {
        try {
            RMIConnection accepted = stub.newClient(proof.challenge().jmxCredentials());
            try {
                accepted.close();
            } catch (IOException e) {
                // it took a challenge for credentials: not a Ripple server, and what it keeps open is its business
            }
            return null;
        } catch (SecurityException refused) {
            return refused.getMessage();
        }
    }

    private static RMIServer lookup(String url, JMXServiceURL serviceUrl) throws IOException {
        String path = serviceUrl.getURLPath();
        if (!path.startsWith(JNDI_PREFIX)) {
            throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url
                    + ": between servers without TLS, a JMX URL must name its registry (service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi)",
                    null);
        }
        try {
            // only the JDK's RMI registry factory: the credentials stay out of JNDI, and a host's JVM-wide
            // java.naming.factory.initial (Tomcat's) stays out of the lookup, as in JmxRemoteServer on main
            Hashtable<String, Object> jndi = new Hashtable<>();
            jndi.put(Context.INITIAL_CONTEXT_FACTORY, RMI_REGISTRY_CONTEXT_FACTORY);
            InitialContext context = new InitialContext(jndi);
            try {
                Object found = context.lookup(path.substring(JNDI_PREFIX.length()));
                if (found instanceof RMIServer stub) {
                    return stub;
                }
                throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url
                        + ": no JMX connector in the registry there", null);
            } finally {
                context.close();
            }
        } catch (NamingException e) {
            throw new IOException(e.toString(), e); // as the JDK's own connector reports a failed lookup
        }
    }
}
