package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerProofTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NONCE = HEX.parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    private static byte[] hmac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static byte[] field(String text) {
        return field(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] field(byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }

    @Nested
    class Computation {

        @Test
        void theKeyIsAnHmacOfTheUserUnderThePassword() throws Exception {
            assertThat(PeerProof.clusterKey("ripple", "ripple-secret")).isEqualTo(
                    hmac("ripple-secret".getBytes(StandardCharsets.UTF_8), "ripple-cluster-key|ripple".getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void theProofIsAnHmacOfEveryFieldWithItsLength() throws Exception {
            byte[] key = PeerProof.clusterKey("ripple", "ripple-secret");
            ByteBuffer message = ByteBuffer.allocate(200);
            for (byte[] f : new byte[][] {field("ripple-proof-v1"), field(NONCE), field("jmx"), field("master"), field("master"),
                    field("c-1")}) {
                message.put(f);
            }
            byte[] expected = hmac(key, java.util.Arrays.copyOf(message.array(), message.position()));
            assertThat(PeerProof.proof(key, NONCE, "jmx", "master", "master", "c-1")).isEqualTo(expected);
        }

        @Test
        void aKnownVectorStaysTheSame() {
            // the wire format between servers of different builds: a change here is a new scheme, not a fix
            byte[] proof = PeerProof.proof(PeerProof.clusterKey("ripple", "ripple-secret"), NONCE, "jolokia", "master", "master",
                    "c-1");
            assertThat(HEX.formatHex(proof)).isEqualTo("3b8034932d63069b734df4c203d12e2f42ee1d6b64ce6d0c8e02b1dc7e74885d");
        }

        @Test
        void everyFieldIsBound() {
            byte[] key = PeerProof.clusterKey("ripple", "ripple-secret");
            byte[] proof = PeerProof.proof(key, NONCE, "jmx", "master", "master", "c-1");
            byte[] otherNonce = NONCE.clone();
            otherNonce[31] ^= 1;
            assertThat(PeerProof.proof(key, otherNonce, "jmx", "master", "master", "c-1")).isNotEqualTo(proof);
            assertThat(PeerProof.proof(key, NONCE, "jolokia", "master", "master", "c-1")).as("channel").isNotEqualTo(proof);
            assertThat(PeerProof.proof(key, NONCE, "jmx", "master", "replica-1", "c-1")).as("name").isNotEqualTo(proof);
            assertThat(PeerProof.proof(key, NONCE, "jmx", "replica", "master", "c-1")).as("role").isNotEqualTo(proof);
            assertThat(PeerProof.proof(key, NONCE, "jmx", "master", "master", "c-2")).as("cluster").isNotEqualTo(proof);
            assertThat(PeerProof.proof(PeerProof.clusterKey("ripple", "other"), NONCE, "jmx", "master", "master", "c-1"))
                    .as("password").isNotEqualTo(proof);
            assertThat(PeerProof.proof(PeerProof.clusterKey("admin", "ripple-secret"), NONCE, "jmx", "master", "master", "c-1"))
                    .as("user").isNotEqualTo(proof);
            assertThat(PeerProof.proof(key, NONCE, "jmx", "master", "masterc", "-1")).as("where one field ends")
                    .isNotEqualTo(PeerProof.proof(key, NONCE, "jmx", "master", "master", "c-1"));
        }

        @Test
        void anEmptyPasswordStillGivesAKey() {
            assertThat(PeerProof.clusterKey("ripple", "")).hasSize(32)
                    .isNotEqualTo(PeerProof.clusterKey("ripple", "x"));
        }

        @Test
        void noncesAreFreshAndFull() {
            assertThat(PeerProof.newNonce()).hasSize(PeerProof.NONCE_BYTES).isNotEqualTo(PeerProof.newNonce());
        }

        @Test
        void comparisonIsExact() {
            byte[] proof = PeerProof.proof(PeerProof.clusterKey("u", "p"), NONCE, "jmx", "master", "m", "");
            byte[] flipped = proof.clone();
            flipped[0] ^= 1;
            assertThat(PeerProof.same(proof, proof.clone())).isTrue();
            assertThat(PeerProof.same(proof, flipped)).isFalse();
            assertThat(PeerProof.same(proof, java.util.Arrays.copyOf(proof, 31))).isFalse();
        }
    }

    @Nested
    class Challenges {

        @Test
        void overJmxTheyAreThreeStrings() {
            ProofChallenge challenge = new ProofChallenge(NONCE, "ripple");
            String[] credentials = challenge.jmxCredentials();
            assertThat(credentials).containsExactly("ripple-proof-v1", HEX.formatHex(NONCE), "ripple");
            assertThat(ProofChallenge.fromJmxCredentials(credentials)).contains(challenge);
        }

        @Test
        void credentialsOfUsersAreNoChallenge() {
            assertThat(ProofChallenge.fromJmxCredentials(new String[] {"ripple", "ripple-secret"})).isEmpty();
            assertThat(ProofChallenge.fromJmxCredentials(new String[] {"ripple", "ripple-secret", "c-1", "master"})).isEmpty();
            assertThat(ProofChallenge.fromJmxCredentials(new String[] {"ripple", "x", "y"})).isEmpty();
            assertThat(ProofChallenge.fromJmxCredentials(null)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "00", "XYZ", "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"})
        void aBadNonceIsRefused(String nonce) {
            assertThatThrownBy(() -> ProofChallenge.fromJmxCredentials(new String[] {"ripple-proof-v1", nonce, "ripple"}))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void overHttpTheyAreAQuery() {
            ProofChallenge challenge = new ProofChallenge(NONCE, "r&i=p%le");
            assertThat(challenge.query()).isEqualTo("nonce=" + HEX.formatHex(NONCE) + "&user=r%26i%3Dp%25le");
            assertThat(ProofChallenge.fromQuery(challenge.query())).isEqualTo(challenge);
            assertThat(ProofChallenge.fromQuery("user=ripple&nonce=" + HEX.formatHex(NONCE)))
                    .isEqualTo(new ProofChallenge(NONCE, "ripple"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "nonce=", "user=ripple", "nonce=%s", "nonce=%s&user=ripple&x=1", "nonce=%s&user=a&user=b",
                "nonce=%s&user=", "nonce=%s&user=a%%20b", "nonce=%s&&user=ripple", "nonce=%s&user=ripple&"})
        void anyOtherQueryIsRefused(String query) {
            String raw = query.formatted(HEX.formatHex(NONCE));
            assertThatThrownBy(() -> ProofChallenge.fromQuery(raw)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aLongQueryIsRefusedBeforeItIsRead() {
            assertThatThrownBy(() -> ProofChallenge.fromQuery("nonce=" + HEX.formatHex(NONCE) + "&user=" + "u".repeat(5000)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Answers {

        private final byte[] proof = PeerProof.proof(PeerProof.clusterKey("u", "p"), NONCE, "jmx", "master", "master", "c-1");

        @Test
        void theyAreOneLine() {
            ProofAnswer answer = new ProofAnswer("master", "master", "c-1", proof);
            assertThat(answer.encode()).isEqualTo("ripple-proof-v1 role=master name=master cluster=c-1 proof=" + HEX.formatHex(proof));
            assertThat(ProofAnswer.parse(answer.encode())).contains(answer);
            assertThat(ProofAnswer.parse(answer.encode() + "\n")).contains(answer);
            ProofAnswer unpinned = new ProofAnswer("replica", "replica one", "", proof);
            assertThat(ProofAnswer.parse(unpinned.encode())).contains(unpinned);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "ripple-proof-v1", "ripple-proof-v2 role=master name=m cluster=c proof=%s",
                "ripple-proof-v1 name=m cluster=c proof=%s", "ripple-proof-v1 role=admin name=m cluster=c proof=%s",
                "ripple-proof-v1 role=master name= cluster=c proof=%s", "ripple-proof-v1 role=master name=m cluster=c proof=00",
                "ripple-proof-v1 role=master name=m cluster=c proof=%s extra",
                "ripple-proof-v1 role=master name=m%%0Aforged cluster=c proof=%s",
                "ripple-proof-v1 role=master name=m%%zz cluster=c proof=%s", "ripple-proof-v1 unavailable: this server is starting"})
        void anythingElseIsNoAnswer(String text) {
            assertThat(ProofAnswer.parse(text.formatted(HEX.formatHex(proof)))).isEmpty();
        }

        @Test
        void aLongTextIsNoAnswer() {
            assertThat(ProofAnswer.parse("x".repeat(ProofAnswer.MAX_CHARS + 1))).isEmpty();
        }
    }

    @Nested
    class Responder {

        @TempDir
        Path dir;

        private ProofResponder responder() throws Exception {
            ProofResponder responder = new ProofResponder(PasswordFile.load(TestFiles.passwordFile(dir)), PeerProof.JMX);
            responder.answerAs("master", () -> new ClusterClaim("master", "c-1"));
            return responder;
        }

        @Test
        void itProvesWithTheKeyOfTheUserFromThePasswordFile() throws Exception {
            ProofAnswer answer = ProofAnswer.parse(responder().answer(new ProofChallenge(NONCE, "ripple"))).orElseThrow();
            assertThat(answer.role()).isEqualTo("master");
            assertThat(answer.name()).isEqualTo("master");
            assertThat(answer.clusterId()).isEqualTo("c-1");
            assertThat(answer.proof()).isEqualTo(
                    PeerProof.proof(PeerProof.clusterKey("ripple", "ripple-secret"), NONCE, "jmx", "master", "master", "c-1"));
        }

        @Test
        void anUnknownUserGetsAnAnswerThatProvesNothing() throws Exception {
            ProofResponder responder = responder();
            ProofAnswer answer = ProofAnswer.parse(responder.answer(new ProofChallenge(NONCE, "nobody"))).orElseThrow();
            assertThat(answer.proof()).isNotEqualTo(PeerProof.proof(PeerProof.clusterKey("nobody", ""), NONCE, "jmx", "master", "master", "c-1"))
                    .as("the same for every ask, so that it looks like a known user's")
                    .isEqualTo(ProofAnswer.parse(responder.answer(new ProofChallenge(NONCE, "nobody"))).orElseThrow().proof());
        }

        @Test
        void anAnonymousChannelCannotProve() {
            ProofResponder anonymous = new ProofResponder(null, PeerProof.JOLOKIA);
            anonymous.answerAs("master", () -> new ClusterClaim("master", "c-1"));
            assertThat(anonymous.answer(new ProofChallenge(NONCE, "ripple")))
                    .isEqualTo("ripple-proof-v1 unavailable: this jolokia endpoint has no password file (authenticate = no)");
        }

        @Test
        void aServerThatDoesNotKnowItsNameYetCannotProve() throws Exception {
            ProofResponder starting = new ProofResponder(PasswordFile.load(TestFiles.passwordFile(dir)), PeerProof.JMX);
            assertThat(starting.answer(new ProofChallenge(NONCE, "ripple"))).isEqualTo("ripple-proof-v1 unavailable: this server is starting");
        }
    }
}
