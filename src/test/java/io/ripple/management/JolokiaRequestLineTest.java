package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jolokia's request threads are a setting, and requests wait for one in a bounded line, not an endless one. */
class JolokiaRequestLineTest {

    private static final String HOST = "127.0.0.1";
    private static final String SAMPLE = "ripple:type=JolokiaLineSample";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    private final Sample sample = new Sample();
    private final List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    private HttpClient http;
    private JolokiaEndpoint endpoint;

    @BeforeEach
    void registerSample() throws Exception {
        platform.registerMBean(DescribedMXBean.of(sample, SampleMXBean.class), new ObjectName(SAMPLE));
        // one connection per request, so that each waits for a thread of its own
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() throws Exception {
        sample.release();
        sent.forEach(f -> f.cancel(true));
        if (endpoint != null) {
            endpoint.close();
        }
        platform.unregisterMBean(new ObjectName(SAMPLE));
    }

    private CompletableFuture<HttpResponse<String>> send(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        sent.add(response);
        return response;
    }

    private static String block() {
        return "{\"type\":\"exec\",\"mbean\":\"" + SAMPLE + "\",\"operation\":\"block\",\"arguments\":[]}";
    }

    @Test
    void aRequestBeyondTheLineIsRefusedAtOnceAndTheLineIsServedAfter() throws Exception {
        refusedBeyond(new JolokiaSettings(HOST, 0, null, null, null, null, null, 1), RequestThreads.QUEUED_PER_THREAD);
    }

    /** At N = 100 a parallel run's confirmTurn calls found a line of 64 full and failed: a master makes room for them. */
    @Test
    void aMastersLineHasRoomForItsReplicasCalls() throws Exception {
        int replicas = 3;
        refusedBeyond(new JolokiaSettings(HOST, 0, null, null, null, null, null, 1, replicas),
                RequestThreads.QUEUED_PER_THREAD + replicas * JolokiaSettings.PLACES_PER_CALLER);
    }

    private void refusedBeyond(JolokiaSettings settings, int line) throws Exception {
        endpoint = JolokiaEndpoint.start(settings);

        CompletableFuture<HttpResponse<String>> busy = send(block());
        assertThat(sample.blocking.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the one thread is busy").isTrue();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < line; i++) {
            waiting.add(send(block()));
        }
        await().atMost(TIMEOUT).until(() -> endpoint.waitingRequests() == line);

        CompletableFuture<HttpResponse<String>> refused = send(block());

        assertThat(catchRefusal(refused)).as("refused at once, not queued").isInstanceOf(IOException.class);
        assertThat(busy).isNotDone();
        sample.release();
        assertThat(busy.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).body()).contains("released");
        for (CompletableFuture<HttpResponse<String>> w : waiting) {
            assertThat(w.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).body()).contains("released");
        }
    }

    private static Throwable catchRefusal(CompletableFuture<HttpResponse<String>> refused) throws Exception {
        try {
            HttpResponse<String> response = refused.get(5, TimeUnit.SECONDS);
            throw new AssertionError("answered although the line was full: " + response.statusCode());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
