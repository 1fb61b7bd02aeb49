package io.ripple.management;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a caller sends to have a server prove itself ({@link PeerProof}): a nonce and the user whose key to prove
 * with; no password. Over JMX RMI it is the credentials {@code {"ripple-proof-v1", NONCE_HEX, USER}}, which the JMX
 * authenticator answers with a {@link SecurityException} carrying the {@link ProofAnswer}; over Jolokia HTTP it is
 * the query of {@code GET /ripple-proof?nonce=NONCE_HEX&user=USER}.
 *
 * @param nonce {@value PeerProof#NONCE_BYTES} random bytes
 * @param user the user the caller will authenticate as
 */
public record ProofChallenge(byte[] nonce, String user) {

    /** The longest user name a challenge may carry. */
    static final int MAX_USER_CHARS = 128;
    /** The longest query a challenge over HTTP may have. */
    static final int MAX_QUERY_CHARS = 2 * PeerProof.NONCE_BYTES + 3 * MAX_USER_CHARS + 32;
    private static final Pattern USER = Pattern.compile("[\\x21-\\x7e]{1," + MAX_USER_CHARS + "}");
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{" + 2 * PeerProof.NONCE_BYTES + "}");
    private static final HexFormat HEX = HexFormat.of();

    public ProofChallenge {
        if (nonce.length != PeerProof.NONCE_BYTES) {
            throw new IllegalArgumentException("a nonce has " + PeerProof.NONCE_BYTES + " bytes");
        }
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("a user name of 1 to " + MAX_USER_CHARS + " printable characters");
        }
        nonce = nonce.clone();
    }

    /** A new challenge with a fresh nonce. */
    public static ProofChallenge fresh(String user) {
        return new ProofChallenge(PeerProof.newNonce(), user);
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The JMX credentials that carry this challenge. */
    public String[] jmxCredentials() {
        return new String[] {PeerProof.VERSION, HEX.formatHex(nonce), user};
    }

    /**
     * The challenge in JMX credentials, if they are one ({@code String[3]} starting with {@value PeerProof#VERSION}).
     *
     * @throws IllegalArgumentException they start like a challenge but are not a valid one
     */
    static Optional<ProofChallenge> fromJmxCredentials(Object credentials) {
        if (!(credentials instanceof String[] values) || values.length != 3 || !PeerProof.VERSION.equals(values[0])) {
            return Optional.empty();
        }
        return Optional.of(new ProofChallenge(nonce(values[1]), values[2]));
    }

    /** The query of the HTTP challenge: {@code nonce=HEX&user=USER}. */
    public String query() {
        return "nonce=" + HEX.formatHex(nonce) + "&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
    }

    /**
     * The challenge in a raw HTTP query: exactly {@code nonce} and {@code user}, once each, nothing else.
     *
     * @throws IllegalArgumentException anything else
     */
    static ProofChallenge fromQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("expected the query nonce=HEX&user=NAME");
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || values.put(pair.substring(0, eq), decode(pair.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("expected the query nonce=HEX&user=NAME");
            }
        }
        if (values.size() != 2 || !values.containsKey("nonce") || !values.containsKey("user")) {
            throw new IllegalArgumentException("expected the query nonce=HEX&user=NAME");
        }
        return new ProofChallenge(nonce(values.get("nonce")), values.get("user"));
    }

    private static byte[] nonce(String hex) {
        if (hex == null || !NONCE.matcher(hex).matches()) {
            throw new IllegalArgumentException("a nonce is " + 2 * PeerProof.NONCE_BYTES + " lower-case hex digits");
        }
        return HEX.parseHex(hex);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProofChallenge c && java.util.Arrays.equals(nonce, c.nonce) && user.equals(c.user);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(nonce) + user.hashCode();
    }

    @Override
    public String toString() {
        return "ProofChallenge[user=" + user + "]";
    }
}
