package io.ripple.management;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one Ripple server signs each Jolokia request to another over plain HTTP, instead of sending its password: the
 * header {@code Authorization: Ripple-HMAC user=U, ts=MILLIS, nonce=HEX, mac=HEX} with
 * {@code mac = HMAC-SHA256(k, "ripple-request-v1" | method | path and query | SHA-256(body) | ts | nonce |
 * the called server's name | its cluster id [| "term" | the caller's term])}, every field with its length ({@link PeerProof#macOf}), and {@code k} the
 * key both sides derive from the cluster account ({@link PeerProof#clusterKey}). A captured header is good only for
 * that same request to that same server, once, within {@link #MAX_SKEW} of its time stamp: nothing a squatter records
 * can be used for another request.
 */
public final class RequestMac {

    /** The scheme of the {@code Authorization} header. */
    public static final String SCHEME = "Ripple-HMAC";
    /** Names the message on the wire; a new message gets a new name. */
    public static final String VERSION = "ripple-request-v1";
    /** How far a request's time stamp may be from the called server's clock, either way. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(2);
    /** Names the term's field in the mac of a request that claims one. */
    static final String TERM_FIELD = "term";
    /** The length of a request's nonce. */
    public static final int NONCE_BYTES = 16;

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HEADER = Pattern.compile(SCHEME + " user=([\\x21-\\x2b\\x2d-\\x7e]{1,"
            + ProofChallenge.MAX_USER_CHARS + "}), ts=(\\d{1,18}), nonce=([0-9a-f]{" + 2 * NONCE_BYTES
            + "}), mac=([0-9a-f]{64})");

    private RequestMac() {
    }

    /** One signed request as its header gives it. */
    record Signed(String user, long timestamp, byte[] nonce, byte[] mac) {
    }

    /**
     * The mac of one request.
     *
     * @param target the request's path and query as sent ({@code /jolokia/?x=y}, raw, not decoded)
     * @param server the name of the server it is sent to
     * @param clusterId that server's cluster id
     */
    public static byte[] mac(byte[] key, String method, String target, byte[] body, long timestamp, byte[] nonce,
                             String server, String clusterId) {
        return mac(key, method, target, body, timestamp, nonce, server, clusterId, "");
    }

    /**
     * As {@link #mac(byte[], String, String, byte[], long, byte[], String, String)}, for a caller that claims a master's
     * term ({@value ClusterClaim#TERM_HEADER}, as sent): the term is signed too, as one more field, so that nobody on
     * the way can add, change or remove it. Without a term the mac is the one above.
     */
    public static byte[] mac(byte[] key, String method, String target, byte[] body, long timestamp, byte[] nonce,
                             String server, String clusterId, String term) {
        if (term == null || term.isEmpty()) {
            return PeerProof.macOf(key, PeerProof.bytes(VERSION), PeerProof.bytes(method), PeerProof.bytes(target),
                    sha256(body), PeerProof.bytes(Long.toString(timestamp)), nonce, PeerProof.bytes(server),
                    PeerProof.bytes(clusterId));
        }
        return PeerProof.macOf(key, PeerProof.bytes(VERSION), PeerProof.bytes(method), PeerProof.bytes(target),
                sha256(body), PeerProof.bytes(Long.toString(timestamp)), nonce, PeerProof.bytes(server),
                PeerProof.bytes(clusterId), PeerProof.bytes(TERM_FIELD), PeerProof.bytes(term));
    }

    /** The {@code Authorization} header value of one request, signed now with a fresh nonce. */
    public static String authorization(String user, byte[] key, String method, String target, byte[] body,
                                       long timestamp, String server, String clusterId) {
        return authorization(user, key, method, target, body, timestamp, server, clusterId, "");
    }

    /** As above, signing the caller's term too (empty: none). */
    public static String authorization(String user, byte[] key, String method, String target, byte[] body,
                                       long timestamp, String server, String clusterId, String term) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] mac = mac(key, method, target, body, timestamp, nonce, server, clusterId, term);
        return SCHEME + " user=" + user + ", ts=" + timestamp + ", nonce=" + HEX.formatHex(nonce) + ", mac="
                + HEX.formatHex(mac);
    }

    /** Whether {@code user} can be named in the header: printable ASCII without a comma, as in a password file. */
    public static boolean canSignAs(String user) {
        return user != null && HEADER.matcher(SCHEME + " user=" + user + ", ts=0, nonce=" + "0".repeat(2 * NONCE_BYTES)
                + ", mac=" + "0".repeat(64)).matches();
    }

    /** Whether an {@code Authorization} header value is of this scheme (it may still be malformed). */
    static boolean isOfScheme(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1);
    }

    /** The parts of a header value; empty when it is not exactly of this scheme's form. */
    static Optional<Signed> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = HEADER.matcher(authorization.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Signed(m.group(1), Long.parseLong(m.group(2)), HEX.parseHex(m.group(3)),
                HEX.parseHex(m.group(4))));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

}
