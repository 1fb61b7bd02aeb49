package io.ripple.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Issue #5's numbers: the agent's start-up cost and heap on a plain JVM program, and the time from a restart request to
 * Ready for an in-process restart (Ripple embedded) and for a process restart (the agent, exit code 75, supervisor).
 */
final class AgentBenchmark {

    /** How often the benchmark looks again while it waits for a server, always within a deadline. */
    private static final long POLL_MILLIS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OWN_MILLIS = Pattern.compile("\\((\\d+) ms\\)$");

    private final Path project;
    private final boolean quick;

    AgentBenchmark(Path project, boolean quick) {
        this.project = project;
        this.quick = quick;
    }

    String run() throws Exception {
        int starts = quick ? 1 : 9;
        int restarts = quick ? 1 : 5;
        Path root = Files.createTempDirectory("ripple-bench-agent");
        StringBuilder md = new StringBuilder("## Agent and restarts (issue #5)\n\n");
        md.append(BenchReport.header("bin/ripple-bench agent" + (quick ? " --quick" : "")));
        md.append(String.format("System load average when it began: %.1f (other work on the machine slows the JVM starts).%n%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        try {
            double[] plain = new double[starts];
            double[] withAgent = new double[starts];
            double[] noWait = new double[starts];
            long plainHeap = 0;
            long agentHeap = 0;
            for (int i = 0; i < starts; i++) {
                try (ChildJvm noop = ChildJvm.command(noop(null))) {
                    plain[i] = noop.awaitLine(l -> l.startsWith("heap-used "), 60_000);
                    plainHeap = heap(noop);
                }
                BenchServer server = new BenchServer(root, "agent-" + i, project);
                server.writeConf("is-master = yes");
                try (ChildJvm noop = ChildJvm.command(noop("conf=" + server.conf()))) {
                    withAgent[i] = noop.awaitLine(l -> l.startsWith("heap-used "), 60_000);
                    agentHeap = heap(noop);
                }
                BenchServer async = new BenchServer(root, "agent-nowait-" + i, project);
                async.writeConf("is-master = yes");
                try (ChildJvm noop = ChildJvm.command(noop("conf=" + async.conf() + ",startup-wait=0"))) {
                    noWait[i] = noop.awaitLine(l -> l.startsWith("heap-used "), 60_000);
                }
            }
            Stats p = Stats.of(plain);
            Stats a = Stats.of(withAgent);
            Stats n = Stats.of(noWait);
            md.append("| measure | result |\n| --- | --- |\n");
            md.append(String.format("| plain program (`Noop`): spawn to its `main`'s output, no agent (median of %d) | %.0f ms |%n", starts, p.median()));
            md.append(String.format("| same, with the agent: master with JMX and Jolokia, `main` held until Ripple is configured | %.0f ms |%n", a.median()));
            md.append(String.format("| **agent start-up cost** (difference) | **%.0f ms** |%n", a.median() - p.median()));
            md.append(String.format("| same with `startup-wait=0` (Ripple starts beside `main`) | %.0f ms (+%.0f ms) |%n", n.median(), n.median() - p.median()));
            md.append(String.format("| heap used after GC: plain / with the agent | %.1f MiB / %.1f MiB |%n", plainHeap / 1048576.0, agentHeap / 1048576.0));
            md.append(String.format("| **agent heap** (difference) | **%.1f MiB** |%n", (agentHeap - plainHeap) / 1048576.0));
            md.append("\n| restart request → Ready (median of ").append(restarts)
                    .append(" cluster restarts, one replica) | replica's own time | master's row |\n| --- | --- | --- |\n");
            for (int checks : quick ? new int[] {1} : new int[] {1, 3}) { // one probe or three: the same code
                md.append(row("in-process (Ripple embedded, sample server), ready-checks = " + checks, restarts(root, false, checks, restarts)));
                md.append(row("process restart (agent, exit 75, bin/ripple-supervise), ready-checks = " + checks, restarts(root, true, checks, restarts)));
            }
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        md.append("\nStart-up is measured from spawning `java` to the program's first output line (after its `main` ran a GC); "
                + "the agent's JVM loads the shaded `target/ripple-agent.jar` and opens a JMX connector and a Jolokia agent. "
                + "A restart is measured by the replica from the moment it accepted `syncAndRestart` to the moment its server "
                + "had passed the readiness probes (the `(N ms)` of its `LastRunDetail`; across the process restart for the "
                + "agent), and by the master from its request to the row's end. It includes the sync of one changed file; "
                + "each Ready probe after the first adds 200 ms by design (`ready-checks`). Child JVMs run with ")
                .append(String.join(" ", ChildJvm.jvmFlags())).append(".\n");
        return md.toString();
    }

    private List<String> noop(String agentArguments) {
        List<String> command = new ArrayList<>(List.of(ChildJvm.java()));
        command.addAll(ChildJvm.jvmFlags());
        if (agentArguments != null) {
            command.add("-javaagent:" + project.resolve("target/ripple-agent.jar") + "=" + agentArguments);
        }
        command.addAll(List.of("-cp", project.resolve("target/test-classes").toString(), Noop.class.getName()));
        return command;
    }

    private static long heap(ChildJvm child) {
        return Long.parseLong(child.output().stream().filter(l -> l.startsWith("heap-used ")).findFirst().orElseThrow().substring(10));
    }

    private static String row(String label, double[][] times) {
        return String.format("| %s | %.0f ms | %.0f ms |%n", label, Stats.of(times[0]).median(), Stats.of(times[1]).median());
    }

    /** A master and one replica; {@code runs} cluster restarts after a change; the replica's and the master's times. */
    private double[][] restarts(Path root, boolean agent, int readyChecks, int runs) throws Exception {
        String tag = (agent ? "process-" : "inprocess-") + readyChecks;
        BenchServer master = new BenchServer(root, "master-" + tag, project);
        BenchServer replica = new BenchServer(root, "replica-" + tag, project);
        master.writeConf("is-master = yes\nready-checks = " + readyChecks + "\nreplica = " + replica.name + " " + replica.jmxUrl());
        replica.writeConf("is-master = no\nmaster-name = " + master.name + "\nmaster-url = " + master.jmxUrl() + "\nready-checks = " + readyChecks);
        double[] own = new double[runs];
        double[] seen = new double[runs];
        try (ChildJvm m = ChildJvm.start("io.ripple.sample.SampleMain", project.resolve("jmx-config/logback.xml"), master.conf().toString())) {
            m.awaitLine(l -> l.contains("Start completed"), 60_000);
            try (ChildJvm r = agent ? supervisedAgent(replica) : ChildJvm.start("io.ripple.sample.SampleMain",
                    project.resolve("jmx-config/logback.xml"), replica.conf().toString())) {
                awaitBootId(replica);
                for (int i = 0; i < runs; i++) {
                    Files.writeString(master.dir.resolve("banner.txt"), "benchmark " + tag + " " + i + "\n");
                    JsonNode row = runOnce(master, replica.name);
                    if (!row.get("state").asText().equals("RESTARTED")) {
                        throw new IllegalStateException("replica ended " + row + "\nreplica output:\n" + String.join("\n", r.output()));
                    }
                    Matcher mm = OWN_MILLIS.matcher(row.get("detail").asText());
                    own[i] = mm.find() ? Double.parseDouble(mm.group(1)) : Double.NaN;
                    seen[i] = Instant.parse(row.get("endedAt").asText()).toEpochMilli() - Instant.parse(row.get("requestedAt").asText()).toEpochMilli();
                }
            }
        }
        return new double[][] {own, seen};
    }

    private ChildJvm supervisedAgent(BenchServer replica) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", project.resolve("bin/ripple-supervise").toString(), "--", ChildJvm.java()));
        command.addAll(ChildJvm.jvmFlags());
        command.add("-javaagent:" + project.resolve("target/ripple-agent.jar") + "=conf=" + replica.conf() + ",ready-port=" + replica.httpPort);
        command.addAll(List.of("-cp", project.resolve("target/test-classes").toString(), "io.ripple.it.PlainApp",
                Integer.toString(replica.httpPort), replica.dir.resolve("banner.txt").toString()));
        return ChildJvm.command(command);
    }

    private static JMXConnector connect(BenchServer server) throws Exception {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {"admin", "admin-secret"});
        return JMXConnectorFactory.connect(new JMXServiceURL(server.jmxUrl()), env);
    }

    private static void awaitBootId(BenchServer server) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (JMXConnector c = connect(server)) {
                String boot = (String) c.getMBeanServerConnection().getAttribute(new ObjectName("ripple:type=Server"), "BootId");
                if (!boot.isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // a poll interval inside the deadline above
        }
    }

    private static JsonNode runOnce(BenchServer master, String replicaName) throws Exception {
        try (JMXConnector c = connect(master)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName cluster = new ObjectName("ripple:type=Cluster");
            mbs.invoke(cluster, "restart", new Object[] {false}, new String[] {"boolean"});
            long deadline = System.currentTimeMillis() + 120_000;
            while ((Boolean) mbs.getAttribute(cluster, "InProgress")) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("run did not end");
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
            JsonNode status = JSON.readTree((String) mbs.invoke(cluster, "statusJson", new Object[0], new String[0]));
            for (JsonNode row : status.get("servers")) {
                if (row.get("name").asText().equals(replicaName)) {
                    return row;
                }
            }
            throw new IllegalStateException("no replica row in " + status);
        }
    }
}
