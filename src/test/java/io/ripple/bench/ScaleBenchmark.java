package io.ripple.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.ClusterMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.node.Node;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Issue #8's numbers: a cluster restart's coordination overhead against the ideal with up to 500 replicas, the master's
 * threads and heap, and the sync of a 100 MB configuration of 10,000 files, full and incremental. Every server is the
 * real node runtime ({@link Node}) in this JVM with its own MBeanServer, endpoints and folders; only the hosted server
 * is simulated ({@link SimulatedHost}: it takes a set time to start).
 */
final class ScaleBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The head of both sync tables: {@link #sync} writes a row's CPU time for the full sync. */
    private static final String SYNC_TABLE = "| transport | what | files | bytes moved | time | throughput | CPU time |\n"
            + "| --- | --- | --- | --- | --- | --- | --- |\n";
    private final Path project;
    private final boolean quick;
    private final AtomicInteger changes = new AtomicInteger();

    ScaleBenchmark(Path project, boolean quick) {
        this.project = project;
        this.quick = quick;
    }

    /** One server of the benchmark: its folder, its MBeanServer and its running node. */
    private record Server(String name, Path dir, MBeanServer mbs, int jmxPort, int jolokiaPort, Node node) {
        String url(boolean jolokia) {
            return jolokia ? "http://127.0.0.1:" + jolokiaPort + "/jolokia/" : "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
        }
    }

