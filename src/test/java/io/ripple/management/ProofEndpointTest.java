package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both endpoints answer a proof challenge without credentials, and nothing else without them. */
class ProofEndpointTest {

    private static final String HOST = "127.0.0.1";
    private static final ClusterClaim SELF = new ClusterClaim("master", "c-1");

    @TempDir
    Path dir;
    private JolokiaEndpoint jolokia;
    private JmxEndpoint jmx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (jolokia != null) {
            jolokia.close();
        }
        if (jmx != null) {
            jmx.close();
        }
    }

    private String proofUrl() {
        return "http://" + HOST + ":" + jolokia.port() + "/ripple-proof";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProves(String text, ProofChallenge challenge, String channel) {
        ProofAnswer answer = ProofAnswer.parse(text).orElseThrow(() -> new AssertionError("no answer: " + text));
        assertThat(answer.role()).isEqualTo("master");
        assertThat(answer.name()).isEqualTo("master");
        assertThat(answer.clusterId()).isEqualTo("c-1");
        assertThat(answer.proof()).isEqualTo(PeerProof.proof(PeerProof.clusterKey("ripple", "ripple-secret"),
                challenge.nonce(), channel, "master", "master", "c-1"));
    }

    @Test
    void jolokiaAnswersAGetOfTheChallenge() throws Exception {
        jolokia = JolokiaEndpoint.start(new JolokiaSettings(HOST, 0, TestFiles.passwordFile(dir), TestFiles.accessFile(dir), null));
        jolokia.answerProofs("master", () -> SELF);
        ProofChallenge challenge = ProofChallenge.fresh("ripple");

        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(proofUrl() + "?" + challenge.query())));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertProves(answer.body(), challenge, PeerProof.JOLOKIA);
    }

    @Test
    void jolokiaAnswersNothingElseWithoutCredentials() throws Exception {
        jolokia = JolokiaEndpoint.start(new JolokiaSettings(HOST, 0, TestFiles.passwordFile(dir), TestFiles.accessFile(dir), null));
        jolokia.answerProofs("master", () -> SELF);
        String query = "?" + ProofChallenge.fresh("ripple").query();

        assertThat(send(HttpRequest.newBuilder(URI.create(proofUrl() + query)).POST(HttpRequest.BodyPublishers.ofString("{}")))
                .statusCode()).isEqualTo(405);
        assertThat(send(HttpRequest.newBuilder(URI.create(proofUrl() + query)).method("DELETE", HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(405);
        assertThat(send(HttpRequest.newBuilder(URI.create(proofUrl() + "/x" + query))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(proofUrl() + "x" + query))).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(proofUrl() + query + "&mbean=java.lang:type=Memory")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("Invalid challenge: ");
        assertThat(send(HttpRequest.newBuilder(URI.create(proofUrl()))).statusCode()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + jolokia.port() + "/jolokia/version")))
                .statusCode()).as("the agent still asks for credentials").isEqualTo(401);
    }

    @Test
    void anAnonymousJolokiaSaysItCannotProve() throws Exception {
        jolokia = JolokiaEndpoint.start(new JolokiaSettings(HOST, 0, null, null, null));
        jolokia.answerProofs("master", () -> SELF);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(proofUrl() + "?" + ProofChallenge.fresh("ripple").query())));
        assertThat(answer.body().strip())
                .isEqualTo("ripple-proof-v1 unavailable: this jolokia endpoint has no password file (authenticate = no)");
    }

    @Test
    void jmxRefusesTheChallengeWithTheProof() throws Exception {
        jmx = JmxEndpoint.start(new JmxSettings(HOST, 0, TestFiles.passwordFile(dir), TestFiles.accessFile(dir)),
                ManagementFactory.getPlatformMBeanServer());
        jmx.answerProofs("master", () -> SELF);
        ProofChallenge challenge = ProofChallenge.fresh("ripple");

        SecurityException refused = catchThrowableOfType(() -> JMXConnectorFactory.connect(jmx.url(),
                Map.of(JMXConnector.CREDENTIALS, challenge.jmxCredentials())).close(), SecurityException.class);

        assertProves(refused.getMessage(), challenge, PeerProof.JMX);
    }

    @Test
    void anAnonymousJmxConnectorRefusesTheChallenge() throws Exception {
        jmx = JmxEndpoint.start(new JmxSettings(HOST, 0, null, null), ManagementFactory.getPlatformMBeanServer());
        jmx.answerProofs("master", () -> SELF);

        SecurityException refused = catchThrowableOfType(() -> JMXConnectorFactory.connect(jmx.url(),
                Map.of(JMXConnector.CREDENTIALS, ProofChallenge.fresh("ripple").jmxCredentials())).close(), SecurityException.class);

        assertThat(refused.getMessage())
                .isEqualTo("ripple-proof-v1 unavailable: this jmx endpoint has no password file (authenticate = no)");
    }
}
