package io.ripple.remote;

import io.ripple.management.ClusterClaim;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Opens connections to other servers with this server's credentials and time-outs; the URL picks the transport:
 * {@code service:jmx:…} for JMX RMI, {@code http(s)://…/jolokia/} for Jolokia.
 *
 * <p>With an {@link SSLContext} (its truststore, and the key presented when a server asks for a client certificate),
 * JMX connections speak TLS from the RMI registry lookup on, and {@code https://} Jolokia URLs use it; without one,
 * JMX is plain and {@code https://} uses the JVM's default trust.
 */
public final class RemoteConnector implements RemoteServers {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Credentials credentials;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final SSLContext tls;
    private final Supplier<ClusterClaim> claim;

    public RemoteConnector(Credentials credentials, Duration connectTimeout, Duration callTimeout) {
        this(credentials, connectTimeout, callTimeout, null);
    }

    /** @param tls the context for TLS connections; null for plain JMX and the default trust on https:// */
    public RemoteConnector(Credentials credentials, Duration connectTimeout, Duration callTimeout, SSLContext tls) {
        this(credentials, connectTimeout, callTimeout, tls, () -> null);
    }

    private RemoteConnector(Credentials credentials, Duration connectTimeout, Duration callTimeout, SSLContext tls,
                            Supplier<ClusterClaim> claim) {
        this.claim = claim;
        this.credentials = credentials;
        this.connectTimeout = connectTimeout;
        this.callTimeout = callTimeout;
        this.tls = tls;
        // RMI reads its time-outs once per JVM: the first connector made before any RMI call sets them, unless the
        // entry point (or the command line) already did.
        JmxRemoteServer.configureTimeouts(callTimeout);
    }

    public RemoteConnector(Credentials credentials) {
        this(credentials, DEFAULT_CONNECT_TIMEOUT, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * This connector, sending with every call the {@link ClusterClaim} that {@code claim} gives when a connection is
     * opened (null: none): how a server tells another which server of which cluster calls it. A connection keeps the
     * claim it was opened with; drop it to send a new one.
     */
    public RemoteConnector claiming(Supplier<ClusterClaim> claim) {
        return new RemoteConnector(credentials, connectTimeout, callTimeout, tls, claim);
    }

    /**
     * @throws RemoteException CANNOT_CONNECT, AUTHENTICATION_FAILED or TIMEOUT, naming the URL and the cause
     */
    @Override
    public RemoteServer open(String url) {
        if (url.startsWith("service:jmx:")) {
            return JmxRemoteServer.open(url, credentials, connectTimeout, callTimeout, tls, claim.get());
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return JolokiaRemoteServer.open(url, credentials, connectTimeout, callTimeout, tls, claim.get());
        }
        throw new IllegalArgumentException("Unsupported URL '" + url + "': expected service:jmx:… or http(s)://…/jolokia/");
    }

    public Credentials credentials() {
        return credentials;
    }
}