    String run() throws Exception {
        StringBuilder md = new StringBuilder("## Scale: up to 500 replicas, 100 MB configurations (issue #8)\n\n");
        md.append(BenchReport.header("bin/ripple-bench scale" + (quick ? " --quick" : "")));
        md.append("Every server is the real node runtime in one JVM with its own MBeanServer, JMX connector or Jolokia agent, "
                + "port and folders; the hosted server is simulated and takes the given time to start. Each run changes one "
                + "replicated file, so every replica really syncs. Ideal = the replicas' own sync-and-restart times as they "
                + "measured them (parallel: the slowest; ripple: the sum) plus the master's own restart. Each figure is the "
                + "median of the measured runs, after warm-up runs (the notes below the table give the counts at 100 "
                + "replicas and more).\n\n");
        md.append("| transport | replicas | restart | mode | wall | ideal | overhead | per replica | CPU per replica |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        List<String> notes = new ArrayList<>();
        // -Dripple.bench.scale.only=jolokia-100 (or jmx-500-50-ripple, ...): the cases whose name starts so, no sync; for A/B runs
        String only = System.getProperty("ripple.bench.scale.only", "");
        for (boolean jolokia : new boolean[] {false, true}) {
            for (int n : quick ? new int[] {2} : jolokia ? new int[] {1, 10, 100} : new int[] {1, 10, 100, 500}) {
                String name = (jolokia ? "jolokia-" : "jmx-") + n + "-";
                if (only.isEmpty() || name.startsWith(only + "-") || only.startsWith(name)) {
                    coordination(n, jolokia, md, notes, only);
                }
            }
        }
        md.append('\n');
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        if (!only.isEmpty()) {
            return md.toString();
        }
        md.append("\n### Sync of a large configuration\n\n").append(SYNC_TABLE);
        for (boolean jolokia : new boolean[] {false, true}) {
            sync(jolokia, quick ? 100 : 10_000, 10 * 1024, md);
        }
        return md.toString();
    }

    /** The same sync with a few large files: what the transport and the disk do when per-file costs are small. */
    String runLargeFiles() throws Exception {
        StringBuilder md = new StringBuilder("### Sync of a configuration of large files\n\n");
        md.append(BenchReport.header("bin/ripple-bench sync" + (quick ? " --quick" : "")));
        md.append("CPU time = the benchmark JVM's (master and replica together, both sides of the transport) during the full sync.\n\n");
        md.append(SYNC_TABLE);
        for (boolean jolokia : new boolean[] {false, true}) {
            sync(jolokia, quick ? 8 : 100, 1024 * 1024, md);
        }
        return md.toString();
    }

    private void coordination(int n, boolean jolokia, StringBuilder md, List<String> notes, String only) throws Exception {
        Path root = Files.createTempDirectory("ripple-bench-scale");
        reserved = new PortReservation(n + 2);
        List<Server> replicas = new ArrayList<>();
        Server master = null;
        try {
            int masterJmx = reserved.take();
            int masterJolokia = jolokia ? reserved.take() : 0;
            List<int[]> ports = new ArrayList<>();
            StringBuilder lines = new StringBuilder("is-master = yes\nmax-wait-time = 300\n");
            for (int i = 1; i <= n; i++) {
                int[] p = {jolokia ? 0 : reserved.take(), jolokia ? reserved.take() : 0};
                ports.add(p);
                lines.append("replica = replica-").append(i).append(' ').append(jolokia
                        ? "http://127.0.0.1:" + p[1] + "/jolokia/" : "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + p[0] + "/jmxrmi").append('\n');
            }
            SimulatedHost.restartMillis = 0;
            master = server(root, "master", masterJmx, masterJolokia, lines.toString(), 0);
            String masterUrl = master.url(jolokia);
            for (int i = 1; i <= n; i++) {
                replicas.add(server(root, "replica-" + i, ports.get(i - 1)[0], ports.get(i - 1)[1],
                        "master-name = master\nmaster-url = " + masterUrl + "\nready-checks = 1\nmax-wait-time = 300\n", 0));
            }
            ClusterMXBean cluster = JMX.newMXBeanProxy(master.mbs(), new ObjectName(ClusterMXBean.OBJECT_NAME), ClusterMXBean.class);
            int measured = Integer.getInteger("ripple.bench.scale.runs", quick || n > 100 ? 1 : 3);
            // At 100 replicas in one JVM the JIT is still compiling a turn's code through the first runs (each run calls
            // it 100 times), and a run's overhead falls by a third over its first five: measured after that.
            int warmUps = Integer.getInteger("ripple.bench.scale.warm-ups", quick || n != 100 ? 1 : 4);
            int maxCallThreads = 0;
            for (long restart : new long[] {0, 50}) {
                SimulatedHost.restartMillis = restart;
                for (boolean ripple : new boolean[] {false, true}) {
                    String name = (jolokia ? "jolokia-" : "jmx-") + n + "-" + restart + "-" + (ripple ? "ripple" : "parallel");
                    if (!only.isEmpty() && !(name + "-").startsWith(only + "-")) {
                        continue;
                    }
                    double[] overhead = new double[measured];
                    double[] wall = new double[measured];
                    double[] ideal = new double[measured];
                    double[] cpu = new double[measured];
                    for (int i = -warmUps; i < measured; i++) { // the runs before 0 warm up the connections and the JIT
                        change(master);
                        long cpuBefore = processCpuNanos();
                        JsonNode status = runAndWait(cluster, ripple);
                        long cpuUsed = processCpuNanos() - cpuBefore;
                        maxCallThreads = Math.max(maxCallThreads, callThreads());
                        if (i < 0) {
                            continue;
                        }
                        double[] r = wallAndIdeal(status, ripple);
                        wall[i] = r[0];
                        ideal[i] = r[1];
                        overhead[i] = r[0] - r[1];
                        cpu[i] = cpuUsed / 1e6 / n;
                    }
                    double o = Stats.of(overhead).median();
                    md.append(String.format("| %s | %d | %d ms | %s | %.0f ms | %.0f ms | %.0f ms | %.2f ms | %.1f ms |%n", jolokia ? "Jolokia" : "JMX RMI",
                            n, restart, ripple ? "ripple" : "parallel", Stats.of(wall).median(), Stats.of(ideal).median(), o, o / n,
                            Stats.of(cpu).median()));
                    if (n >= 100) {
                        StringBuilder each = new StringBuilder();
                        for (double run : overhead) {
                            each.append(each.length() == 0 ? "" : ", ").append(String.format("%.2f", run / n));
                        }
                        notes.add(String.format("%s, %d replicas, %d ms, %s: overhead per replica by run, after %d warm-up run%s: %s ms.",
                                jolokia ? "Jolokia" : "JMX RMI", n, restart, ripple ? "ripple" : "parallel", warmUps,
                                warmUps == 1 ? "" : "s", each));
                    }
                }
            }
            if (n >= 100) {
                for (Server r : replicas) {
                    r.node().close();
                }
                replicas.clear();
                cluster = null;
                long withMaster = heapAfterGc();
                master.node().close();
                master = null;
                // what closing the master freed: the JVM-wide heap against a baseline taken before the case also
                // counted what the earlier cases left for a later GC, and came out negative after 500 RMI servers
                long masterHeap = withMaster - heapAfterGc();
                notes.add(String.format("%s, %d replicas: the master's heap after the runs (what closing it freed, the "
                        + "replicas closed before) %.1f MiB; the master's remote-call threads at most %d at once.",
                        jolokia ? "Jolokia" : "JMX RMI", n, masterHeap / 1048576.0, maxCallThreads));
            }
        } finally {
            for (Server r : replicas) {
                r.node().close();
            }
            if (master != null) {
                master.node().close();
            }
            delete(root);
        }
    }

    /** Ports held open until the node that gets each one starts, so that no other connection takes them meanwhile. */
    private PortReservation reserved = new PortReservation(0);

    private Server server(Path root, String name, int jmxPort, int jolokiaPort, String cluster, int files) throws Exception {
        reserved.release(jmxPort);
        reserved.release(jolokiaPort);
        Path dir = Files.createDirectories(root.resolve(name));
        Files.createDirectories(dir.resolve("junctions"));
        for (String file : new String[] {"jmxremote.password", "jmxremote.access", "cluster.credentials"}) {
            Path copy = dir.resolve(file);
            Files.copy(project.resolve("jmx-config").resolve(file), copy);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(dir.resolve("server.conf"), """
                [server]
                name = %s
                [cluster]
                credentials-file = cluster.credentials
                %s
                [jmx]
                port = %d
                password-file = jmxremote.password
                access-file = jmxremote.access
                [jolokia]
                port = %d
                [cfg-db:entries]
                cluster::* = exclude
                jmx::* = exclude
                jolokia::* = exclude
                server::name = exclude
                *::* = include
                [cfg-db:files]
                files = junctions/*.json
                files = bulk/*
                """.formatted(name, cluster, jmxPort, jolokiaPort));
        MBeanServer mbs = MBeanServerFactory.newMBeanServer();
        return new Server(name, dir, mbs, jmxPort, jolokiaPort, Node.start(dir.resolve("server.conf"), new SimulatedHost(), null, mbs));
    }

    private void change(Server master) throws Exception {
        Files.writeString(master.dir().resolve("junctions/change.json"),
                "{\"path\": \"/c\", \"backend\": \"http://127.0.0.1:" + changes.incrementAndGet() + "\"}\n");
    }

    private static JsonNode runAndWait(ClusterMXBean cluster, boolean ripple) throws Exception {
        cluster.restart(ripple);
        return awaitEnd(cluster);
    }

    private static JsonNode awaitEnd(ClusterMXBean cluster) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (cluster.isInProgress()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the run did not end");
            }
            // not a spin: on 2 cores a spinning waiter takes a core from the cluster it measures (81 % of the JVM's
            // CPU samples at N = 100). The times come from the run's status, so how soon this notices the end is moot;
            // a look every millisecond still took 3-4 ms of CPU per replica turn at N = 100, which counted as Ripple's.
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        JsonNode status = JSON.readTree(cluster.statusJson());
        if (!"COMPLETED".equals(status.get("state").asText())) {
            throw new IllegalStateException("run did not complete: " + status.get("message"));
        }
        return status;
    }

    private static double[] wallAndIdeal(JsonNode status, boolean ripple) {
        double wall = millis(status, "endedAt") - millis(status, "startedAt");
        double sum = 0;
        double max = 0;
        double masterOwn = 0;
        for (JsonNode row : status.get("servers")) {
            if (row.get("role").asText().equals("master")) {
                masterOwn = row.get("startedAt").isNull() ? 0 : millis(row, "endedAt") - millis(row, "startedAt");
            } else {
                double own = ClusterBenchmark.ownMillis(row.get("detail").asText());
                sum += own;
                max = Math.max(max, own);
            }
        }
        return new double[] {wall, (ripple ? sum : max) + masterOwn};
    }

    private static double millis(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText()).toEpochMilli();
    }

    /** CPU time of this whole JVM (master and replicas): unlike wall times, it hardly depends on the machine's load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int callThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ripple-run-call")).count();
    }

    /**
     * The heap in use once GCs a second apart have freed nothing more for three seconds. One GC is not enough after
     * servers closed: a JDK HTTP client's selector thread ends within a few seconds of a GC that found its client
     * unreachable, and what the client held goes at a later GC.
     */
    private static long heapAfterGc() throws InterruptedException {
        long lowest = Long.MAX_VALUE;
        int quiet = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (quiet < 3 && System.nanoTime() < deadline) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            quiet = used < lowest - 256 * 1024 ? 0 : quiet + 1;
            lowest = Math.min(lowest, used);
            Thread.sleep(1000);
        }
        return lowest;
    }

