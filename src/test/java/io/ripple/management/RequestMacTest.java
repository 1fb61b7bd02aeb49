package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestMacTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = PeerProof.clusterKey("ripple", "ripple-secret");
    private static final String TARGET = "/jolokia/?ignoreErrors=true";
    private static final byte[] BODY = "{\"type\":\"version\"}".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_800_000_000_000L;

    private static byte[] field(byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }

    private static byte[] field(String text) {
        return field(text.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class Computation {

        @Test
        void isTheHmacOfTheLengthPrefixedFieldsWithTheClusterKey() throws Exception {
            byte[] nonce = HEX.parseHex("00112233445566778899aabbccddeeff");
            ByteBuffer message = ByteBuffer.allocate(1024);
            message.put(field("ripple-request-v1")).put(field("POST")).put(field(TARGET))
                    .put(field(MessageDigest.getInstance("SHA-256").digest(BODY))).put(field(Long.toString(NOW)))
                    .put(field(nonce)).put(field("master")).put(field("c-1"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] expected = mac.doFinal(java.util.Arrays.copyOf(message.array(), message.position()));

            assertThat(RequestMac.mac(KEY, "POST", TARGET, BODY, NOW, nonce, "master", "c-1")).isEqualTo(expected);
        }

        @Test
        void theHeaderNamesUserTimeNonceAndMacAndParsesBack() {
            String header = RequestMac.authorization("ripple", KEY, "POST", TARGET, BODY, NOW, "master", "c-1");

            assertThat(header).matches("Ripple-HMAC user=ripple, ts=" + NOW + ", nonce=[0-9a-f]{32}, mac=[0-9a-f]{64}");
            RequestMac.Signed signed = RequestMac.parse(header).orElseThrow();
            assertThat(signed.user()).isEqualTo("ripple");
            assertThat(signed.timestamp()).isEqualTo(NOW);
            assertThat(signed.mac()).isEqualTo(RequestMac.mac(KEY, "POST", TARGET, BODY, NOW, signed.nonce(), "master", "c-1"));
        }

        @Test
        void everyHeaderHasItsOwnNonce() {
            String one = RequestMac.authorization("ripple", KEY, "POST", TARGET, BODY, NOW, "master", "c-1");
            String two = RequestMac.authorization("ripple", KEY, "POST", TARGET, BODY, NOW, "master", "c-1");

            assertThat(RequestMac.parse(one).orElseThrow().nonce()).isNotEqualTo(RequestMac.parse(two).orElseThrow().nonce());
        }

        @Test
        void aHeaderOfAnotherFormIsNotParsed() {
            assertThat(RequestMac.parse("Basic cmlwcGxlOnJpcHBsZS1zZWNyZXQ=")).isEmpty();
            assertThat(RequestMac.parse("Ripple-HMAC user=ripple, ts=1, nonce=00, mac=00")).isEmpty();
            assertThat(RequestMac.parse("Ripple-HMAC user=a,b, ts=1, nonce=" + "0".repeat(32) + ", mac=" + "0".repeat(64)))
                    .isEmpty();
            assertThat(RequestMac.canSignAs("ripple")).isTrue();
            assertThat(RequestMac.canSignAs("a,b")).isFalse();
        }
    }

    @Nested
    class Verifier {

        @TempDir
        Path dir;
        private final AtomicLong clock = new AtomicLong(NOW);
        private RequestMacVerifier verifier;
        private ClusterClaim self = new ClusterClaim("master", "c-1");

        @BeforeEach
        void load() throws Exception {
            verifier = new RequestMacVerifier(PasswordFile.load(TestFiles.passwordFile(dir)), () -> self, clock::get,
                    new ReplayCache(ReplayCache.DEFAULT_LIMIT));
        }

        private String signed(byte[] body, long ts, String server, String clusterId) {
            return RequestMac.authorization("ripple", KEY, "POST", TARGET, body, ts, server, clusterId);
        }

        private RequestMacVerifier.Verdict verify(byte[] body, String header) {
            return verifier.verify("POST", TARGET, body, header, "c-1");
        }

        @Test
        void aRequestSignedForThisServerIsAcceptedAsItsUser() {
            RequestMacVerifier.Verdict verdict = verify(BODY, signed(BODY, NOW, "master", "c-1"));

            assertThat(verdict.accepted()).as(verdict.refusal()).isTrue();
            assertThat(verdict.user()).isEqualTo("ripple");
        }

        @Test
        void theSameHeaderIsRefusedTheSecondTime() {
            String header = signed(BODY, NOW, "master", "c-1");
            assertThat(verify(BODY, header).accepted()).isTrue();

            RequestMacVerifier.Verdict replay = verify(BODY, header);

            assertThat(replay.accepted()).isFalse();
            assertThat(replay.refusal()).contains("nonce was used before");
        }

        @Test
        void aHeaderWithAnotherBodyIsRefused() {
            RequestMacVerifier.Verdict verdict = verify("{\"type\":\"exec\"}".getBytes(StandardCharsets.UTF_8),
                    signed(BODY, NOW, "master", "c-1"));

            assertThat(verdict.accepted()).isFalse();
            assertThat(verdict.refusal()).startsWith("wrong mac");
        }

        @Test
        void aHeaderForAnotherPathOrMethodIsRefused() {
            String header = signed(BODY, NOW, "master", "c-1");

            assertThat(verifier.verify("POST", "/jolokia/", BODY, header, "c-1").accepted()).isFalse();
            assertThat(verifier.verify("GET", TARGET, BODY, header, "c-1").accepted()).isFalse();
        }

        @Test
        void aHeaderOutsideTheClockWindowIsRefused() {
            long skew = RequestMac.MAX_SKEW.toMillis();

            assertThat(verify(BODY, signed(BODY, NOW - skew - 1, "master", "c-1")).refusal()).contains("check both clocks");
            assertThat(verify(BODY, signed(BODY, NOW + skew + 1, "master", "c-1")).refusal()).contains("check both clocks");
            assertThat(verify(BODY, signed(BODY, NOW - skew, "master", "c-1")).accepted()).isTrue();
        }

        @Test
        void aHeaderReplayedAfterItsWindowIsRefusedByItsTime() {
            String header = signed(BODY, NOW, "master", "c-1");
            assertThat(verify(BODY, header).accepted()).isTrue();
            clock.addAndGet(RequestMac.MAX_SKEW.toMillis() + 1);

            assertThat(verify(BODY, header).accepted()).isFalse();
        }

        @Test
        void aHeaderSignedForAnotherServerOrClusterIsRefused() {
            assertThat(verify(BODY, signed(BODY, NOW, "replica-1", "c-1")).refusal()).startsWith("wrong mac");
            assertThat(verify(BODY, signed(BODY, NOW, "master", "c-2")).refusal()).startsWith("wrong mac");
        }

        @Test
        void aMastersTermIsSignedSoThatNobodyOnTheWayCanAddChangeOrRemoveIt() {
            String withTerm = RequestMac.authorization("ripple", KEY, "POST", TARGET, BODY, NOW, "master", "c-1", "2");
            String without = signed(BODY, NOW, "master", "c-1");

            assertThat(verifier.verify("POST", TARGET, BODY, withTerm, "c-1", "2").accepted()).isTrue();
            assertThat(verifier.verify("POST", TARGET, BODY, withTerm, "c-1", "3").refusal()).startsWith("wrong mac");
            assertThat(verifier.verify("POST", TARGET, BODY, withTerm, "c-1", null).refusal()).startsWith("wrong mac");
            assertThat(verifier.verify("POST", TARGET, BODY, without, "c-1", "999").refusal()).startsWith("wrong mac");
            assertThat(verifier.verify("POST", TARGET, BODY, without, "c-1", "").accepted()).isTrue();
        }

        @Test
        void aHeaderWithAnotherPasswordOrAnUnknownUserIsRefused() {
            byte[] otherKey = PeerProof.clusterKey("ripple", "guessed");
            String wrongPassword = RequestMac.authorization("ripple", otherKey, "POST", TARGET, BODY, NOW, "master", "c-1");
            String unknownUser = RequestMac.authorization("nobody", PeerProof.clusterKey("nobody", "x"), "POST", TARGET,
                    BODY, NOW, "master", "c-1");

            assertThat(verify(BODY, wrongPassword).accepted()).isFalse();
            assertThat(verify(BODY, unknownUser).accepted()).isFalse();
        }

        @Test
        void aServerOfNoClusterYetChecksWithTheCallersClusterId() {
            self = new ClusterClaim("replica-1", "");

            assertThat(verifier.verify("POST", TARGET, BODY, signed(BODY, NOW, "replica-1", "c-1"), "c-1").accepted()).isTrue();
            assertThat(verifier.verify("POST", TARGET, BODY, signed(BODY, NOW, "replica-1", "c-1"), "c-9").accepted()).isFalse();
        }

        @Test
        void aStartingServerRefusesSignedRequests() {
            self = null;

            assertThat(verify(BODY, signed(BODY, NOW, "master", "c-1")).refusal()).isEqualTo("this server is starting");
        }

        @Test
        void aMalformedHeaderIsRefused() {
            assertThat(verify(BODY, "Ripple-HMAC user=ripple").refusal()).isEqualTo("malformed Ripple-HMAC header");
        }
    }

    @Nested
    class Replays {

        @Test
        void aFullCacheRefusesNewNoncesUntilOldOnesExpire() {
            ReplayCache cache = new ReplayCache(2);
            assertThat(cache.firstUse(new byte[] {1}, 100, 0)).isEqualTo(ReplayCache.Use.FIRST);
            assertThat(cache.firstUse(new byte[] {2}, 200, 0)).isEqualTo(ReplayCache.Use.FIRST);

            assertThat(cache.firstUse(new byte[] {3}, 300, 50)).isEqualTo(ReplayCache.Use.FULL);
            assertThat(cache.firstUse(new byte[] {3}, 300, 150)).isEqualTo(ReplayCache.Use.FIRST);
            assertThat(cache.firstUse(new byte[] {2}, 200, 150)).isEqualTo(ReplayCache.Use.REPLAY);
        }
    }
}
