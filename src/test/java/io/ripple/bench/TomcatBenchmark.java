package io.ripple.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Issue #17's numbers: on two unmodified Tomcat servers with the agent ({@code restart=tomcat}, {@code ready-url}), the
 * time from a cluster restart request to the replica serving the new content, for a change to a web application file
 * (Tomcat reloads the context in-process) and for a change that also touches {@code conf/tomcat-users.xml} (the process
 * restarts). Needs the Tomcat the build unpacks into {@code target/tomcat} ({@code mvn verify}, or TomcatIT once).
 */
final class TomcatBenchmark {

    private static final long POLL_MILLIS = 20;
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private static final long RUN_TIMEOUT_MILLIS = 120_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path project;
    private final boolean quick;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    TomcatBenchmark(Path project, boolean quick) {
        this.project = project;
        this.quick = quick;
    }

    /** The Tomcat the build unpacked, if it did. */
    static Optional<Path> tomcatHome(Path project) throws IOException {
        Path unpacked = project.resolve("target/tomcat");
        if (!Files.isDirectory(unpacked)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(unpacked)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("apache-tomcat-"))
                    .filter(d -> Files.isRegularFile(d.resolve("bin/catalina.sh"))).findFirst();
        }
    }

    String run() throws Exception {
        Optional<Path> home = tomcatHome(project);
        StringBuilder md = new StringBuilder("## Tomcat: context reload against process restart (issue #17)\n\n");
        md.append(BenchReport.header("bin/ripple-bench tomcat" + (quick ? " --quick" : "")));
        if (home.isEmpty()) {
            return md.append("Skipped: no Tomcat in target/tomcat (`mvn verify` unpacks it).\n").toString();
        }
        int runs = quick ? 1 : 5;
        md.append(String.format("Tomcat %s; system load average when it began: %.1f.%n%n", home.get().getFileName(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Path root = Files.createTempDirectory("ripple-bench-tomcat");
        double[][] reload = new double[2][runs];
        double[][] process = new double[2][runs];
        try {
            BenchServer masterDir = new BenchServer(root, "master", project);
            BenchServer replicaDir = new BenchServer(root, "replica", project);
            TomcatBase master = new TomcatBase(masterDir, home.get(), project);
            TomcatBase replica = new TomcatBase(replicaDir, home.get(), project);
            master.writeConf("is-master = yes\nmax-wait-time = 60\nreplica = replica " + replicaDir.jmxUrl());
            replica.writeConf("is-master = no\nmaster-name = master\nmaster-url = " + masterDir.jmxUrl());
            master.write("webapps/ROOT/hello.txt", "start\n");
            master.write("conf/tomcat-users.xml", users(0));
            try (TomcatBase.Running m = master.launch(); TomcatBase.Running r = replica.launch()) {
                awaitBody(replicaDir, "start\n", START_TIMEOUT_MILLIS, m, r);
                for (int i = 0; i < runs; i++) {
                    measure(masterDir, replicaDir, master, "reload " + i, false, reload, i, m, r);
                    measure(masterDir, replicaDir, master, "process " + i, true, process, i, m, r);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        md.append("| change reaching the replica (median of ").append(runs)
                .append(") | request → new content served | replica's row: request → Ready |\n| --- | --- | --- |\n");
        md.append(row("`webapps/ROOT/hello.txt`: context `/` reloaded in-process (`restart=tomcat`)", reload));
        md.append(row("the same and `conf/tomcat-users.xml`: process restart (exit 75, `bin/ripple-supervise`)", process));
        md.append("\nA master and one replica, each an unmodified Tomcat under `bin/ripple-supervise` with "
                + "`-javaagent:ripple-agent.jar=conf=…,restart=tomcat,ready-url=http://127.0.0.1:PORT/hello.txt`, autoDeploy off; "
                + "a parallel cluster restart over JMX after each change on the master. *Request → new content served*: from "
                + "the benchmark's `restart` call until the replica's HTTP connector answers `GET /hello.txt` with the new text "
                + "(polled every " + POLL_MILLIS + " ms). *Replica's row*: the run status's `requestedAt` to `endedAt` for the "
                + "replica, which reports RESTARTED only after `ready-url` answered for `ready-checks` (default 3) probes "
                + "200 ms apart. The master's own restart (last) is not in either column.\n");
        return md.toString();
    }

    private static String row(String label, double[][] times) {
        return String.format("| %s | %.0f ms | %.0f ms |%n", label, Stats.of(times[0]).median(), Stats.of(times[1]).median());
    }

    private void measure(BenchServer masterDir, BenchServer replicaDir, TomcatBase master, String tag, boolean alsoUsers,
                         double[][] into, int i, TomcatBase.Running m, TomcatBase.Running r) throws Exception {
        String content = "benchmark " + tag + "\n";
        master.write("webapps/ROOT/hello.txt", content);
        if (alsoUsers) {
            master.write("conf/tomcat-users.xml", users(i + 1));
        }
        try (JMXConnector c = connect(masterDir)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName cluster = new ObjectName("ripple:type=Cluster");
            long start = System.nanoTime();
            mbs.invoke(cluster, "restart", new Object[] {false}, new String[] {"boolean"});
            into[0][i] = awaitBody(replicaDir, content, RUN_TIMEOUT_MILLIS, m, r) - start / 1e6;
        }
        JsonNode row = awaitRow(masterDir, m, r);
        if (!row.get("state").asText().equals("RESTARTED")) {
            throw new IllegalStateException("replica ended " + row + "\n" + r.output());
        }
        String detail = row.get("detail").asText();
        if (detail.contains("in-process") == alsoUsers) {
            throw new IllegalStateException("the " + tag + " run took the other path: " + detail);
        }
        into[1][i] = Instant.parse(row.get("endedAt").asText()).toEpochMilli() - Instant.parse(row.get("requestedAt").asText()).toEpochMilli();
    }

    /** Until the replica serves {@code content}; the time it did, in {@link System#nanoTime()} milliseconds. */
    private double awaitBody(BenchServer server, String content, long timeoutMillis, TomcatBase.Running m, TomcatBase.Running r)
            throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort + "/hello.txt"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().equals(content)) {
                    return System.nanoTime() / 1e6;
                }
            } catch (IOException e) {
                // not serving yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the replica did not serve '" + content.strip() + "' within " + timeoutMillis
                        + " ms\n--- master ---\n" + m.output() + "\n--- replica ---\n" + r.output());
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // a poll interval inside the deadline above
        }
    }

    private static JsonNode awaitRow(BenchServer master, TomcatBase.Running m, TomcatBase.Running r) throws Exception {
        long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MILLIS;
        while (true) {
            try (JMXConnector c = connect(master)) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                ObjectName cluster = new ObjectName("ripple:type=Cluster");
                if (!(Boolean) mbs.getAttribute(cluster, "InProgress")) {
                    JsonNode status = JSON.readTree((String) mbs.invoke(cluster, "statusJson", new Object[0], new String[0]));
                    for (JsonNode row : status.get("servers")) {
                        if (row.get("name").asText().equals("replica")) {
                            return row;
                        }
                    }
                    throw new IllegalStateException("no replica row in " + status);
                }
            } catch (IOException e) {
                // the master restarting itself (step 7) after a process restart: ask again
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the run did not end\n--- master ---\n" + m.output() + "\n--- replica ---\n" + r.output());
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // a poll interval inside the deadline above
        }
    }

    private static JMXConnector connect(BenchServer server) throws IOException {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {"admin", "admin-secret"});
        return JMXConnectorFactory.connect(new JMXServiceURL(server.jmxUrl()), env);
    }

    private static String users(int n) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <user username="reader" password="secret-%d" roles="reader"/>
                </tomcat-users>
                """.formatted(n);
    }

    /** A CATALINA_BASE in a benchmark server's folder, as docs/EMBEDDING.md lays it out, with restart=tomcat. */
    private static final class TomcatBase {

        private final BenchServer server;
        private final Path home;
        private final Path project;

        TomcatBase(BenchServer server, Path home, Path project) throws IOException {
            this.server = server;
            this.home = home;
            this.project = project;
            for (String folder : List.of("conf", "logs", "temp", "work", "webapps/ROOT", "bin")) {
                Files.createDirectories(server.dir.resolve(folder));
            }
            try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
                for (Path file : (Iterable<Path>) conf::iterator) {
                    Files.copy(file, server.dir.resolve("conf").resolve(file.getFileName()));
                }
            }
            String xml = Files.readString(home.resolve("conf/server.xml"))
                    .replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                    .replace("<Connector port=\"8080\"", "<Connector port=\"" + server.httpPort + "\" bindOnInit=\"false\"")
                    .replace("autoDeploy=\"true\"", "autoDeploy=\"false\"");
            write("conf/server.xml", xml);
            write("bin/setenv.sh", "CATALINA_OPTS=\"$CATALINA_OPTS -javaagent:" + project.resolve("target/ripple-agent.jar")
                    + "=conf=$CATALINA_BASE/ripple.conf,restart=tomcat,ready-url=http://127.0.0.1:" + server.httpPort
                    + "/hello.txt\"\nCATALINA_OPTS=\"$CATALINA_OPTS -Xmx128m\"\n");
        }

        void write(String relative, String content) throws IOException {
            Path file = server.dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }

        void writeConf(String cluster) throws IOException {
            write("ripple.conf", """
                    [server]
                    name = %s
                    data-dir = ripple-data
                    [cluster]
                    credentials-file = cluster.credentials
                    %s
                    [jmx]
                    host = 127.0.0.1
                    port = %d
                    password-file = jmxremote.password
                    access-file = jmxremote.access
                    [jolokia]
                    host = 127.0.0.1
                    port = %d
                    policy-file = jolokia-access.xml
                    [cfg-db:files]
                    files = webapps/ROOT/**
                    files = conf/tomcat-users.xml
                    """.formatted(server.name, cluster, server.jmxPort, server.jolokiaPort));
        }

        /** {@code setsid bin/ripple-supervise -- catalina.sh run}: its own process group, ended as one. */
        Running launch() throws IOException {
            Path output = server.dir.resolve("logs/supervised.out");
            ProcessBuilder builder = new ProcessBuilder("setsid", "bash", project.resolve("bin/ripple-supervise").toString(), "--",
                    home.resolve("bin/catalina.sh").toString(), "run").redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("CATALINA_") || k.equals("JAVA_OPTS") || k.equals("JRE_HOME"));
            env.put("CATALINA_HOME", home.toString());
            env.put("CATALINA_BASE", server.dir.toString());
            env.put("JAVA_HOME", System.getProperty("java.home"));
            return new Running(builder.start(), output, server.dir.resolve("ripple-data/ripple-agent.log"));
        }

        record Running(Process supervisor, Path console, Path rippleLog) implements AutoCloseable {

            String output() {
                StringBuilder text = new StringBuilder();
                for (Path file : List.of(console, rippleLog)) {
                    try {
                        text.append(Files.exists(file) ? Files.readString(file) : "(no " + file.getFileName() + ")\n");
                    } catch (IOException e) {
                        text.append("(unreadable: ").append(e.getMessage()).append(")\n");
                    }
                }
                return text.toString();
            }

            @Override
            public void close() throws InterruptedException, IOException {
                supervisor.destroy();
                supervisor.waitFor(15, TimeUnit.SECONDS);
                new ProcessBuilder("kill", "-KILL", "--", "-" + supervisor.pid()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
                supervisor.destroyForcibly();
            }
        }
    }
}