    private void sync(boolean jolokia, int files, int size, StringBuilder md) throws Exception {
        Path root = Files.createTempDirectory("ripple-bench-sync");
        Server master = null;
        Server replica = null;
        try {
            master = server(root, "master", BenchServer.freePort(), jolokia ? BenchServer.freePort() : 0,
                    "is-master = yes\nreplica = replica-1 service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi\n", 0);
            replica = server(root, "replica-1", BenchServer.freePort(), 0,
                    "master-name = master\nmaster-url = " + master.url(jolokia) + "\n", 0);
            Path bulk = Files.createDirectories(master.dir().resolve("bulk"));
            Random random = new Random(42);
            byte[] content = new byte[size];
            for (int i = 0; i < files; i++) {
                random.nextBytes(content);
                Files.write(bulk.resolve(String.format("file-%05d.bin", i)), content);
            }
            ConfigStoreMXBean masterStore = store(master);
            ConfigStoreMXBean replicaStore = store(replica);
            long t0 = System.nanoTime();
            masterStore.refresh();
            double publish = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            String full = replicaStore.sync();
            double fullMillis = (System.nanoTime() - t0) / 1e6;
            // master and replica share this JVM: its CPU time is both sides' work, which load changes far less than wall time
            double fullCpuMillis = (processCpuNanos() - cpu0) / 1e6;
            long fullBytes = bytes(full);
            byte[] one = Files.readAllBytes(bulk.resolve("file-00007.bin"));
            for (int i = 0; i < 1024; i++) {
                one[i] ^= 1;
            }
            Files.write(bulk.resolve("file-00007.bin"), one);
            masterStore.refresh();
            t0 = System.nanoTime();
            String incremental = replicaStore.sync();
            double incMillis = (System.nanoTime() - t0) / 1e6;
            long incBytes = bytes(incremental);
            long total = replicaStore.getTotalBytes();
            String name = jolokia ? "Jolokia" : "JMX RMI";
            md.append(String.format("| %s | master publishes (scan, hash, store) | %d | %.1f MB | %.0f ms | %.0f MB/s | |%n", name,
                    files, total / 1e6, publish, total / 1e6 / (publish / 1000)));
            md.append(String.format("| %s | full sync | %d | %.1f MB | %.0f ms | %.0f MB/s | %.0f ms (%.0f MB per CPU second) |%n", name, files,
                    fullBytes / 1e6, fullMillis, fullBytes / 1e6 / (fullMillis / 1000), fullCpuMillis, fullBytes / 1e6 / (fullCpuMillis / 1000)));
            md.append(String.format("| %s | incremental sync after 1 KB changed in one file | 1 | %d bytes (%.3f %% of %.1f MB) | %.0f ms | | |%n",
                    name, incBytes, 100.0 * incBytes / total, total / 1e6, incMillis));
        } finally {
            if (replica != null) {
                replica.node().close();
            }
            if (master != null) {
                master.node().close();
            }
            delete(root);
        }
    }

    private static ConfigStoreMXBean store(Server server) throws Exception {
        return JMX.newMXBeanProxy(server.mbs(), new ObjectName(ConfigStoreMXBean.OBJECT_NAME), ConfigStoreMXBean.class);
    }

    /** The bytes a sync() answer says it fetched. */
    private static long bytes(String answer) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) bytes fetched").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no byte count in: " + answer);
        }
        return Long.parseLong(m.group(1));
    }

    private static void delete(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
