package io.ripple.remote;

import io.ripple.management.PeerProof;
import io.ripple.management.RequestMac;

/**
 * Signs this server's Jolokia requests to one proved server ({@link RequestMac}): the user of this server's
 * credentials, the key derived from them, the name and cluster id the server proved, and this server's term if it is
 * a master. Holds the key, never the password.
 */
final class RequestSigner {

    private final String user;
    private final byte[] key;
    private final String server;
    private final String clusterId;
    private final String term;

    /**
     * @param server the name the called server proved
     * @param clusterId the cluster id it proved; or, for a server of no cluster yet (which takes its master's), the
     *     caller's own
     */
    RequestSigner(Credentials credentials, String server, String clusterId) {
        this(credentials, server, clusterId, "");
    }

    /** @param term the term this server claims on every request, as its header sends it; empty for none */
    RequestSigner(Credentials credentials, String server, String clusterId, String term) {
        this.user = credentials.user();
        this.key = PeerProof.clusterKey(credentials.user(), credentials.password() == null ? "" : credentials.password());
        this.server = server;
        this.clusterId = clusterId;
        this.term = term == null ? "" : term;
    }

    /** The {@code Authorization} header value of one request, signed now. */
    String authorization(String method, String target, byte[] body) {
        return RequestMac.authorization(user, key, method, target, body, System.currentTimeMillis(), server, clusterId,
                term);
    }

    @Override
    public String toString() {
        return "RequestSigner[" + user + " for " + server + "]";
    }
}
