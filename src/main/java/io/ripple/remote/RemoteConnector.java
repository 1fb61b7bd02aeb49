package io.ripple.remote;

import io.ripple.management.ClusterClaim;
import io.ripple.management.PeerProof;
import io.ripple.management.ProofAnswer;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Opens connections to other servers with this server's credentials and time-outs; the URL picks the transport:
 * {@code service:jmx:…} for JMX RMI, {@code http(s)://…/jolokia/} for Jolokia.
 *
 * <p>With an {@link SSLContext} (its truststore, and the key presented when a server asks for a client certificate),
 * JMX connections speak TLS from the RMI registry lookup on, and {@code https://} Jolokia URLs use it; without one,
 * JMX is plain and {@code https://} uses the JVM's default trust.
 *
 * <p>A connector {@link #proving proving} its peers sends reusable credentials only to a server that proved itself:
 * over TLS (JMX with an {@link SSLContext}, {@code https://}) the certificate check is that proof; otherwise the server
 * first answers a challenge ({@link PeerProof}) as the server this connector expects at the URL. Over plain
 * {@code http://} the password is then not sent at all: each request is signed for the proved server
 * ({@link io.ripple.management.RequestMac}), since the HTTP client may send it on a connection opened after the proof.
 */
public final class RemoteConnector implements RemoteServers {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Credentials credentials;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final SSLContext tls;
    private final Supplier<ClusterClaim> claim;
    private final Function<String, Peer> peers;
    private volatile HttpProof httpProof;

    public RemoteConnector(Credentials credentials, Duration connectTimeout, Duration callTimeout) {
        this(credentials, connectTimeout, callTimeout, null);
    }

    /** @param tls the context for TLS connections; null for plain JMX and the default trust on https:// */
    public RemoteConnector(Credentials credentials, Duration connectTimeout, Duration callTimeout, SSLContext tls) {
        this(credentials, connectTimeout, callTimeout, tls, () -> null, null);
    }

    private RemoteConnector(Credentials credentials, Duration connectTimeout, Duration callTimeout, SSLContext tls,
                            Supplier<ClusterClaim> claim, Function<String, Peer> peers) {
        this.claim = claim;
        this.peers = peers;
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
        return new RemoteConnector(credentials, connectTimeout, callTimeout, tls, claim, peers);
    }

    /**
     * This connector, sending its credentials only to a server that proved it is the one {@code peers} names for the
     * URL (a server's master, or its replicas). Without TLS the server first answers a challenge; a URL that
     * {@code peers} does not know (null) gets no credentials. Administrators' tools do not prove: their user checks the
     * server they type.
     */
    public RemoteConnector proving(Function<String, Peer> peers) {
        return new RemoteConnector(credentials, connectTimeout, callTimeout, tls, claim, peers);
    }

    /**
     * @throws RemoteException CANNOT_CONNECT, AUTHENTICATION_FAILED or TIMEOUT, naming the URL and the cause
     */
    @Override
    public RemoteServer open(String url) {
        ClusterClaim own = claim.get();
        if (url.startsWith("service:jmx:")) {
            PeerCheck proof = tls == null ? challenge(url, PeerProof.JMX, own) : null;
            return JmxRemoteServer.open(url, credentials, connectTimeout, callTimeout, tls, own, proof);
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            PeerCheck proof = url.regionMatches(true, 0, "https://", 0, 8) ? null : challenge(url, PeerProof.JOLOKIA, own);
            if (proof == null) {
                return JolokiaRemoteServer.open(url, credentials, connectTimeout, callTimeout, tls, own);
            }
            ProofAnswer proved = httpProof().prove(url, proof);
            // a server of no cluster yet takes this one's id from its master, and checks signatures with it
            String clusterId = proved.clusterId().isEmpty() && own != null ? own.clusterId() : proved.clusterId();
            return JolokiaRemoteServer.open(url, credentials, connectTimeout, callTimeout, tls, own,
                    new RequestSigner(credentials, proved.name(), clusterId, own == null ? "" : own.termText()));
        }
        throw new IllegalArgumentException("Unsupported URL '" + url + "': expected service:jmx:… or http(s)://…/jolokia/");
    }

    /** The challenge the server at {@code url} must answer before it gets credentials; null when it need not. */
    private PeerCheck challenge(String url, String channel, ClusterClaim own) {
        if (peers == null || credentials.user() == null) {
            return null; // an administrator's tool, or nothing reusable to send
        }
        Peer expected = peers.apply(url);
        if (expected == null) {
            throw new RemoteException(RemoteException.Kind.AUTHENTICATION_FAILED, "No credentials were sent to " + url
                    + ": it is neither this server's master-url nor one of its replica lines", null);
        }
        return new PeerCheck(url, channel, expected, credentials, own);
    }

    private HttpProof httpProof() {
        HttpProof proof = httpProof;
        if (proof == null) {
            synchronized (this) {
                if (httpProof == null) {
                    httpProof = new HttpProof(connectTimeout, callTimeout);
                }
                proof = httpProof;
            }
        }
        return proof;
    }

    public Credentials credentials() {
        return credentials;
    }
}
