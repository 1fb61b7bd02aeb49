package io.ripple.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.cluster.ClusterBean;
import io.ripple.cluster.ClusterProtocolBean;
import io.ripple.cluster.Coordinator;
import io.ripple.cluster.MasterSide;
import io.ripple.cluster.Run;
import io.ripple.cluster.RunJournal;
import io.ripple.cluster.RunStarted;
import io.ripple.cluster.RunTracker;
import io.ripple.management.JmxEndpoint;
import io.ripple.management.JmxSettings;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.JolokiaSettings;
import io.ripple.management.MBeanRegistry;
import io.ripple.remote.Credentials;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerFactory;

/**
 * Issue #3's numbers: a cluster restart's wall time against the ideal — parallel against its slowest replica, ripple
 * against the sum of its replicas — on real processes and on simulated replicas in this JVM.
 */
final class ClusterBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OWN_MILLIS = Pattern.compile("\\((\\d+) ms\\)\\s*$");

    private final Path project;
    private final boolean quick;

    ClusterBenchmark(Path project, boolean quick) {
        this.project = project;
        this.quick = quick;
    }

    String run() throws Exception {
        StringBuilder md = new StringBuilder("## Cluster restart against the ideal (issue #3)\n\n");
        md.append(BenchReport.header("bin/ripple-bench cluster" + (quick ? " --quick" : "")));
        md.append("### Real processes: a master and 3 replicas, each its own JVM\n\n");
        md.append("Ideal = the replicas' own sync-and-restart time as each replica measured it (parallel: the slowest; "
                + "ripple: the sum) plus the master's own restart. Overhead = wall time − ideal.\n\n");
        md.append("| transport (master → replicas) | mode | wall | ideal | overhead | per replica |\n| --- | --- | --- | --- | --- | --- |\n");
        if (quick) {
            realProcesses(null, md);
        } else {
            for (boolean jolokia : new boolean[] {false, true}) {
                realProcesses(jolokia, md);
            }
        }
        md.append("\n### Simulated replicas in this JVM\n\n");
        md.append("Each replica has its own MBeanServer and its own JMX connector or Jolokia agent on its own port, answers syncAndRestart at once, "
                + "finishes after a fixed restart time and reports to the master; the master is the real Coordinator. "
                + "It measures what coordination costs, not what a real restart costs.\n\n");
        md.append("| transport | replicas | restart | mode | wall | ideal | overhead | per replica |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (boolean jolokia : new boolean[] {false, true}) {
            for (int n : quick ? new int[] {3} : new int[] {10, 100}) {
                for (long restart : new long[] {0, 50}) {
                    simulated(n, restart, false, jolokia, md);
                    simulated(n, restart, true, jolokia, md);
                }
            }
        }
        return md.toString();
    }

    /**
     * One cluster of real processes; {@code jolokia} null mixes the transports (replica-2 over Jolokia, the others over
     * JMX RMI), so that --quick runs both with one set of processes.
     */
    private void realProcesses(Boolean jolokia, StringBuilder md) throws Exception {
        Path root = Files.createTempDirectory("ripple-bench-cluster");
        BenchServer master = new BenchServer(root, "master", project);
        List<BenchServer> replicas = new ArrayList<>();
        StringBuilder lines = new StringBuilder("is-master = yes\nmax-wait-time = 60\n");
        for (int i = 1; i <= 3; i++) {
            BenchServer r = new BenchServer(root, "replica-" + i, project);
            replicas.add(r);
            boolean overJolokia = jolokia == null ? i == 2 : jolokia;
            lines.append("replica = ").append(r.name).append(' ').append(overJolokia ? r.jolokiaUrl() : r.jmxUrl()).append('\n');
        }
        master.writeConf(lines.toString());
        List<ChildJvm> children = new ArrayList<>();
        Path logback = project.resolve("jmx-config/logback.xml");
        try {
            ChildJvm m = ChildJvm.start("io.ripple.sample.SampleMain", logback, master.conf().toString());
            children.add(m);
            m.awaitLine(l -> l.contains("Start completed"), 60_000);
            for (BenchServer r : replicas) {
                r.writeConf("master-name = master\nmaster-url = " + master.jmxUrl());
                ChildJvm c = ChildJvm.start("io.ripple.sample.SampleMain", logback, r.conf().toString());
                children.add(c);
                c.awaitLine(l -> l.contains("Start completed"), 60_000);
            }
            RemoteConnector connector = new RemoteConnector(new Credentials("admin", "admin-secret"));
            int runs = quick ? 1 : 5;
            for (boolean ripple : new boolean[] {false, true}) {
                double[] overhead = new double[runs];
                double[] wall = new double[runs];
                double[] ideal = new double[runs];
                for (int i = 0; i < runs; i++) {
                    Files.writeString(master.dir.resolve("junctions/app.json"),
                            "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:" + (1000 + i) + "\", \"ripple\": " + ripple + "}\n");
                    JsonNode status = runAndWait(connector, master.jmxUrl(), ripple);
                    if (!"COMPLETED".equals(status.get("state").asText())) {
                        throw new IllegalStateException("run did not complete: " + status);
                    }
                    wall[i] = millis(status, "endedAt") - millis(status, "startedAt");
                    double sum = 0;
                    double max = 0;
                    double masterOwn = 0;
                    for (JsonNode row : status.get("servers")) {
                        if (row.get("role").asText().equals("master")) {
                            masterOwn = millis(row, "endedAt") - millis(row, "startedAt");
                        } else {
                            double own = ownMillis(row.get("detail").asText());
                            sum += own;
                            max = Math.max(max, own);
                        }
                    }
                    ideal[i] = (ripple ? sum : max) + masterOwn;
                    overhead[i] = wall[i] - ideal[i];
                }
                Stats o = Stats.of(overhead);
                md.append(String.format("| %s | %s | %.0f ms | %.0f ms | %.0f ms | %.1f ms |%n",
                        jolokia == null ? "JMX RMI and Jolokia" : jolokia ? "Jolokia" : "JMX RMI",
                        ripple ? "ripple" : "parallel", Stats.of(wall).median(), Stats.of(ideal).median(), o.median(), o.median() / 3));
            }
        } finally {
            for (ChildJvm c : children) {
                c.close();
            }
        }
    }

    private static JsonNode runAndWait(RemoteConnector connector, String url, boolean ripple) throws Exception {
        try (RemoteServer master = connector.open(url)) {
            String runId = RunStarted.runId(master.cluster().restart(ripple)).orElseThrow();
            long deadline = System.currentTimeMillis() + 120_000;
            while (master.cluster().isInProgress()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("run " + runId + " did not end");
                }
                Thread.onSpinWait();
            }
            return JSON.readTree(master.cluster().statusJson());
        }
    }

    private static double millis(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText()).toEpochMilli();
    }

    static double ownMillis(String detail) {
        Matcher m = OWN_MILLIS.matcher(detail);
        if (!m.find()) {
            throw new IllegalStateException("no own time in '" + detail + "'");
        }
        return Double.parseDouble(m.group(1));
    }

    private void simulated(int n, long restartMillis, boolean ripple, boolean jolokia, StringBuilder md) throws Exception {
        Path dataDir = Files.createTempDirectory("ripple-bench-sim");
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        // the simulated replicas report on ClusterProtocol, which takes only calls that carry a server's claim
        RemoteConnector connector = new RemoteConnector(Credentials.NONE)
                .claiming(() -> new io.ripple.management.ClusterClaim("simulated-replica", ""));
        List<SimulatedReplica> replicas = new ArrayList<>();
        javax.management.MBeanServer masterMbs = MBeanServerFactory.newMBeanServer();
        try (MBeanRegistry registry = new MBeanRegistry(masterMbs);
             JolokiaEndpoint masterAgent = JolokiaEndpoint.start(new JolokiaSettings("127.0.0.1", 0, null, null, null, masterMbs));
             JmxEndpoint masterEndpoint = JmxEndpoint.start(new JmxSettings("127.0.0.1", 0, null, null), masterMbs);
             RunJournal journal = new RunJournal(dataDir)) {
            Map<String, String> urls = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
                SimulatedReplica r = new SimulatedReplica("replica-" + i, restartMillis,
                        jolokia ? masterAgent.url() : masterEndpoint.url().toString(), connector, timer, jolokia);
                replicas.add(r);
                urls.put("replica-" + i, r.url());
            }
            FixedMaster master = new FixedMaster();
            ClusterBean bean = new ClusterBean(urls);
            RunTracker tracker = new RunTracker(journal, "master", bean::notify);
            try (Coordinator coordinator = new Coordinator(master, urls, connector, tracker, 120)) {
                bean.attach(coordinator);
                registry.register(ClusterMXBean.OBJECT_NAME, bean, ClusterMXBean.class);
                registry.register(ClusterProtocolMXBean.OBJECT_NAME, new ClusterProtocolBean(coordinator),
                        ClusterProtocolMXBean.class);
                int runs = quick ? 2 : 5;
                double[] wall = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    coordinator.restart(ripple, "benchmark");
                    while (coordinator.inProgress()) {
                        Thread.onSpinWait();
                    }
                    wall[i] = (System.nanoTime() - start) / 1e6;
                    Run run = coordinator.current();
                    if (!run.failedServers().isEmpty()) {
                        throw new IllegalStateException("failed: " + run.failedServers());
                    }
                }
                // the first run opens the connections; the others show the steady state
                double w = Stats.of(java.util.Arrays.copyOfRange(wall, 1, runs)).median();
                double ideal = ripple ? n * restartMillis : restartMillis;
                md.append(String.format("| %s | %d | %d ms | %s | %.0f ms | %.0f ms | %.0f ms | %.2f ms |%n",
                        jolokia ? "Jolokia" : "JMX RMI", n, restartMillis,
                        ripple ? "ripple" : "parallel", w, ideal, w - ideal, (w - ideal) / n));
            }
        } finally {
            replicas.forEach(SimulatedReplica::close);
            timer.shutdownNow();
            try (var walk = Files.walk(dataDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A master whose configuration never needs its own restart: the run ends when the replicas are done. */
    private static final class FixedMaster implements MasterSide {
        private final AtomicLong version = new AtomicLong(1);

        @Override public String name() { return "master"; }
        @Override public void validate() { }
        @Override public long refresh() { return version.incrementAndGet(); }
        @Override public long refreshlessVersion() { return version.get(); }
        @Override public String digest(long v) { return "digest-" + v; }
        @Override public String diskDigest() { return "digest-" + version.get(); }
        @Override public long appliedVersion() { return Long.MAX_VALUE; }
        @Override public void restart(long v, String reason) { }
        @Override public long restore(long v, String by) { throw new IllegalStateException("the benchmark keeps no history"); }
        @Override public java.util.List<io.ripple.config.PublishedVersion> history() { return java.util.List.of(); }
    }
}
