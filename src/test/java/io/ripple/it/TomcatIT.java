package io.ripple.it;

import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.JSON;
import static io.ripple.it.TestCluster.SERVER;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ripple.it.RippleTool.Result;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ripple on three unmodified Apache Tomcat servers (the distribution from Maven, unpacked by the build), each run with
 * {@code -javaagent:ripple-agent.jar} from its {@code bin/setenv.sh} under {@code bin/ripple-supervise}, all started at
 * the same moment. replica-1 and the master reach each other over JMX RMI, replica-2 and the master over Jolokia. The
 * cluster shares the ROOT webapp and {@code conf/tomcat-users.xml}; each checks what it serves over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TomcatIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    private static final String HELLO = "webapps/ROOT/hello.txt";
    private static final String USERS = "conf/tomcat-users.xml";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, TomcatBase> bases = new LinkedHashMap<>();
    private final Map<String, TomcatProcess> tomcats = new LinkedHashMap<>();
    private TomcatBase master;

    @BeforeAll
    void startTogether(@TempDir Path root) {
        master = TomcatBase.create(root, "master");
        TomcatBase replica1 = TomcatBase.create(root, "replica-1");
        TomcatBase replica2 = TomcatBase.create(root, "replica-2");
        bases.put("master", master);
        bases.put("replica-1", replica1);
        bases.put("replica-2", replica2);
        master.writeConf("is-master = yes\nmax-wait-time = 60\n"
                + "replica = replica-1 " + replica1.server.jmxUrl() + "\n"
                + "replica = replica-2 " + replica2.server.jolokiaUrl() + "\n");
        replica1.writeConf("is-master = no\nmaster-name = master\nmaster-url = " + master.server.jmxUrl() + "\n");
        replica2.writeConf("is-master = no\nmaster-name = master\nmaster-url = " + master.server.jolokiaUrl() + "\n");

        master.write(HELLO, "Hello from version one\n");
        master.write("webapps/ROOT/private/note.txt", "for readers only\n");
        master.write("webapps/ROOT/WEB-INF/web.xml", WEB_XML);
        master.write(USERS, users("first-secret"));
        // the replicas hold an older copy until their startup sync
        replica1.write(HELLO, "stale copy\n");
        replica2.write(HELLO, "stale copy\n");

        bases.forEach((name, base) -> tomcats.put(name, TomcatProcess.launch(base)));
        tomcats.values().forEach(t -> t.awaitRipple(START_TIMEOUT));
        bases.values().forEach(base -> await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get(base, "/hello.txt", null).statusCode() == 200));
    }

    @AfterAll
    void stop() {
        tomcats.values().parallelStream().forEach(TomcatProcess::close);
    }

    @Test
    @Order(1)
    void tomcatsStartedAtTheSameMomentAllServeTheMastersVersion() throws Exception {
        for (TomcatBase replica : replicas()) {
            assertThat(attribute(replica, SERVER, "ConfigSource")).as(replica.name()).isEqualTo("master");
            assertThat(attribute(replica, CONFIG_STORE, "Digest")).as(replica.name())
                    .isEqualTo(attribute(master, CONFIG_STORE, "Digest"));
        }
        for (TomcatBase base : bases.values()) {
            assertThat(get(base, "/hello.txt", null).body()).as(base.name()).isEqualTo("Hello from version one\n");
            assertThat(get(base, "/private/note.txt", null).statusCode()).as(base.name()).isEqualTo(401);
            assertThat(get(base, "/private/note.txt", "first-secret").statusCode()).as(base.name()).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void aChangedWebappFileAndTomcatUsersReachEveryTomcatThroughARippleRestart() throws Exception {
        Map<String, String> bootsBefore = new LinkedHashMap<>();
        for (Map.Entry<String, TomcatProcess> t : tomcats.entrySet()) {
            bootsBefore.put(t.getKey(), t.getValue().bootId());
        }
        master.write(HELLO, "Hello from version two\n");
        master.write(USERS, users("second-secret"));

        Result restart = ripple("--as-cluster-account", "cluster", "restart", "-ripple", "--wait");

        System.out.println("TomcatIT: the run, as bin/ripple --wait showed it:\n" + restart.out()); // what a restart costs
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(restart.out()).contains("The cluster has been restarted.");
        for (TomcatBase base : bases.values()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> get(base, "/hello.txt", null).body().equals("Hello from version two\n"));
            assertThat(get(base, "/private/note.txt", "second-secret").statusCode()).as(base.name()).isEqualTo(200);
            assertThat(get(base, "/private/note.txt", "first-secret").statusCode()).as(base.name()).isEqualTo(401);
            assertThat(tomcats.get(base.name()).bootId()).as(base.name()).isNotEqualTo(bootsBefore.get(base.name()));
            assertThat(tomcats.get(base.name()).supervisorAlive()).as(base.name()).isTrue();
            assertThat(attribute(base, SERVER, "Ready")).as(base.name()).isEqualTo(true);
        }

        Result status = ripple("cluster", "status", "--json");
        assertThat(status.exitCode()).as(status.all()).isZero();
        JsonNode run = JSON.readTree(status.out());
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.get("mode").asText()).isEqualTo("ripple");
        long version = (Long) attribute(master, CONFIG_STORE, "Version");
        assertThat(run.get("version").asLong()).isEqualTo(version);
        for (TomcatBase replica : replicas()) {
            JsonNode row = row(run, replica.name());
            assertThat(row.get("state").asText()).as(row.toString()).isEqualTo("RESTARTED");
            assertThat(row.get("versionAfter").asLong()).isEqualTo(version);
            assertThat(row.get("detail").asText()).contains("process restarted");
            assertThat(attribute(replica, CONFIG_STORE, "Version")).as(replica.name()).isEqualTo(version);
            assertThat(attribute(replica, SERVER, "LastRunOutcome")).as(replica.name()).isEqualTo("RESTARTED");
            assertThat(replica.read(USERS)).contains("second-secret");
        }
        assertThat(row(run, "master").get("state").asText()).isEqualTo("RESTARTED");
        // server.xml is never replicated: each Tomcat keeps its own port
        assertThat(bases.get("replica-1").read("conf/server.xml")).contains("port=\"" + bases.get("replica-1").server.httpPort + "\"");
    }

    @Test
    @Order(3)
    void aSecondRestartRestartsNoTomcat() throws Exception {
        Map<String, String> bootsBefore = new LinkedHashMap<>();
        for (Map.Entry<String, TomcatProcess> t : tomcats.entrySet()) {
            bootsBefore.put(t.getKey(), t.getValue().bootId());
        }

        Result restart = ripple("--as-cluster-account", "cluster", "restart", "-ripple", "--wait");

        assertThat(restart.exitCode()).as(restart.all()).isZero();
        JsonNode run = JSON.readTree(ripple("cluster", "status", "--json").out());
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        for (TomcatBase replica : replicas()) {
            assertThat(row(run, replica.name()).get("state").asText()).isEqualTo("UP_TO_DATE");
        }
        for (Map.Entry<String, TomcatProcess> t : tomcats.entrySet()) {
            assertThat(t.getValue().bootId()).as(t.getKey()).isEqualTo(bootsBefore.get(t.getKey()));
        }
    }

    private List<TomcatBase> replicas() {
        return List.of(bases.get("replica-1"), bases.get("replica-2"));
    }

    private static String users(String readerPassword) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <role rolename="reader"/>
                  <user username="reader" password="%s" roles="reader"/>
                </tomcat-users>
                """.formatted(readerPassword);
    }

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>private</web-resource-name>
                  <url-pattern>/private/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>reader</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>ripple</realm-name></login-config>
              <security-role><role-name>reader</role-name></security-role>
            </web-app>
            """;

    private HttpResponse<String> get(TomcatBase base, String path, String readerPassword) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.server.httpPort + path))
                .timeout(Duration.ofSeconds(5));
        if (readerPassword != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("reader:" + readerPassword).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Object attribute(TomcatBase base, String mbean, String name) throws Exception {
        try (JMXConnector c = JmxClients.connect(base.server.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            return c.getMBeanServerConnection().getAttribute(new ObjectName(mbean), name);
        }
    }

    /** {@code bin/ripple --conf $CATALINA_BASE/ripple.conf ARGS} on the master (a state change adds --as-cluster-account: the test has no person). */
    private Result ripple(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--conf", master.conf().toString()));
        command.addAll(List.of(args));
        return RippleTool.script(master.dir(), RUN_TIMEOUT, command);
    }
}
