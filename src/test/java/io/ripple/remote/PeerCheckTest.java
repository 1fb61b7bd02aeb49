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
        return new ProofAnswer(name, clusterId, PeerProof.proof(key, check.challenge().nonce(), channel, name, clusterId)).encode();
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
                .isEqualTo("The server at " + URL + " did not prove it is master 'master' of this cluster (wrong proof);"
                        + " no credentials were sent");
    }

    @Test
    void aProofForAnotherChannelOrNonceIsRefused() {
        assertThat(refusal(answer(KEY, PeerProof.JMX, "master", "c-1")).getMessage()).contains("(wrong proof)");
        PeerCheck earlier = new PeerCheck(URL, PeerProof.JOLOKIA, Peer.master("master"), CLUSTER, null);
        String replayed = new ProofAnswer("master", "c-1",
                PeerProof.proof(KEY, earlier.challenge().nonce(), PeerProof.JOLOKIA, "master", "c-1")).encode();
        assertThat(refusal(replayed).getMessage()).contains("(wrong proof)");
    }

    @Test
    void anotherServerOfTheClusterIsNotTheOneExpected() {
        assertThat(refusal(answer(KEY, PeerProof.JOLOKIA, "replica-2", "c-1")).getMessage())
                .isEqualTo("The server at " + URL + " proved it is 'replica-2' of cluster c-1, not master 'master' of this"
                        + " cluster (c-1); no credentials were sent");
    }

    @Test
    void noAnswerAndAnAnonymousServerAreRefused() {
        assertThat(refusal(null).getMessage()).isEqualTo("The server at " + URL + " did not prove it is master 'master' of"
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
