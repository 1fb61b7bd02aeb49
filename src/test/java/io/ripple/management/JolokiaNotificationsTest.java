package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jolokia notifications on our real agent, as a console's pull client uses them: register a client, add listeners,
 * pull what they received, unregister. Jolokia 2.4.2 itself fails to unregister a client with two or more listeners
 * (docs/JOLOKIA-NOTIFICATIONS.md); the agent must not.
 */
class JolokiaNotificationsTest {

    private static final String HOST = "127.0.0.1";
    private static final String EMITTER = "ripple:type=NotificationSample";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A plain emitter in the ripple domain, the only one whose notifications the agent serves. */
    public interface EmitterSampleMBean {
        int getCount();
    }

    public static final class EmitterSample implements EmitterSampleMBean {
        @Override
        public int getCount() {
            return 0;
        }
    }

    @TempDir
    Path dir;

    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final CountingBroadcaster broadcaster = new CountingBroadcaster();

    /** Counts the listeners on the MBean, so that a test sees the ones an unregister left behind. */
    private static final class CountingBroadcaster extends NotificationBroadcasterSupport {
        final java.util.concurrent.atomic.AtomicInteger listeners = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
            super.addNotificationListener(listener, filter, handback);
            listeners.incrementAndGet();
        }

        @Override
        public void removeNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback)
                throws ListenerNotFoundException {
            super.removeNotificationListener(listener, filter, handback);
            listeners.decrementAndGet();
        }

        @Override
        public void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
            throw new UnsupportedOperationException("Jolokia removes its listeners with their filter and handback");
        }
    }
    private JolokiaEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        platform.registerMBean(new StandardEmitterMBean(new EmitterSample(), EmitterSampleMBean.class, broadcaster),
                new ObjectName(EMITTER));
        endpoint = JolokiaEndpoint.start(new JolokiaSettings(HOST, 0, TestFiles.passwordFile(dir),
                TestFiles.accessFile(dir), Path.of("jmx-config/jolokia-access.xml")));
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        platform.unregisterMBean(new ObjectName(EMITTER));
    }

    private JsonNode post(String body) throws Exception {
        String token = Base64.getEncoder().encodeToString("monitor:monitor-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Authorization", "Basic " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode value(JsonNode answer) {
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(200);
        return answer.path("value");
    }

    private String register() throws Exception {
        return value(post("{\"type\":\"notification\",\"command\":\"register\"}")).path("id").asText();
    }

    private String add(String client) throws Exception {
        return value(post("{\"type\":\"notification\",\"command\":\"add\",\"client\":\"" + client
                + "\",\"mode\":\"pull\",\"mbean\":\"" + EMITTER + "\"}")).asText();
    }

    @Test
    void unregistersAClientWithTwoListeners() throws Exception {
        String client = register();
        add(client);
        add(client);
        assertThat(broadcaster.listeners.get()).isEqualTo(2);

        JsonNode answer = post("{\"type\":\"notification\",\"command\":\"unregister\",\"client\":\"" + client + "\"}");

        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.toString()).doesNotContain("ConcurrentModification");
        JsonNode list = post("{\"type\":\"notification\",\"command\":\"list\",\"client\":\"" + client + "\"}");
        assertThat(list.path("status").asInt()).as("the client is gone: " + list).isNotEqualTo(200);
        assertThat(broadcaster.listeners.get()).as("listeners left on the MBean").isZero();
    }

    @Test
    void unregistersClientsWithManyListenersAndNoneAndTheirListenersHearNoMore() throws Exception {
        String many = register();
        for (int i = 0; i < 5; i++) {
            add(many);
        }
        String none = register();

        assertThat(value(post("{\"type\":\"notification\",\"command\":\"unregister\",\"client\":\"" + many + "\"}")).isNull())
                .isTrue();
        assertThat(value(post("{\"type\":\"notification\",\"command\":\"unregister\",\"client\":\"" + none + "\"}")).isNull())
                .isTrue();

        assertThat(broadcaster.listeners.get()).as("listeners left on the MBean").isZero();
    }

    @Test
    void registerAdvertisesOnlyThePullBackend() throws Exception {
        JsonNode registered = value(post("{\"type\":\"notification\",\"command\":\"register\"}"));

        assertThat(registered.path("backend").fieldNames()).toIterable().containsExactly("pull");
    }

    @Test
    void pullDeliversWhatAListenerReceived() throws Exception {
        String client = register();
        String handle = add(client);
        broadcaster.sendNotification(new Notification("sample.event", EMITTER, 7, "hello"));

        JsonNode pulled = value(post("{\"type\":\"exec\",\"mbean\":\"jolokia:type=NotificationStore,agent=" + agentId()
                + "\",\"operation\":\"pull\",\"arguments\":[\"" + client + "\",\"" + handle + "\"]}"));

        assertThat(pulled.toString()).contains("sample.event").contains("hello");
    }

    private String agentId() {
        return "ripple-" + HOST + "-" + endpoint.port();
    }
}
