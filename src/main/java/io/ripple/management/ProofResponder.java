package io.ripple.management;

import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answering side of {@link PeerProof} on one channel: proves this server's name and cluster id with the key of the
 * user a caller names, from the channel's {@link PasswordFile}. A channel without one (anonymous) cannot prove
 * anything and says so; so does one that does not know yet which server it is.
 */
final class ProofResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ProofResponder.class);
    /** The start of every answer that is not a proof. */
    static final String UNAVAILABLE = PeerProof.VERSION + " unavailable: ";

    private final PasswordFile passwords;
    private final String channel;
    private volatile Supplier<ClusterClaim> self = () -> null;
    private volatile String role = "";

    /** @param passwords the channel's password file; null for an anonymous channel */
    ProofResponder(PasswordFile passwords, String channel) {
        this.passwords = passwords;
        this.channel = channel;
    }

    /**
     * Answers as the {@code role} ({@code master} or {@code replica}) that {@code self} gives (name and cluster id,
     * read at every challenge; null: not yet known).
     */
    void answerAs(String role, Supplier<ClusterClaim> self) {
        this.role = Objects.requireNonNull(role);
        this.self = Objects.requireNonNull(self);
    }

    /** This server's name and cluster id as it proves them; null while it does not know them. */
    ClusterClaim self() {
        return self.get();
    }

    /** The answer to {@code challenge}: a {@link ProofAnswer} line, or a line starting {@value #UNAVAILABLE}. */
    String answer(ProofChallenge challenge) {
        if (passwords == null) {
            return UNAVAILABLE + "this " + channel + " endpoint has no password file (authenticate = no)";
        }
        ClusterClaim me = self.get();
        if (me == null) {
            return UNAVAILABLE + "this server is starting";
        }
        String as = role;
        byte[] proof = PeerProof.proof(passwords.clusterKey(challenge.user()), challenge.nonce(), channel, as, me.caller(),
                me.clusterId());
        LOG.debug("Proved {} over {} for a caller that will sign in as '{}'", me.caller(), channel,
                SafeText.of(challenge.user()));
        return new ProofAnswer(as, me.caller(), me.clusterId(), proof).encode();
    }
}
