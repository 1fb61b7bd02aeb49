package io.ripple.bench;

import io.ripple.remote.Credentials;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Issue #2's numbers: a node's start-up to Ready against the JVM's own start-up, the heap it uses, and the round trip
 * of an attribute read over JMX RMI and over Jolokia on a kept-alive connection.
 */
final class NodeBenchmark {

    private final Path project;
    private final boolean quick;

    NodeBenchmark(Path project, boolean quick) {
        this.project = project;
        this.quick = quick;
    }

    /** Median start-ups of an empty program and of a node with the same JVM flags, and the last node's numbers. */
    private record Startup(Stats jvm, Stats node, long jvmHeap, long nodeHeap, Map<String, Stats> trips) {
    }

    String run() throws Exception {
        int starts = quick ? 1 : 9;
        int reads = quick ? 20 : 20_000;
        Path root = Files.createTempDirectory("ripple-bench-node");
        Path archive = root.resolve("ripple-node.jsa");
        Startup plain;
        Startup launcher;
        Stats floor;
        try {
            plain = startups(root, "plain", List.of("-Xmx256m"), starts, reads);
            train(root, archive);
            launcher = startups(root, "launcher", launcherFlags(archive), starts, 0);
            floor = floorStartups(root, starts);
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        StringBuilder md = new StringBuilder("## Node runtime (issue #2)\n\n");
        md.append(BenchReport.header("bin/ripple-bench node" + (quick ? " --quick" : "")));
        md.append("| measure | result | target |\n| --- | --- | --- |\n");
        for (Startup s : List.of(plain, launcher)) {
            String flags = s == plain ? "default JVM flags" : "bin/ripple-node's flags: C1 only, class-data sharing archive";
            md.append(String.format("| start-up, %s: empty main / node to Ready (medians of %d) | %.0f ms / %.0f ms | |%n",
                    flags, starts, s.jvm().median(), s.node().median()));
            md.append(String.format("| **start-up beyond the JVM's own**, %s | **%.0f ms** | ≤ 300 ms |%n", flags,
                    s.node().median() - s.jvm().median()));
        }
        md.append(String.format("| start-up, bin/ripple-node's flags: the endpoints alone, no Ripple (logback, the platform MBeanServer,"
                + " the JDK's JMX RMI connector, Jolokia's JVM agent; medians of %d) | %.0f ms, %.0f ms beyond the JVM's own | |%n",
                starts, floor.median(), floor.median() - launcher.jvm().median()));
        md.append(String.format("| Ripple's own share of the node's start-up (node to Ready − the endpoints alone) | %.0f ms | |%n",
                launcher.node().median() - floor.median()));
        md.append(String.format("| heap used after GC: empty JVM / node | %.1f MiB / %.1f MiB | |%n",
                plain.jvmHeap() / 1048576.0, plain.nodeHeap() / 1048576.0));
        md.append(String.format("| heap used by the runtime (difference) | %.1f MiB | |%n",
                (plain.nodeHeap() - plain.jvmHeap()) / 1048576.0));
        for (Map.Entry<String, Stats> trip : plain.trips().entrySet()) {
            md.append(String.format("| %s (n=%d) | median %.3f ms, p99 %.3f ms | %s |%n", trip.getKey(), trip.getValue().count(),
                    trip.getValue().median(), trip.getValue().p99(),
                    trip.getKey().contains("new ") || trip.getKey().contains("invoke") ? ""
                            : trip.getKey().startsWith("JMX") ? "median ≤ 0.2 ms" : "median ≤ 1 ms"));
        }
        md.append("\nStart-up is measured from spawning `java` to the node's `Start completed` line (its hosted server is up), "
                + "for a master with a JMX connector, a Jolokia agent and the sample server, on the class path "
                + "`bin/ripple-node` uses. The archive is recorded by one earlier run, as `bin/ripple-node` does on its first "
                + "start. The endpoints alone (`EndpointFloor`) are what every node starts before Ripple does anything: "
                + "logging, the platform MBeanServer, a JMX RMI connector and a Jolokia agent, without passwords, policy or TLS, "
                + "with an archive of their own recorded the same way; what a node's start costs beyond them is Ripple's.\n");
        return md.toString();
    }

    private Startup startups(Path root, String name, List<String> flags, int starts, int reads) throws Exception {
        double[] jvm = new double[starts];
        long jvmHeap = 0;
        for (int i = 0; i < starts; i++) {
            List<String> command = new java.util.ArrayList<>(List.of(ChildJvm.java()));
            command.addAll(flags.stream().filter(f -> !f.startsWith("-XX:SharedArchiveFile")).toList());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Noop.class.getName()));
            ChildJvm noop = ChildJvm.command(command);
            jvm[i] = noop.awaitExit();
            jvmHeap = Long.parseLong(noop.output().stream().filter(l -> l.startsWith("heap-used ")).findFirst()
                    .orElseThrow().substring(10));
        }
        double[] node = new double[starts];
        long nodeHeap = 0;
        Map<String, Stats> trips = new java.util.LinkedHashMap<>();
        for (int i = 0; i < starts; i++) {
            BenchServer server = new BenchServer(root, name + "-" + i, project);
            server.writeConf("is-master = yes");
            try (ChildJvm child = ChildJvm.command(nodeCommand(flags, server))) {
                node[i] = child.awaitLine(l -> l.contains("Start completed"), 60_000);
                if (i == starts - 1 && reads > 0) {
                    nodeHeap = heapAfterGc(server);
                    trips = roundTrips(server, reads);
                }
            }
        }
        return new Startup(Stats.of(jvm), Stats.of(node), jvmHeap, nodeHeap, trips);
    }

    /** The node as bin/ripple-node runs it: Ripple's library and launcher jars and its libraries, logback configured in code. */
    private List<String> nodeCommand(List<String> flags, BenchServer server) {
        List<String> command = new java.util.ArrayList<>(List.of(ChildJvm.java()));
        command.addAll(flags);
        command.addAll(List.of("-cp", project.resolve("target/ripple.jar") + java.io.File.pathSeparator
                + project.resolve("target/ripple-launcher.jar") + java.io.File.pathSeparator
                + project.resolve("target/lib") + java.io.File.separator + "*", "io.ripple.sample.SampleMain",
                server.conf().toString()));
        return command;
    }

    /**
     * Start-ups of {@link EndpointFloor} with bin/ripple-node's flags and an archive of its own: from a jar, since a
     * class-data sharing archive takes no class folders on the class path.
     */
    private Stats floorStartups(Path root, int starts) throws Exception {
        Path jar = root.resolve("endpoint-floor.jar");
        String entry = EndpointFloor.class.getName().replace('.', '/') + ".class";
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var in = EndpointFloor.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
        }
        Path archive = root.resolve("endpoint-floor.jsa");
        List<String> classPath = List.of("-cp", jar + java.io.File.pathSeparator + project.resolve("target/lib")
                + java.io.File.separator + "*", EndpointFloor.class.getName());
        List<String> training = new java.util.ArrayList<>(List.of(ChildJvm.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:ArchiveClassesAtExit=" + archive));
        training.addAll(classPath);
        training.addAll(floorPorts());
        ChildJvm trained = ChildJvm.command(training);
        trained.awaitLine(l -> l.contains("Start completed"), 60_000);
        trained.close();
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no class-data sharing archive was written for the endpoints alone:\n"
                    + String.join("\n", trained.output()));
        }
        double[] floor = new double[starts];
        for (int i = 0; i < starts; i++) {
            List<String> command = new java.util.ArrayList<>(List.of(ChildJvm.java()));
            command.addAll(launcherFlags(archive));
            command.addAll(classPath);
            command.addAll(floorPorts());
            try (ChildJvm child = ChildJvm.command(command)) {
                floor[i] = child.awaitLine(l -> l.contains("Start completed"), 60_000);
            }
        }
        return Stats.of(floor);
    }

    /** bin/ripple-node's flags with {@code archive}: the node and the endpoints alone start with the same ones. */
    private static List<String> launcherFlags(Path archive) {
        return List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:SharedArchiveFile=" + archive);
    }

    private static List<String> floorPorts() {
        return List.of(Integer.toString(io.ripple.it.FreePorts.next()), Integer.toString(io.ripple.it.FreePorts.next()));
    }

    /** Records the class-data sharing archive with one run, as bin/ripple-node's first start does. */
    private void train(Path root, Path archive) throws Exception {
        BenchServer server = new BenchServer(root, "training", project);
        server.writeConf("is-master = yes");
        ChildJvm child = ChildJvm.command(nodeCommand(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:ArchiveClassesAtExit=" + archive), server));
        child.awaitLine(l -> l.contains("Start completed"), 60_000);
        child.close();
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no class-data sharing archive was written:\n" + String.join("\n", child.output()));
        }
    }

    private static long heapAfterGc(BenchServer server) throws Exception {
        try (JMXConnector c = connect(server)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            mbs.invoke(memory, "gc", new Object[0], new String[0]);
            return (Long) ((CompositeData) mbs.getAttribute(memory, "HeapMemoryUsage")).get("used");
        }
    }

    private static JMXConnector connect(BenchServer server) throws Exception {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {"admin", "admin-secret"});
        return JMXConnectorFactory.connect(new JMXServiceURL(server.jmxUrl()), env);
    }

    private static Map<String, Stats> roundTrips(BenchServer server, int reads) throws Exception {
        Map<String, Stats> out = new java.util.LinkedHashMap<>();
        ObjectName store = new ObjectName("ripple:type=ConfigStore");
        ObjectName cluster = new ObjectName("ripple:type=Cluster");
        int fresh = Math.min(20, reads);
        try (JMXConnector c = connect(server)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            out.put("JMX RMI read ConfigStore Version", time(reads, () -> mbs.getAttribute(store, "Version")));
            out.put("JMX RMI invoke Cluster statusJson", time(reads, () -> mbs.invoke(cluster, "statusJson", new Object[0], new String[0])));
        }
        out.put("JMX RMI read, new connection each time", timeFew(fresh, () -> {
            try (JMXConnector c = connect(server)) {
                return c.getMBeanServerConnection().getAttribute(store, "Version");
            }
        }));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest read = HttpRequest.newBuilder(URI.create(server.jolokiaUrl()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"read\",\"mbean\":\"ripple:type=ConfigStore\",\"attribute\":\"Version\"}"))
                .build();
        out.put("Jolokia HTTP read, kept-alive (java.net.http)", time(reads, () -> {
            HttpResponse<String> r = http.send(read, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode());
            }
            return r;
        }));
        RemoteConnector connector = new RemoteConnector(new Credentials("admin", "admin-secret"));
        try (RemoteServer remote = connector.open(server.jolokiaUrl())) {
            out.put("Jolokia read through jolokia-client-java (Ripple's client)", time(reads, () -> remote.configStore().getVersion()));
            out.put("Jolokia invoke through jolokia-client-java", time(reads, () -> remote.cluster().statusJson()));
        }
        out.put("Jolokia read through jolokia-client-java, new client each time", timeFew(fresh, () -> {
            try (RemoteServer remote = connector.open(server.jolokiaUrl())) {
                return remote.configStore().getVersion();
            }
        }));
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {"admin", "admin-secret"});
        JMXServiceURL adapterUrl = new JMXServiceURL("service:jmx:jolokia://127.0.0.1:" + server.jolokiaPort + "/jolokia/");
        try (JMXConnector c = JMXConnectorFactory.connect(adapterUrl, env)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            out.put("Jolokia read through jolokia-client-jmx-adapter", time(reads, () -> mbs.getAttribute(store, "Version")));
            out.put("Jolokia invoke through jolokia-client-jmx-adapter", time(reads,
                    () -> mbs.invoke(cluster, "statusJson", new Object[0], new String[0])));
        }
        return out;
    }

    /** For calls that open a connection each time: a short warm-up, so that closed connections do not pile up. */
    private static Stats timeFew(int n, Callable<?> call) throws Exception {
        for (int i = 0; i < 3; i++) {
            call.call();
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - start;
        }
        return Stats.ofNanosAsMillis(nanos);
    }

    private static Stats time(int n, Callable<?> call) throws Exception {
        for (int i = 0; i < Math.max(Math.min(200, n), n / 5); i++) {
            call.call();
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - start;
        }
        return Stats.ofNanosAsMillis(nanos);
    }
}
