package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real master process, driven over JMX RMI and Jolokia HTTP as an administrator would. */
class NodeIT {

    private static final String SERVER = "ripple:type=Server";
    private static final String CONFIG_STORE = "ripple:type=ConfigStore";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;
    static ServerDir dir;
    static NodeProcess master;

    @BeforeAll
    static void startMaster() {
        dir = new ServerDir(temp, "master");
        dir.write("banner.txt", "Welcome to the test cluster\n");
        dir.write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9999\"}\n");
        master = NodeProcess.start(dir, d -> d.masterConf(""));
    }

    @AfterAll
    static void stopMaster() {
        if (master != null) {
            master.close();
        }
    }

    static JMXConnector admin() throws Exception {
        return JmxClients.connect(dir.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD);
    }

    static JolokiaHttp jolokia(String user, String password) {
        return new JolokiaHttp(dir.jolokiaUrl(), user, password);
    }

    static JsonNode service() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dir.httpPort + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static AttributeList readAll(MBeanServerConnection mbs, String name) throws Exception {
        ObjectName objectName = new ObjectName(name);
        String[] names = Arrays.stream(mbs.getMBeanInfo(objectName).getAttributes()).map(MBeanAttributeInfo::getName)
                .toArray(String[]::new);
        AttributeList values = mbs.getAttributes(objectName, names);
        assertThat(values.asList()).extracting(Attribute::getName).containsExactlyInAnyOrder(names);
        return values;
    }

    static Object value(AttributeList list, String name) {
        return list.asList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    @Nested
    class OverJmx {

        @Test
        void everyAttributeOfBothMBeansReads() throws Exception {
            try (JMXConnector c = admin()) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                AttributeList server = readAll(mbs, SERVER);
                assertThat(value(server, "Name")).isEqualTo("master");
                assertThat(value(server, "Role")).isEqualTo("master");
                assertThat(value(server, "State")).isEqualTo("RUNNING");
                assertThat(value(server, "Ready")).isEqualTo(true);
                assertThat(value(server, "ConfigSource")).isEqualTo("local");
                assertThat(value(server, "MasterName")).isEqualTo("");
                assertThat(value(server, "MasterSource")).isEqualTo("server.conf");
                assertThat((String) value(server, "MasterUrl")).startsWith("service:jmx:");
                assertThat((String) value(server, "BootId")).isNotEmpty();
                assertThat((String) value(server, "ClusterId")).as("made at the master's first start").isNotEmpty();
                assertThat(value(server, "Term")).as("held from the master's first start").isEqualTo(1L);
                assertThat((String[]) value(server, "Members")).hasSize(1).allMatch(m -> m.startsWith("master service:jmx:"));
                assertThat(server.asList()).hasSize(19);

                AttributeList store = readAll(mbs, CONFIG_STORE);
                assertThat((Long) value(store, "Version")).isGreaterThanOrEqualTo(1L);
                assertThat((String) value(store, "Digest")).matches("[0-9a-f]{64}");
                // another nested class may have published a change by refresh(), which the master applies at its next restart
                assertThat((Long) value(store, "AppliedVersion")).isBetween(1L, (Long) value(store, "Version"));
                assertThat((Integer) value(store, "FileCount")).isGreaterThanOrEqualTo(3); // entries, banner, junctions
                assertThat((Long) value(store, "TotalBytes")).isPositive();
                assertThat((String[]) value(store, "DriftedFiles")).isEmpty();
                assertThat((Integer) value(store, "DriftedFileCount")).isZero();
                assertThat(value(store, "RefusedDigest")).isEqualTo("");
                assertThat(value(store, "RefusedReason")).isEqualTo("");
                assertThat(value(store, "RefusedAt")).isEqualTo("");
                assertThat(store.asList()).hasSize(12);
            }
        }

        @Test
        void restartChangesBootIdAndTheServiceAnswersAgain() throws Exception {
            try (JMXConnector c = admin()) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                ObjectName server = new ObjectName(SERVER);
                String before = (String) mbs.getAttribute(server, "BootId");
                long restarts = (Long) mbs.getAttribute(server, "RestartCount");
                String answer = (String) mbs.invoke(server, "restart", new Object[0], new String[0]);
                assertThat(answer).contains("requested");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        !before.equals(mbs.getAttribute(server, "BootId")) && "RUNNING".equals(mbs.getAttribute(server, "State")));
                assertThat((Long) mbs.getAttribute(server, "RestartCount")).isEqualTo(restarts + 1);
                assertThat((String) mbs.getAttribute(server, "LastRestartReason")).contains("admin (jmx");
                assertThat(service().get("bootId").asText()).isEqualTo(mbs.getAttribute(server, "BootId"));
            }
        }

        @Test
        void consolesSeeDescriptionsAndParameterNames() throws Exception {
            try (JMXConnector c = admin()) {
                MBeanInfo info = c.getMBeanServerConnection().getMBeanInfo(new ObjectName(CONFIG_STORE));
                assertThat(info.getDescription()).contains("configuration database");
                assertThat(info.getAttributes()).allSatisfy(a -> assertThat(a.getDescription()).isNotBlank().isNotEqualTo(a.getName()));
                MBeanOperationInfo readChunk = Arrays.stream(info.getOperations())
                        .filter(o -> o.getName().equals("readChunk")).findFirst().orElseThrow();
                assertThat(readChunk.getSignature()).extracting("name").containsExactly("path", "offset", "length");
                assertThat(readChunk.getSignature()).allSatisfy(p -> assertThat(p.getDescription()).isNotBlank().isNotEqualTo(p.getName()));
            }
        }

        @Test
        void anonymousAndWrongPasswordAreRefused() {
            assertThatThrownBy(() -> JmxClients.connect(dir.jmxUrl(), null, null).close()).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> JmxClients.connect(dir.jmxUrl(), ServerDir.ADMIN, "wrong").close())
                    .isInstanceOf(SecurityException.class);
        }

        @Test
        void readonlyUserReadsButCannotRestart() throws Exception {
            try (JMXConnector c = JmxClients.connect(dir.jmxUrl(), ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD)) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                assertThat(mbs.getAttribute(new ObjectName(SERVER), "Name")).isEqualTo("master");
                assertThatThrownBy(() -> mbs.invoke(new ObjectName(SERVER), "restart", new Object[0], new String[0]))
                        .isInstanceOf(SecurityException.class);
            }
        }
    }

    @Nested
    class OverJolokia {

        @Test
        void everyAttributeOfBothMBeansReads() throws Exception {
            JolokiaHttp.Response server = jolokia(ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD).read(SERVER);
            assertThat(server.status()).isEqualTo(200);
            assertThat(server.body().get("value").get("Name").asText()).isEqualTo("master");
            assertThat(server.body().get("value").get("Ready").asBoolean()).isTrue();
            assertThat(server.body().get("value").get("Term").asLong()).isEqualTo(1L);
            assertThat(server.body().get("value").size()).isEqualTo(19);
            JolokiaHttp.Response store = jolokia(ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD).read(CONFIG_STORE);
            assertThat(store.status()).isEqualTo(200);
            assertThat(store.body().get("value").get("Digest").asText()).matches("[0-9a-f]{64}");
            assertThat(store.body().get("value").size()).isEqualTo(12);
        }

        @Test
        void restartChangesBootIdAndTheServiceAnswersAgain() throws Exception {
            JolokiaHttp admin = jolokia(ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD);
            String before = admin.read(SERVER).body().get("value").get("BootId").asText();
            JolokiaHttp.Response answer = admin.exec(SERVER, "restart");
            assertThat(answer.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode v = admin.read(SERVER).body().get("value");
                return !v.get("BootId").asText().equals(before) && v.get("State").asText().equals("RUNNING");
            });
            JsonNode after = admin.read(SERVER).body().get("value");
            assertThat(after.get("LastRestartReason").asText()).contains("admin (jolokia");
            assertThat(service().get("bootId").asText()).isEqualTo(after.get("BootId").asText());
        }

        @Test
        void anonymousAndWrongPasswordAreRefused() throws Exception {
            assertThat(jolokia(null, null).read(SERVER).httpStatus()).isEqualTo(401);
            assertThat(jolokia(ServerDir.ADMIN, "wrong").read(SERVER).httpStatus()).isEqualTo(401);
        }

        @Test
        void readonlyUserCannotRestart() throws Exception {
            JolokiaHttp monitor = jolokia(ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD);
            String before = monitor.read(SERVER).body().get("value").get("BootId").asText();
            assertThat(monitor.exec(SERVER, "restart").status()).isEqualTo(403);
            assertThat(monitor.read(SERVER).body().get("value").get("BootId").asText()).isEqualTo(before);
        }
    }

    @Test
    void theLogGoesToTheConsoleAndToTheDataDir() throws Exception {
        Path log = dir.dataDir().resolve("ripple-node.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log));
        assertThat(Files.readString(log)).contains("[master] Node - RPL1001I Starting master master", "Start completed");
        assertThat(master.output()).contains("Start completed");
    }

    @Nested
    class Versions {

        @Test
        void aChangedFileMakesANewVersionAndATouchedOneDoesNot() throws Exception {
            JolokiaHttp admin = jolokia(ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD);
            long start = admin.exec(CONFIG_STORE, "refresh").body().get("value").asLong();

            Path junction = dir.dir.resolve("junctions/app.json");
            Files.setLastModifiedTime(junction, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            assertThat(admin.exec(CONFIG_STORE, "refresh").body().get("value").asLong()).isEqualTo(start);

            dir.write("junctions/extra.json", "{\"path\": \"/extra\", \"backend\": \"http://127.0.0.1:9998\"}\n");
            long changed = admin.exec(CONFIG_STORE, "refresh").body().get("value").asLong();
            assertThat(changed).isEqualTo(start + 1);
            JsonNode manifest = admin.exec(CONFIG_STORE, "manifest").body().get("value");
            assertThat(manifest.findValuesAsText("path")).contains("junctions/extra.json", "<entries>");
            assertThat(admin.read(CONFIG_STORE).body().get("value").get("Version").asLong()).isEqualTo(changed);
        }
    }

    @Nested
    class Notifications {

        @Test
        void consolesListTheNotificationsOfServerAndConfigStore() throws Exception {
            try (JMXConnector c = admin()) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                assertThat(mbs.getMBeanInfo(new ObjectName(SERVER)).getNotifications())
                        .flatExtracting(n -> Arrays.asList(n.getNotifTypes()))
                        .containsExactlyInAnyOrder("ripple.server.restarted", "ripple.server.restart.failed");
                assertThat(mbs.getMBeanInfo(new ObjectName(CONFIG_STORE)).getNotifications())
                        .flatExtracting(n -> Arrays.asList(n.getNotifTypes()))
                        .containsExactly("ripple.config.version", "ripple.configstore.refused");
                assertThat(mbs.getMBeanInfo(new ObjectName(SERVER)).getNotifications())
                        .allSatisfy(n -> assertThat(n.getDescription()).contains("user data is JSON"));
            }
        }

        @Test
        void aReadonlyJmxListenerHearsARestartAndANewVersion() throws Exception {
            List<Notification> received = new CopyOnWriteArrayList<>();
            NotificationListener listener = (n, handback) -> received.add(n);
            try (JMXConnector monitor = JmxClients.connect(dir.jmxUrl(), ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD);
                 JMXConnector admin = admin()) {
                MBeanServerConnection listening = monitor.getMBeanServerConnection();
                listening.addNotificationListener(new ObjectName(SERVER), listener, null, null);
                listening.addNotificationListener(new ObjectName(CONFIG_STORE), listener, null, null);
                MBeanServerConnection mbs = admin.getMBeanServerConnection();
                ObjectName server = new ObjectName(SERVER);
                ObjectName store = new ObjectName(CONFIG_STORE);

                mbs.invoke(server, "restart", new Object[0], new String[0]);
                Notification restarted = awaitNotification(received, "ripple.server.restarted");
                JsonNode data = JSON.readTree((String) restarted.getUserData());
                await().atMost(Duration.ofSeconds(10)).until(() -> "RUNNING".equals(mbs.getAttribute(server, "State")));
                assertThat(restarted.getSource()).hasToString(SERVER);
                assertThat(data.get("name").asText()).isEqualTo("master");
                assertThat(data.get("bootId").asText()).isEqualTo(mbs.getAttribute(server, "BootId"));
                assertThat(data.get("reason").asText()).contains("restart requested by admin (jmx");
                assertThat(data.get("restartCount").asLong()).isEqualTo(mbs.getAttribute(server, "RestartCount"));

                dir.write("junctions/notified.json", "{\"path\": \"/notified\", \"backend\": \"http://127.0.0.1:9997\"}\n");
                long version = (Long) mbs.invoke(store, "refresh", new Object[0], new String[0]);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> received.stream()
                        .anyMatch(n -> n.getType().equals("ripple.config.version") && versionOf(n) == version));
                Notification published = received.stream().filter(n -> n.getType().equals("ripple.config.version")
                        && versionOf(n) == version).findFirst().orElseThrow();
                JsonNode v = JSON.readTree((String) published.getUserData());
                assertThat(v.get("version").asLong()).isEqualTo(version);
                assertThat(v.get("digest").asText()).isEqualTo(mbs.getAttribute(store, "Digest"));
                assertThat(v.get("timestamp").asLong()).isEqualTo(mbs.getAttribute(store, "TimestampMillis"));
                assertThat(v.get("how").asText()).isEqualTo("published");
                assertThat(v.get("name").asText()).isEqualTo("master");

                int before = received.size();
                assertThat((Long) mbs.invoke(store, "refresh", new Object[0], new String[0])).isEqualTo(version);
                mbs.invoke(server, "restart", new Object[0], new String[0]);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                        received.stream().filter(n -> n.getType().equals("ripple.server.restarted")).count() == 2);
                assertThat(received.subList(before, received.size())).extracting(Notification::getType)
                        .as("an unchanged refresh makes no version").doesNotContain("ripple.config.version");
                listening.removeNotificationListener(new ObjectName(SERVER), listener);
                listening.removeNotificationListener(new ObjectName(CONFIG_STORE), listener);
            }
        }

        @Test
        void aReadonlyJolokiaClientPullsARestart() throws Exception {
            JolokiaHttp monitor = jolokia(ServerDir.MONITOR, ServerDir.MONITOR_PASSWORD);
            JolokiaHttp.Response registered = monitor.post("{\"type\":\"notification\",\"command\":\"register\"}");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
            String client = registered.body().get("value").get("id").asText();
            String store = registered.body().get("value").get("backend").get("pull").get("store").asText();
            JolokiaHttp.Response added = monitor.post(JSON.createObjectNode().put("type", "notification").put("command", "add")
                    .put("client", client).put("mode", "pull").put("mbean", SERVER).toString());
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
            String handle = added.body().get("value").asText();

            assertThat(jolokia(ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD).exec(SERVER, "restart").status()).isEqualTo(200);
            List<JsonNode> pulled = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                JolokiaHttp.Response pull = monitor.exec(store, "pull", client, handle);
                assertThat(pull.status()).as(pull.toString()).isEqualTo(200);
                pull.body().path("value").path("notifications").forEach(pulled::add);
                return !pulled.isEmpty();
            });
            JsonNode notification = pulled.get(0);
            assertThat(notification.get("type").asText()).isEqualTo("ripple.server.restarted");
            JsonNode data = JSON.readTree(notification.get("userData").asText());
            assertThat(data.get("name").asText()).isEqualTo("master");
            assertThat(data.get("reason").asText()).contains("admin (jolokia");
            assertThat(data.get("restartCount").asLong()).isPositive();
            assertThat(monitor.post("{\"type\":\"notification\",\"command\":\"unregister\",\"client\":\"" + client + "\"}")
                    .status()).isEqualTo(200);
        }

        private long versionOf(Notification n) {
            try {
                return JSON.readTree((String) n.getUserData()).get("version").asLong();
            } catch (java.io.IOException e) {
                throw new AssertionError("user data is not JSON: " + n.getUserData(), e);
            }
        }

        private Notification awaitNotification(List<Notification> received, String type) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> received.stream().anyMatch(n -> n.getType().equals(type)));
            return received.stream().filter(n -> n.getType().equals(type)).findFirst().orElseThrow();
        }
    }
}
