package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ripple.management.ClusterClaim;
import io.ripple.management.PeerProof;
import io.ripple.management.ProofAnswer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerCheckTest {

    private static final String URL = "http://127.0.0.1:8778/jolokia/";
    private static final Credentials CLUSTER = new Credentials("ripple", "ripple-secret");
    private static final byte[] KEY = PeerProof.clusterKey("ripple", "ripple-secret");

    private final PeerCheck check = new PeerCheck(URL, PeerProof.JOLOKIA, Peer.master("master"), CLUSTER,
            new ClusterClaim("replica-1", "c-1"));

    private String answer(byte[] key, String channel, String name, String clusterId) {
        return answer(key, channel, "master", name, clusterId);
    }

    private String answer(byte[] key, String channel, String role, String name, String clusterId) {
        return new ProofAnswer(role, name, clusterId, PeerProof.proof(key, check.challenge().nonce(), channel, role, name,
                clusterId)).encode();
    }

    private RemoteException refusal(String answer) {
        RemoteException e = catchThrowableOfType(() -> check.check(answer), RemoteException.class);
        assertThat(e.kind()).isEqualTo(RemoteException.Kind.AUTHENTICATION_FAILED);
        return e;
    }

    @Test
    void theChallengeCarriesTheUserAndNoPassword() {
        assertThat(check.challenge().user()).isEqualTo("ripple");
        assertThat(check.challenge().query()).doesNotContain("ripple-secret");
        assertThat(check.challenge().jmxCredentials()).doesNotContain("ripple-secret");
    }

    @Test
    void theExpectedServerWithTheKeyPasses() {
        assertThatCode(() -> check.check(answer(KEY, PeerProof.JOLOKIA, "master", "c-1") + "\n")).doesNotThrowAnyException();
    }

    @Test
    void aServerWithoutTheKeyIsRefused() {
        assertThat(refusal(answer(PeerProof.clusterKey("ripple", "guess"), PeerProof.JOLOKIA, "master", "c-1")).getMessage())
                .isEqualTo("RPL4010E The server at " + URL + " did not prove it is master 'master' of this cluster (wrong proof"
                        + " for user 'ripple': not a server of this cluster, or its password file holds another password for"
                        + " that user than this server's credentials-file); no credentials were sent");
    }

    @Test
    void aProofForAnotherChannelOrNonceIsRefused() {
        assertThat(refusal(answer(KEY, PeerProof.JMX, "master", "c-1")).getMessage()).contains("(wrong proof for user 'ripple': ");
        PeerCheck earlier = new PeerCheck(URL, PeerProof.JOLOKIA, Peer.master("master"), CLUSTER, null);
        String replayed = new ProofAnswer("master", "master", "c-1",
                PeerProof.proof(KEY, earlier.challenge().nonce(), PeerProof.JOLOKIA, "master", "master", "c-1")).encode();
        assertThat(refusal(replayed).getMessage()).contains("(wrong proof for user 'ripple': ");
    }

    @Test
    void anotherServerOfTheClusterIsNotTheOneExpected() {
        // the words of the replica's identity check once connected (ReplicaSync), said before any credentials go
        assertThat(refusal(answer(KEY, PeerProof.JOLOKIA, "replica", "replica-2", "c-1")).getMessage())
                .isEqualTo("RPL4011E The server at " + URL + " is replica 'replica-2', not the master 'master' this replica is"
                        + " configured with.");
        assertThat(refusal(answer(KEY, PeerProof.JOLOKIA, "master", "other", "c-1")).getMessage())
                .isEqualTo("RPL4011E The server at " + URL + " is master 'other', not the master 'master' this replica is configured with.");
    }

    @Test
    void anotherServerThanAReplicaLineNamesIsNotAskedForAnything() {
        // the words of the master's identity check once connected (ReplicaIdentity), said before any credentials go
        PeerCheck master = new PeerCheck(URL, PeerProof.JMX, Peer.replica("replica-9"), CLUSTER, new ClusterClaim("master", "a"));
        String answer = new ProofAnswer("replica", "replica-1", "b", PeerProof.proof(KEY, master.challenge().nonce(),
                PeerProof.JMX, "replica", "replica-1", "b")).encode();
        RemoteException e = catchThrowableOfType(() -> master.check(answer), RemoteException.class);
        assertThat(e.getMessage()).isEqualTo("RPL4011E the server at " + URL + " is 'replica-1' of cluster b, not 'replica-9' of this"
                + " cluster (a)");
        String itself = new ProofAnswer("master", "master", "a", PeerProof.proof(KEY, master.challenge().nonce(),
                PeerProof.JMX, "master", "master", "a")).encode();
        assertThat(catchThrowableOfType(() -> master.check(itself), RemoteException.class).getMessage())
                .isEqualTo("RPL4011E the server at " + URL + " is master 'master' of cluster a, not 'replica-9' of this cluster (a)");
    }

    @Test
    void noAnswerAndAnAnonymousServerAreRefused() {
        assertThat(refusal(null).getMessage()).isEqualTo("RPL4010E The server at " + URL + " did not prove it is master 'master' of"
                + " this cluster (no proof in its answer); no credentials were sent");
        assertThat(refusal("{\"status\":200}").getMessage()).contains("(no proof in its answer)");
        assertThat(refusal("ripple-proof-v1 unavailable: this jmx endpoint has no password file (authenticate = no)\n")
                .getMessage()).contains("(it cannot prove anything: this jmx endpoint has no password file (authenticate = no))");
        assertThat(refusal("ripple-proof-v1 unavailable: \u001b[2Jforged\nline").getMessage()).doesNotContain("\n", "\u001b");
    }

    @Test
    void aProvingConnectorSendsNothingToAnUnknownUrl() {
        RemoteConnector connector = new RemoteConnector(CLUSTER, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .proving(Map.of("http://127.0.0.1:1/jolokia/", Peer.master("master"))::get);
        RemoteException e = catchThrowableOfType(() -> connector.open(URL), RemoteException.class);
        assertThat(e.kind()).isEqualTo(RemoteException.Kind.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).isEqualTo("No credentials were sent to " + URL
                + ": it is neither this server's master-url nor one of its replica lines");
    }
}
