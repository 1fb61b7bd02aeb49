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

    String run() throws Exception {
        int starts = quick ? 2 : 9;
        int reads = quick ? 500 : 20_000;
        double[] jvm = new double[starts];
        long jvmHeap = 0;
        for (int i = 0; i < starts; i++) {
            ChildJvm noop = ChildJvm.start(Noop.class.getName(), null);
            jvm[i] = noop.awaitExit();
            jvmHeap = Long.parseLong(noop.output().stream().filter(l -> l.startsWith("heap-used ")).findFirst()
                    .orElseThrow().substring(10));
        }
        double[] node = new double[starts];
        long nodeHeap = 0;
        Map<String, Stats> trips = new java.util.LinkedHashMap<>();
        Path root = Files.createTempDirectory("ripple-bench-node");
        try {
            for (int i = 0; i < starts; i++) {
                BenchServer server = new BenchServer(root, "master-" + i, project);
                server.writeConf("is-master = yes");
                try (ChildJvm child = ChildJvm.start("io.ripple.sample.SampleMain", project.resolve("jmx-config/logback.xml"),
                        server.conf().toString())) {
                    node[i] = child.awaitLine(l -> l.contains("Start completed"), 60_000);
                    if (i == starts - 1) {
                        nodeHeap = heapAfterGc(server);
                        trips = roundTrips(server, reads);
                    }
                }
            }
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Stats jvmStart = Stats.of(jvm);
        Stats nodeStart = Stats.of(node);
        StringBuilder md = new StringBuilder("## Node runtime (issue #2)\n\n");
        md.append(BenchReport.header("bin/ripple-bench node" + (quick ? " --quick" : "")));
        md.append("| measure | result | target |\n| --- | --- | --- |\n");
        md.append(String.format("| JVM start-up, empty main (median of %d) | %.0f ms | |%n", starts, jvmStart.median()));
        md.append(String.format("| node start-up to Ready: master with JMX, Jolokia, sample server (median of %d) | %.0f ms | |%n",
                starts, nodeStart.median()));
        md.append(String.format("| start-up beyond the JVM's own | %.0f ms | ≤ 300 ms |%n", nodeStart.median() - jvmStart.median()));
        md.append(String.format("| heap used after GC: empty JVM / node | %.1f MiB / %.1f MiB | |%n", jvmHeap / 1048576.0, nodeHeap / 1048576.0));
        md.append(String.format("| heap used by the runtime (difference) | %.1f MiB | |%n", (nodeHeap - jvmHeap) / 1048576.0));
        for (Map.Entry<String, Stats> trip : trips.entrySet()) {
            md.append(String.format("| %s (n=%d) | median %.3f ms, p99 %.3f ms | %s |%n", trip.getKey(), trip.getValue().count(),
                    trip.getValue().median(), trip.getValue().p99(),
                    trip.getKey().startsWith("JMX") ? "median ≤ 0.2 ms" : "median ≤ 1 ms"));
        }
        md.append("\nStart-up is measured from spawning `java` to the node's `Start completed` line (its hosted server is up); "
                + "the child JVMs run with ").append(String.join(" ", ChildJvm.JVM_FLAGS)).append(".\n");
        return md.toString();
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
        try (JMXConnector c = connect(server)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            out.put("JMX RMI read ConfigStore Version", time(reads, () -> mbs.getAttribute(store, "Version")));
        }
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
        try (RemoteServer remote = new RemoteConnector(new Credentials("admin", "admin-secret")).open(server.jolokiaUrl())) {
            out.put("Jolokia read through Ripple's client", time(reads, () -> remote.configStore().getVersion()));
        }
        return out;
    }

    private static Stats time(int n, Callable<?> call) throws Exception {
        for (int i = 0; i < Math.max(200, n / 5); i++) {
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
