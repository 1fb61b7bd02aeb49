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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The agent's {@code restart=tomcat} on two unmodified Tomcat servers (a master and a replica over JMX RMI, both with
 * {@code restart=tomcat,ready-url=...} and autoDeploy off): a change to web application or context files reloads those
 * contexts inside the running Tomcat (its process id stays), a web application that does not start again is reverted in
 * the same way and the turn is FAILED, and any other change (tomcat-users.xml) still restarts the process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TomcatReloadIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final String HELLO = "webapps/ROOT/hello.txt";
    private static final String WEB_XML = "webapps/ROOT/WEB-INF/web.xml";
    private static final String SHOP_CONTEXT = "conf/Catalina/localhost/shop.xml";
    private static final String USERS = "conf/tomcat-users.xml";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TomcatBase master;
    private TomcatBase replica;
    private TomcatProcess masterTomcat;
    private TomcatProcess replicaTomcat;

    @BeforeAll
    void start(@TempDir Path root) {
        master = TomcatBase.create(root, "master");
        replica = TomcatBase.create(root, "replica-1");
        master.writeConf("is-master = yes\nmax-wait-time = 40\nreplica = replica-1 " + replica.server.jmxUrl() + "\n", FILES);
        replica.writeConf("is-master = no\nmaster-name = master\nmaster-url = " + master.server.jmxUrl() + "\n", FILES);
        for (TomcatBase base : List.of(master, replica)) {
            base.agentArguments("restart=tomcat,ready-url=http://127.0.0.1:" + base.server.httpPort + "/hello.txt");
            base.withoutAutoDeploy();
        }
        master.write(HELLO, "version one\n");
        master.write(WEB_XML, GOOD_WEB_XML);
        master.write("webapps/shop/hello.txt", "the shop\n");
        master.write(SHOP_CONTEXT, "<Context/>\n");
        master.write(USERS, users("first"));

        masterTomcat = TomcatProcess.launch(master);
        replicaTomcat = TomcatProcess.launch(replica);
        for (TomcatProcess t : List.of(masterTomcat, replicaTomcat)) {
            t.awaitRipple(START_TIMEOUT);
        }
        for (TomcatBase base : List.of(master, replica)) {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> body(base, "/shop/hello.txt").equals("the shop\n") && body(base, "/hello.txt").equals("version one\n"));
        }
    }

    @AfterAll
    void stop() {
        List.of(masterTomcat, replicaTomcat).parallelStream().forEach(TomcatProcess::close);
    }

    @Test
    @Order(1)
    void aWebappFileReloadsItsContextInsideTheRunningTomcat() throws Exception {
        long masterPid = masterTomcat.tomcatPid();
        long replicaPid = replicaTomcat.tomcatPid();
        String replicaBoot = replicaTomcat.bootId();
        master.write(HELLO, "version two\n");

        JsonNode run = restart(0);

        JsonNode row = row(run, "replica-1");
        assertThat(row.get("state").asText()).as(row.toString()).isEqualTo("RESTARTED");
        assertThat(row.get("detail").asText()).contains("Tomcat reloaded context / on localhost in-process");
        assertThat(row(run, "master").get("state").asText()).isEqualTo("RESTARTED");
        for (TomcatBase base : List.of(master, replica)) {
            assertThat(body(base, "/hello.txt")).as(base.name()).isEqualTo("version two\n");
        }
        assertThat(replicaTomcat.tomcatPid()).as("the replica's Tomcat process").isEqualTo(replicaPid);
        assertThat(masterTomcat.tomcatPid()).as("the master's Tomcat process").isEqualTo(masterPid);
        assertThat(replicaTomcat.bootId()).as("a reload is a restart of the hosted server").isNotEqualTo(replicaBoot);
        assertThat(attribute(replica, SERVER, "RestartCount")).isEqualTo(1L);
    }

    @Test
    @Order(2)
    void aContextFileRedeploysThatContextInsideTheRunningTomcat() throws Exception {
        long replicaPid = replicaTomcat.tomcatPid();
        // Tomcat reads a context file only when it deploys the application: a reload would not apply it
        master.write(SHOP_CONTEXT, "<Context><Valve className=\"org.apache.catalina.valves.RemoteAddrValve\""
                + " allow=\"10\\.9\\.9\\.9\"/></Context>\n");

        JsonNode run = restart(0);

        JsonNode row = row(run, "replica-1");
        assertThat(row.get("state").asText()).as(row.toString()).isEqualTo("RESTARTED");
        assertThat(row.get("detail").asText()).contains("(redeployed) /shop on localhost");
        for (TomcatBase base : List.of(master, replica)) {
            assertThat(get(base, "/shop/hello.txt").statusCode()).as(base.name() + ": the new context file's valve").isEqualTo(403);
            assertThat(body(base, "/hello.txt")).as(base.name() + ": ROOT untouched").isEqualTo("version two\n");
        }
        assertThat(replicaTomcat.tomcatPid()).isEqualTo(replicaPid);
    }

    @Test
    @Order(3)
    void aContextThatDoesNotStartAgainFailsTheTurnAndIsRevertedInsideTheRunningTomcat() throws Exception {
        long replicaPid = replicaTomcat.tomcatPid();
        long versionBefore = (Long) attribute(replica, CONFIG_STORE, "Version");
        master.write(HELLO, "version three\n");
        master.write(WEB_XML, "<web-app broken\n");

        JsonNode run;
        try {
            run = restart(1);
        } finally {
            // the master is not restarted after a failed replica; the next run brings the fix
            master.write(WEB_XML, GOOD_WEB_XML);
        }

        JsonNode row = row(run, "replica-1");
        assertThat(row.get("state").asText()).as(row.toString()).isEqualTo("FAILED");
        assertThat(row.get("detail").asText()).as(row.toString())
                .contains("context / on localhost did not start after its reload (state STOPPED)")
                .contains("reverted to version " + versionBefore + ", serving on it");
        assertThat(body(replica, "/hello.txt")).isEqualTo("version two\n");
        assertThat(replica.read(WEB_XML)).isEqualTo(GOOD_WEB_XML);
        assertThat(attribute(replica, CONFIG_STORE, "Version")).isEqualTo(versionBefore);
        assertThat(attribute(replica, SERVER, "Ready")).isEqualTo(true);
        assertThat(attribute(replica, SERVER, "LastRunOutcome")).isEqualTo("FAILED");
        assertThat(replicaTomcat.tomcatPid()).isEqualTo(replicaPid);
        assertThat(row(run, "master").get("state").asText()).as("not restarted after a failed replica").isEqualTo("SKIPPED");
    }

    @Test
    @Order(4)
    void aChangeToAnyOtherFileStillRestartsTheProcess() throws Exception {
        long masterPid = masterTomcat.tomcatPid();
        long replicaPid = replicaTomcat.tomcatPid();
        master.write(USERS, users("second"));

        JsonNode run = restart(0);

        JsonNode row = row(run, "replica-1");
        assertThat(row.get("state").asText()).as(row.toString()).isEqualTo("RESTARTED");
        assertThat(row.get("detail").asText()).as(row.toString()).contains("process restarted");
        for (TomcatBase base : List.of(master, replica)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> body(base, "/hello.txt").equals("version three\n"));
        }
        assertThat(replica.read(USERS)).contains("second");
        assertThat(replicaTomcat.tomcatPid()).as("the replica's Tomcat process").isNotEqualTo(replicaPid);
        assertThat(masterTomcat.tomcatPid()).as("the master's Tomcat process").isNotEqualTo(masterPid);
    }

    private static final String FILES = """
            files = webapps/shop/**
            files = conf/Catalina/localhost/*.xml
            """;

    private static final String GOOD_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true"/>
            """;

    private static String users(String password) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <user username="reader" password="%s" roles="reader"/>
                </tomcat-users>
                """.formatted(password);
    }

    /** {@code cluster restart -ripple --wait}, which must exit with {@code exitCode}; returns the run as status --json shows it. */
    private JsonNode restart(int exitCode) throws Exception {
        long start = System.nanoTime();
        Result restart = ripple("--as-cluster-account", "cluster", "restart", "-ripple", "--wait");
        System.out.println("TomcatReloadIT: run took " + (System.nanoTime() - start) / 1_000_000 + " ms:\n" + restart.out());
        if (restart.exitCode() != exitCode) {
            throw new AssertionError("exit code " + restart.exitCode() + ", not " + exitCode + ":\n" + restart.all()
                    + "\n--- master ---\n" + masterTomcat.output() + "\n--- replica-1 ---\n" + replicaTomcat.output());
        }
        Result status = ripple("cluster", "status", "--json");
        // status exits with the run's outcome, as restart --wait does: 0 completed, 1 failed
        assertThat(status.exitCode()).as(status.all()).isEqualTo(exitCode);
        return JSON.readTree(status.out());
    }

    private HttpResponse<String> get(TomcatBase base, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.server.httpPort + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String body(TomcatBase base, String path) throws IOException, InterruptedException {
        return get(base, path).body();
    }

    private static Object attribute(TomcatBase base, String mbean, String name) throws Exception {
        try (JMXConnector c = JmxClients.connect(base.server.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            return c.getMBeanServerConnection().getAttribute(new ObjectName(mbean), name);
        }
    }

    private Result ripple(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--conf", master.conf().toString()));
        command.addAll(List.of(args));
        return RippleTool.script(master.dir(), RUN_TIMEOUT, command);
    }
}
