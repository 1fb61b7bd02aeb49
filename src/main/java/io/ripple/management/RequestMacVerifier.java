package io.ripple.management;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The called server's side of {@link RequestMac}: a signed request is accepted when its time stamp is within
 * {@link RequestMac#MAX_SKEW} of this server's clock, its mac is that of this very request (method, path and query,
 * the body received, the term the caller claims) to this server (its name and cluster id) with the key of the user it names, and its nonce was not
 * seen before in that window.
 */
final class RequestMacVerifier {

    private final PasswordFile passwords;
    private final Supplier<ClusterClaim> self;
    private final LongSupplier clock;
    private final ReplayCache nonces;

    /**
     * @param self this server's name and cluster id, read at every request; null while it does not know them yet
     */
    RequestMacVerifier(PasswordFile passwords, Supplier<ClusterClaim> self, LongSupplier clock, ReplayCache nonces) {
        this.passwords = passwords;
        this.self = self;
        this.clock = clock;
        this.nonces = nonces;
    }

    /** What was decided about one request: the user it is signed by, or why it is refused. */
    record Verdict(String user, String refusal) {
        static Verdict refused(String user, String reason) {
            return new Verdict(user, reason);
        }

        boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * Checks one request.
     *
     * @param target its raw path and query
     * @param callerClusterId the cluster id the caller claims ({@value ClusterClaim#CLUSTER_HEADER}); used only by a
     *     server that has no cluster id yet, which takes its first one from its master
     */
    Verdict verify(String method, String target, byte[] body, String authorization, String callerClusterId) {
        return verify(method, target, body, authorization, callerClusterId, null);
    }

    /**
     * As {@link #verify(String, String, byte[], String, String)}, with the term the caller claims
     * ({@value ClusterClaim#TERM_HEADER} as received; null or empty for none), which its mac must cover.
     */
    Verdict verify(String method, String target, byte[] body, String authorization, String callerClusterId,
                   String callerTerm) {
        Optional<RequestMac.Signed> parsed = RequestMac.parse(authorization);
        if (parsed.isEmpty()) {
            return Verdict.refused(null, "malformed " + RequestMac.SCHEME + " header");
        }
        RequestMac.Signed signed = parsed.get();
        long now = clock.getAsLong();
        long skew = RequestMac.MAX_SKEW.toMillis();
        if (Math.abs(now - signed.timestamp()) > skew) {
            return Verdict.refused(signed.user(), "its time stamp is " + (signed.timestamp() - now)
                    + " ms from this server's clock (at most " + skew + " either way): check both clocks");
        }
        ClusterClaim me = self.get();
        if (me == null) {
            return Verdict.refused(signed.user(), "this server is starting");
        }
        String clusterId = me.clusterId().isEmpty() && callerClusterId != null ? callerClusterId : me.clusterId();
        byte[] wanted = RequestMac.mac(passwords.clusterKey(signed.user()), method, target, body, signed.timestamp(),
                signed.nonce(), me.caller(), clusterId, callerTerm == null ? "" : callerTerm);
        if (!PeerProof.same(wanted, signed.mac())) {
            return Verdict.refused(signed.user(), "wrong mac: signed for another request, body or server, or with"
                    + " another password than this server's password file holds for that user");
        }
        return switch (nonces.firstUse(signed.nonce(), signed.timestamp() + skew, now)) {
            case FIRST -> new Verdict(signed.user(), null);
            case REPLAY -> Verdict.refused(signed.user(), "its nonce was used before (a replayed request)");
            case FULL -> Verdict.refused(signed.user(), "too many signed requests in " + RequestMac.MAX_SKEW.toMinutes()
                    + " minutes");
        };
    }
}
