package io.ripple.management;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's answer to a {@link ProofChallenge}, one line on the wire:
 * {@code ripple-proof-v1 role=ROLE name=NAME cluster=ID proof=HEX} (name and id percent-encoded).
 *
 * @param role the answering server's role: {@code master} or {@code replica}
 * @param name the answering server's name
 * @param clusterId its cluster id; empty for a replica that has none yet
 * @param proof {@link PeerProof#proof} over the challenge's nonce, the channel, {@code name} and {@code clusterId}
 */
public record ProofAnswer(String role, String name, String clusterId, byte[] proof) {

    /** The longest line that can be an answer; a longer one is not read as one. */
    public static final int MAX_CHARS = 1024;
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern LINE = Pattern.compile(Pattern.quote(PeerProof.VERSION)
            + " role=(master|replica) name=([^ ]{1,400}) cluster=([^ ]{0,400}) proof=([0-9a-f]{64})");
    private static final Pattern NO_CONTROLS = Pattern.compile("[^\\p{Cntrl}\\u2028\\u2029]*");

    public ProofAnswer {
        proof = proof.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    /** The line on the wire. */
    public String encode() {
        return PeerProof.VERSION + " role=" + role + " name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + " cluster=" + URLEncoder.encode(clusterId, StandardCharsets.UTF_8) + " proof=" + HEX.formatHex(proof);
    }

    /** The answer in {@code text}, if it is one: the whole text, at most {@value #MAX_CHARS} characters. */
    public static Optional<ProofAnswer> parse(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            String name = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            String clusterId = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
            // a name or id with control characters would forge lines in the caller's log: not an answer of a Ripple server
            if (!NO_CONTROLS.matcher(name).matches() || !NO_CONTROLS.matcher(clusterId).matches()) {
                return Optional.empty();
            }
            return Optional.of(new ProofAnswer(m.group(1), name, clusterId, HEX.parseHex(m.group(4))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProofAnswer a && role.equals(a.role) && name.equals(a.name) && clusterId.equals(a.clusterId)
                && java.util.Arrays.equals(proof, a.proof);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(role, name, clusterId) * 31 + java.util.Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        return encode();
    }
}
