package io.ripple.remote;

import io.ripple.management.ClusterClaim;
import io.ripple.management.PeerProof;
import io.ripple.management.ProofAnswer;
import io.ripple.management.ProofChallenge;
import io.ripple.management.SafeText;
import io.ripple.util.MessageId;
import java.util.Optional;

/**
 * One challenge of the caller's side of {@link PeerProof}: a fresh nonce for the user about to authenticate, and the
 * check of the answer: a proof made with that user's key, over this nonce, by the server (role and name) this caller
 * expects at the URL. Only then may the caller send its credentials. A server of the cluster that proves another role
 * or name is refused with the words the identity checks use once connected (ReplicaSync, ReplicaIdentity).
 */
final class PeerCheck {

    /** How a Ripple server that cannot prove anything (an anonymous channel) starts its answer. */
    private static final String UNAVAILABLE = PeerProof.VERSION + " unavailable: ";

    private final String url;
    private final String channel;
    private final Peer expected;
    private final byte[] key;
    private final String ownClusterId;
    private final ProofChallenge challenge;

    /**
     * @param credentials what the caller will send once the server has proved itself; must have a user
     * @param own what the caller says about itself (its cluster id goes into messages); null for nothing
     */
    PeerCheck(String url, String channel, Peer expected, Credentials credentials, ClusterClaim own) {
        this.url = url;
        this.channel = channel;
        this.expected = expected;
        this.key = PeerProof.clusterKey(credentials.user(), credentials.password() == null ? "" : credentials.password());
        this.ownClusterId = own == null ? "" : own.clusterId();
        this.challenge = ProofChallenge.fresh(credentials.user());
    }

    ProofChallenge challenge() {
        return challenge;
    }

    /**
     * Checks what the server answered (null: it answered nothing that could be a proof).
     *
     * @return the proved answer: who the server is
     *
     * @throws RemoteException AUTHENTICATION_FAILED: the answer is no proof, a wrong one, or that of another server
     */
    ProofAnswer check(String answerText) {
        String text = answerText == null ? "" : answerText.strip();
        Optional<ProofAnswer> parsed = ProofAnswer.parse(text);
        if (parsed.isEmpty()) {
            throw notProved(text.startsWith(UNAVAILABLE) ? "it cannot prove anything: "
                    + SafeText.of(text.substring(UNAVAILABLE.length())) : "no proof in its answer");
        }
        ProofAnswer answer = parsed.get();
        byte[] wanted = PeerProof.proof(key, challenge.nonce(), channel, answer.role(), answer.name(), answer.clusterId());
        if (!PeerProof.same(wanted, answer.proof())) {
            // the real server with another password for this user answers so too: say which user, never the password
            throw notProved("wrong proof for user '" + challenge.user() + "': not a server of this cluster, or its password"
                    + " file holds another password for that user than this server's credentials-file");
        }
        if (!expected.matches(answer.role(), answer.name())) {
            // a server of the cluster, relayed or mislisted: it holds the key, but it is not the one this URL names
            throw new PeerMismatchException(MessageId.PEER_MISMATCH.line(mismatch(answer)));
        }
        return answer;
    }

    /** What the identity checks after connecting said of another server before proofs: the same words, earlier. */
    private String mismatch(ProofAnswer answer) {
        String name = SafeText.of(answer.name());
        if (expected.role().equals("master")) {
            return "The server at " + url + " is " + answer.role() + " '" + name + "', not the master '" + expected.name()
                    + "' this replica is configured with.";
        }
        String who = answer.role().equals(expected.role()) ? "'" + name + "'" : answer.role() + " '" + name + "'";
        String theirs = answer.clusterId().isEmpty() ? "of no cluster yet" : "of cluster " + SafeText.of(answer.clusterId());
        String ours = ownClusterId.isEmpty() ? "of this cluster" : "of this cluster (" + ownClusterId + ")";
        return "the server at " + url + " is " + who + " " + theirs + ", not '" + expected.name() + "' " + ours;
    }

    /** The refusal when the server gave no valid proof: {@code reason} says what it gave instead. */
    RemoteException notProved(String reason) {
        return new RemoteException(RemoteException.Kind.AUTHENTICATION_FAILED, MessageId.PEER_NOT_PROVED.line("The server at ") + url
                + " did not prove it is " + expected + " of this cluster (" + reason + "); no credentials were sent", null);
    }
}
