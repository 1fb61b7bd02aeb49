package io.ripple.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.remote.Credentials;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Issue #20's numbers: a master and replicas, each the real node runtime in its own JVM, with every management
 * connection between servers through a {@link DelayProxy}: a cluster restart's wall time against the ideal, the round
 * trips on the wire per replica, and a sync's throughput against what one TCP connection carries over the same link.
 *
 * <p>JMX RMI needs care: the RMI stub a client gets from the registry names the server's own host and port, and the
 * client opens its second connection there. Every node binds 127.0.0.1:P and runs with
 * {@code -Djava.rmi.server.hostname=127.0.0.2}, so its stubs name 127.0.0.2:P, where this benchmark's proxy listens and
 * forwards to 127.0.0.1:P. The URLs in server.conf name 127.0.0.2 too: registry and connection both cross the proxy.
 * Over Jolokia each link has its own proxy port. The benchmark itself talks to the master's Jolokia port directly, so
 * its own polling neither waits on the delay nor counts.
 */
final class WanBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROXY_HOST = "127.0.0.2";
    private static final int MB = 1024 * 1024;

    private final Path project;
    private final boolean quick;
    private final List<Long> oneWayDelays;
    private final Path traceDir;
    private final Random random = new Random(20);

    /**
     * @param delayMillis the delay each way to measure besides none (a round trip costs twice that); null for the
     *     defaults: 50 ms (100 ms round trip), or 5 ms with {@code quick}
     */
    WanBenchmark(Path project, boolean quick, Long delayMillis) {
        this.project = project;
        this.quick = quick;
        long delay = delayMillis != null ? delayMillis : quick ? 5 : 50;
        // -Dripple.bench.wan.delayed-only=true: without the rows of no delay
        boolean delayedOnly = Boolean.getBoolean("ripple.bench.wan.delayed-only");
        this.oneWayDelays = delay == 0 ? List.of(0L) : quick || delayedOnly ? List.of(delay) : List.of(0L, delay);
        this.traceDir = project.resolve("target/wan-traces");
    }

    /** One cell of the table: what changes, its size in bytes (0: a small change of a junction file). */
    private record Change(String label, int bytes) {
    }

    /** One cluster of child JVMs behind its proxies. */
    private final class Cluster implements AutoCloseable {
        final boolean jolokia;
        final BenchServer master;
        final List<BenchServer> replicas = new ArrayList<>();
        final List<DelayProxy> proxies = new ArrayList<>();
        final List<ChildJvm> children = new ArrayList<>();
        final DelayProxy.Trace trace = new DelayProxy.Trace();
        final Path root;

        Cluster(boolean jolokia, int n) throws Exception {
            this.jolokia = jolokia;
            this.root = Files.createTempDirectory("ripple-bench-wan");
            master = new BenchServer(root, "master", project);
            StringBuilder lines = new StringBuilder("is-master = yes\nmax-wait-time = 300\n");
            List<String> masterUrls = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                BenchServer r = new BenchServer(root, "replica-" + i, project);
                replicas.add(r);
                lines.append("replica = ").append(r.name).append(' ').append(linkTo(r, "master→" + r.name)).append('\n');
            }
            if (!jolokia) {
                String url = linkTo(master, "replicas→master");
                replicas.forEach(r -> masterUrls.add(url));
            } else {
                for (BenchServer r : replicas) {
                    masterUrls.add(linkTo(master, r.name + "→master"));
                }
            }
            writeConf(master, lines.toString());
            start(master);
            for (int i = 0; i < n; i++) {
                writeConf(replicas.get(i), "master-name = master\nmaster-url = " + masterUrls.get(i)
                        + "\nmax-wait-time = 300\nready-checks = 1\n");
                start(replicas.get(i));
            }
        }

        /** A proxy in front of {@code server}'s management port for one link; returns the URL that crosses it. */
        private String linkTo(BenchServer server, String name) throws IOException {
            if (jolokia) {
                DelayProxy p = new DelayProxy(name, DelayProxy.at("127.0.0.1", 0), DelayProxy.at("127.0.0.1", server.jolokiaPort), 0, trace);
                proxies.add(p);
                return "http://127.0.0.1:" + p.port() + "/jolokia/";
            }
            // one proxy per JMX port: the stubs of the server name 127.0.0.2 and its own port
            DelayProxy p = new DelayProxy(name, DelayProxy.at(PROXY_HOST, server.jmxPort), DelayProxy.at("127.0.0.1", server.jmxPort), 0, trace);
            proxies.add(p);
            return "service:jmx:rmi:///jndi/rmi://" + PROXY_HOST + ":" + server.jmxPort + "/jmxrmi";
        }

        private void writeConf(BenchServer server, String clusterEntries) throws IOException {
            server.writeConf(clusterEntries);
            Files.createDirectories(server.dir.resolve("payload"));
            // the large changes are a file of random bytes in payload/, replicated beside the junctions
            Files.writeString(server.conf(), Files.readString(server.conf()).stripTrailing() + "\nfiles = payload/*.bin\n");
        }

        private void start(BenchServer server) throws Exception {
            List<String> command = new ArrayList<>(List.of(ChildJvm.java()));
            command.addAll(ChildJvm.jvmFlags());
            command.add("-Djava.rmi.server.hostname=" + PROXY_HOST);
            command.add("-Dlogback.configurationFile=" + project.resolve("jmx-config/logback.xml"));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.ripple.sample.SampleMain", server.conf().toString()));
            ChildJvm child = ChildJvm.command(command);
            children.add(child);
            child.awaitLine(l -> l.contains("Start completed"), 120_000);
        }

        void delay(long oneWayMillis) {
            proxies.forEach(p -> p.delay(oneWayMillis));
        }

        long[] counts() {
            return new long[] {proxies.stream().mapToLong(DelayProxy::roundTrips).sum(),
                    proxies.stream().mapToLong(DelayProxy::pings).sum(), proxies.stream().mapToLong(DelayProxy::polls).sum()};
        }

        @Override
        public void close() throws Exception {
            for (ChildJvm c : children) {
                c.close();
            }
            for (DelayProxy p : proxies) {
                p.close();
            }
            try (var walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What one run measured. */
    private record Measured(double wall, double ideal, double ownMean, long roundTrips, long pings, long polls, List<Double> syncs) {
    }

    String run() throws Exception {
        int n = quick ? 1 : 3;
        List<Change> changes = quick ? List.of(new Change("small", 0))
                : List.of(new Change("small", 0), new Change("5 MB", 5 * MB), new Change("50 MB", 50 * MB));
        StringBuilder md = new StringBuilder("## Over a slow network: round trips per replica (issue #20)\n\n");
        md.append(BenchReport.header("bin/ripple-bench wan" + (quick ? " --quick" : "")));
        md.append(String.format("A master and %d replica%s, each the node runtime with the sample server in its own JVM. Every "
                + "management connection between servers crosses a delaying TCP proxy in the benchmark (`DelayProxy`): each chunk "
                + "is forwarded the given delay after it arrived, each way, a new connection costs one round trip more (the "
                + "handshake), and each direction holds at most %d MiB in flight (a TCP window). JMX RMI: every node runs with "
                + "`-Djava.rmi.server.hostname=127.0.0.2`, so the stubs it hands out name 127.0.0.2 and its own port, where a "
                + "proxy forwards to 127.0.0.1; Jolokia: one proxy port per link.%n%n",
                n, n == 1 ? "" : "s", DelayProxy.WINDOW_BYTES / MB));
        md.append("Ideal = the replicas' own sync-and-restart times as they measured them (parallel: the slowest; ripple: the sum) "
                + "plus the master's own restart; overhead = wall − ideal. *Round trips* = what crossed the proxies between the "
                + "run's start and its end: each request a client sent after the server had answered on that connection (or "
                + "first on a new one), plus one per new connection, divided by the replicas; JMX RMI's pings (the JDK asks a "
                + "connection idle for a while whether it is alive before it sends a call) are among them and also shown apart. The "
                + "master's polls of a replica's progress (reads of its LastRunDetail) run beside the turn and grow with its "
                + "length: they are counted apart. Medians of the runs after one warm-up run.\n\n");
        md.append("| transport | round trip | mode | change | wall | ideal | overhead | overhead in round trips per replica | round trips per replica on the wire | polls per replica |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        List<String> syncRows = new ArrayList<>();
        String only = System.getProperty("ripple.bench.wan.only", "");
        // -Dripple.bench.wan.mode=ripple and -Dripple.bench.wan.changes=5MB,50MB: some rows only (the sync throughput's)
        String onlyMode = System.getProperty("ripple.bench.wan.mode", "");
        List<String> onlyChanges = List.of(System.getProperty("ripple.bench.wan.changes", "").split(","));
        for (boolean jolokia : new boolean[] {false, true}) {
            if (!only.isEmpty() && !only.equals(jolokia ? "jolokia" : "jmx")) {
                continue;
            }
            try (Cluster cluster = new Cluster(jolokia, n)) {
                for (long delay : oneWayDelays) {
                    cluster.delay(delay);
                    runAndWait(cluster, false, new Change("warm-up", 0)); // opens the connections at this delay
                    for (boolean ripple : new boolean[] {false, true}) {
                        if (!onlyMode.isEmpty() && !onlyMode.equals(ripple ? "ripple" : "parallel")) {
                            continue;
                        }
                        for (Change change : changes) {
                            if (!onlyChanges.get(0).isEmpty() && !onlyChanges.contains(change.label.replace(" ", ""))) {
                                continue;
                            }
                            int runs = quick || change.bytes >= 50 * MB ? 1 : change.bytes > 0 ? 2 : 3;
                            double[] wall = new double[runs];
                            double[] ideal = new double[runs];
                            double[] own = new double[runs];
                            double[] trips = new double[runs];
                            double[] pings = new double[runs];
                            double[] polls = new double[runs];
                            List<Double> syncs = new ArrayList<>();
                            for (int i = 0; i < runs; i++) {
                                Measured m = runAndWait(cluster, ripple, change);
                                wall[i] = m.wall;
                                ideal[i] = m.ideal;
                                own[i] = m.ownMean;
                                trips[i] = m.roundTrips / (double) n;
                                pings[i] = m.pings / (double) n;
                                polls[i] = m.polls / (double) n;
                                syncs.addAll(m.syncs);
                            }
                            writeTrace(cluster, jolokia, 2 * delay, ripple, change);
                            double w = Stats.of(wall).median();
                            double id = Stats.of(ideal).median();
                            double rtt = 2 * delay;
                            md.append(String.format("| %s | %d ms | %s | %s | %.0f ms | %.0f ms | %.0f ms | %s | %.1f%s | %.1f |%n",
                                    jolokia ? "Jolokia" : "JMX RMI", 2 * delay, ripple ? "ripple" : "parallel",
                                    change.label, w, id, w - id, rtt == 0 ? "–" : String.format("%.1f", (w - id) / rtt / (ripple ? n : 1)),
                                    Stats.of(trips).median(), jolokia ? "" : String.format(" (%.1f pings)", Stats.of(pings).median()),
                                    Stats.of(polls).median()));
                            if (change.bytes > 0 && ripple && !syncs.isEmpty()) {
                                double sync = Stats.of(syncs.stream().mapToDouble(Double::doubleValue).toArray()).median();
                                double oneConnection = oneConnectionMBps(delay, change.bytes);
                                double mbps = change.bytes / (double) MB / (sync / 1000);
                                syncRows.add(String.format("| %s | %d ms | %s | %.0f ms | %.1f MiB/s | %.1f MiB/s | %.0f %% |",
                                        jolokia ? "Jolokia" : "JMX RMI", 2 * delay, change.label, sync, mbps, oneConnection,
                                        100 * mbps / oneConnection));
                            }
                        }
                    }
                }
            }
        }
        if (!syncRows.isEmpty()) {
            md.append("\n### Sync throughput against one TCP connection over the same link\n\n");
            md.append("Sync time = on the wire, from a replica's request for the version's manifest (publishedVersion), or "
                    + "the master's turn request that carries it (takeTurn), to the replica's "
                    + "request to confirm its turn (confirmTurn), in ripple runs (one replica syncs at a time; median over the "
                    + "replicas and runs): the manifest, the pull of the changed files and their apply. One TCP connection = the "
                    + "same number of bytes sent once over a fresh connection through the same proxy, its handshake included.\n\n");
            md.append("| transport | round trip | change | sync time | sync throughput | one TCP connection | share |\n"
                    + "| --- | --- | --- | --- | --- | --- | --- |\n");
            syncRows.forEach(r -> md.append(r).append('\n'));
        }
        md.append("\nThe exchanges of the last run of each row are in `target/wan-traces/` (each request with its time and its "
                + "readable words: an HTTP request line and JSON body, the names in an RMI call).\n");
        return md.toString();
    }

    private Measured runAndWait(Cluster cluster, boolean ripple, Change change) throws Exception {
        Files.writeString(cluster.master.dir.resolve("junctions/app.json"), "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:"
                + (1000 + random.nextInt(60000)) + "\", \"ripple\": " + ripple + "}\n");
        if (change.bytes > 0) {
            byte[] data = new byte[change.bytes];
            random.nextBytes(data);
            Files.write(cluster.master.dir.resolve("payload/large.bin"), data);
        }
        RemoteConnector connector = new RemoteConnector(new Credentials("admin", "admin-secret"));
        try (RemoteServer master = connector.open(cluster.master.jolokiaUrl())) {
            cluster.trace.clear();
            long[] before = cluster.counts();
            String runId = master.cluster().restart(ripple);
            long deadline = System.currentTimeMillis() + 600_000;
            while (master.cluster().isInProgress()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("run " + runId + " did not end");
                }
                Thread.sleep(5); // the benchmark's own polling is not on the delayed links
            }
            long[] after = cluster.counts();
            JsonNode status = JSON.readTree(master.cluster().statusJson());
            if (!"COMPLETED".equals(status.get("state").asText())) {
                throw new IllegalStateException("run did not complete: " + status);
            }
            if (change.bytes > 0) {
                for (BenchServer r : cluster.replicas) {
                    Path copy = r.dir.resolve("payload/large.bin");
                    if (!Files.exists(copy) || Files.size(copy) != change.bytes) {
                        throw new IllegalStateException(r.name + " did not get the " + change.label + " file");
                    }
                }
            }
            double wall = millis(status, "endedAt") - millis(status, "startedAt");
            double sum = 0;
            double max = 0;
            double masterOwn = 0;
            int replicas = 0;
            for (JsonNode row : status.get("servers")) {
                if (row.get("role").asText().equals("master")) {
                    masterOwn = millis(row, "endedAt") - millis(row, "startedAt");
                } else {
                    double own = ClusterBenchmark.ownMillis(row.get("detail").asText());
                    sum += own;
                    max = Math.max(max, own);
                    replicas++;
                }
            }
            return new Measured(wall, (ripple ? sum : max) + masterOwn, sum / replicas, after[0] - before[0], after[1] - before[1],
                    after[2] - before[2], cluster.trace.syncs());
        }
    }

    private void writeTrace(Cluster cluster, boolean jolokia, long rtt, boolean ripple, Change change) throws IOException {
        Files.createDirectories(traceDir);
        String file = String.format("%s-%dms-%s-%s.txt", jolokia ? "jolokia" : "jmx", rtt, ripple ? "ripple" : "parallel",
                change.label.replace(" ", ""));
        Files.write(traceDir.resolve(file), cluster.trace.lines());
    }

    /** MiB/s that one fresh TCP connection carries through a proxy with this delay: a server sends {@code bytes} once. */
    private static double oneConnectionMBps(long oneWayMillis, int bytes) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DelayProxy proxy = new DelayProxy("bulk", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), oneWayMillis, null)) {
            Thread sender = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.read(); // the request
                    byte[] block = new byte[64 * 1024];
                    for (int sent = 0; sent < bytes; sent += block.length) {
                        out.write(block, 0, Math.min(block.length, bytes - sent));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sender.start();
            long start = System.nanoTime();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
                 InputStream in = client.getInputStream()) {
                client.getOutputStream().write(1);
                byte[] buffer = new byte[64 * 1024];
                long got = 0;
                int r;
                while ((r = in.read(buffer)) > 0) {
                    got += r;
                }
                if (got != bytes) {
                    throw new IllegalStateException("received " + got + " of " + bytes + " bytes");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sender.join();
            return bytes / (double) MB / seconds;
        }
    }

    private static double millis(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText()).toEpochMilli();
    }
}
