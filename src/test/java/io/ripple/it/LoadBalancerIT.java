package io.ripple.it;

import static io.ripple.it.TestCluster.CONFIG_STORE;
import static io.ripple.it.TestCluster.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.bench.BenchReport;
import io.ripple.node.NodeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that a {@code -ripple} cluster restart under steady load loses no request: three replicas (sample servers,
 * drain-time {@value #DRAIN_SECONDS} s, soak-time {@value #SOAK_SECONDS} s) behind HAProxy (active checks on
 * {@code /ready}) and, separately, behind nginx (passive checks, {@code proxy_next_upstream}), with {@code wrk} sending
 * steady traffic through the balancer while a cluster restart rolls out a new configuration. The same in the default
 * parallel mode shows the failures ripple avoids (reported, not asserted). The numbers go to target/load-balancing.md,
 * or to BENCHMARKS.md with {@code -Dripple.bench.record=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancerIT {

    static final int DRAIN_SECONDS = 2;
    static final int SOAK_SECONDS = 1;
    static final Duration BASELINE = Duration.ofSeconds(3);
    /** wrk's longest run during a restart; it is ended with SIGINT once the restart is over. */
    static final Duration LONGEST_RESTART = Duration.ofSeconds(90);
    static final List<String> REPLICAS = List.of("replica-1", "replica-2", "replica-3");

    Path temp;
    String wrk;
    TestCluster cluster;
    Balancer haproxy;
    Balancer nginx;
    final List<String> rows = new ArrayList<>();
    final List<String> parallelFailures = new ArrayList<>();
    final double loadAverage = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int changes;

    @BeforeAll
    void start(@TempDir Path temp) {
        this.temp = temp;
        Optional<String> haproxyExe = Balancer.find("haproxy");
        Optional<String> nginxExe = Balancer.find("nginx");
        Optional<String> wrkExe = Balancer.find("wrk");
        List<String> missing = new ArrayList<>();
        haproxyExe.ifPresentOrElse(x -> { }, () -> missing.add("haproxy"));
        nginxExe.ifPresentOrElse(x -> { }, () -> missing.add("nginx"));
        wrkExe.ifPresentOrElse(x -> { }, () -> missing.add("wrk"));
        Assumptions.assumeTrue(missing.isEmpty(), () -> "LoadBalancerIT skipped: " + String.join(", ", missing)
                + " not found on PATH or in /usr/sbin. Install them (Debian: apt-get install -y haproxy nginx wrk; .ci/run tries to)"
                + " to run the zero-downtime proof.");
        wrk = wrkExe.orElseThrow();
        cluster = new TestCluster(temp.resolve("cluster"), REPLICAS.size());
        cluster.maxWaitSeconds = 30;
        REPLICAS.forEach(r -> cluster.clusterEntries.put(r, "drain-time = " + DRAIN_SECONDS + "\nsoak-time = " + SOAK_SECONDS + "\n"));
        // the balancer's view of a restarted replica is what this proves: Ripple's own readiness rules, as shipped
        REPLICAS.forEach(r -> cluster.dir(r).readyChecks = NodeSettings.DEFAULT_READY_CHECKS);
        cluster.start();
        Map<String, Integer> servers = new LinkedHashMap<>();
        REPLICAS.forEach(r -> servers.put(r, cluster.dir(r).httpPort));
        haproxy = Balancer.haproxy(haproxyExe.orElseThrow(), temp.resolve("haproxy"), servers);
        nginx = Balancer.nginx(nginxExe.orElseThrow(), temp.resolve("nginx"), servers);
        for (Balancer b : List.of(haproxy, nginx)) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !b.isAlive() || b.get() == 200);
            assertThat(b.isAlive()).as(b.kind + " runs:\n" + b.output()).isTrue();
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (!rows.isEmpty()) {
                writeReport();
            }
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {haproxy, nginx, cluster}) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    @Test
    @Order(10)
    void rippleBehindHaproxyLosesNoRequest() throws Exception {
        Measured m = restartUnderLoad(haproxy, true);
        assertThat(m.during.failures()).as("failed requests through haproxy during -ripple: " + m.during).isZero();
    }

    @Test
    @Order(20)
    void rippleBehindNginxLosesNoRequest() throws Exception {
        Measured m = restartUnderLoad(nginx, true);
        assertThat(m.during.failures()).as("failed requests through nginx during -ripple: " + m.during).isZero();
    }

    @Test
    @Order(30)
    void parallelBehindHaproxyIsReported() throws Exception {
        restartUnderLoad(haproxy, false);
    }

    @Test
    @Order(40)
    void parallelBehindNginxIsReported() throws Exception {
        restartUnderLoad(nginx, false);
    }

    record Measured(Wrk.Result before, Wrk.Result during, JsonNode status) {
    }

    /**
     * Changes the master's configuration, measures {@link #BASELINE} of steady traffic through the balancer, then the
     * same traffic during a cluster restart, and checks that every replica runs the new configuration afterwards.
     */
    private Measured restartUnderLoad(Balancer balancer, boolean ripple) throws Exception {
        String mode = ripple ? "ripple" : "parallel";
        String junction = "/lb-" + balancer.kind + "-" + mode + "-" + (++changes);
        cluster.master.write("junctions/lb-" + changes + ".json", "{\"path\": \"" + junction + "\", \"backend\": \"http://127.0.0.1:9\"}\n");
        awaitAllServing(balancer);
        Wrk.Result before;
        try (Wrk baseline = Wrk.start(wrk, balancer.url(), BASELINE, temp.resolve("wrk"))) {
            before = baseline.await(BASELINE.plusSeconds(30));
        }
        Wrk.Result during;
        JsonNode status;
        try (Wrk load = Wrk.start(wrk, balancer.url(), LONGEST_RESTART, temp.resolve("wrk"))) {
            status = cluster.runAndWait(ripple);
            awaitAllServing(balancer);
            during = load.finish();
        }
        String line = String.format(Locale.ROOT, "%s, %s: before %s | during %s | run %s in %s", balancer.kind, mode, before,
                during, status.get("state").asText(), runSeconds(status));
        System.out.println("LoadBalancerIT " + line);
        rows.add(tableRow(balancer.kind, mode, "before", before, ""));
        rows.add(tableRow(balancer.kind, mode, "during", during, runSeconds(status)));
        if (!ripple) {
            parallelFailures.add(String.format(Locale.ROOT, "%s %d of %d", balancer.kind, during.failures(), during.requests()));
        }

        assertThat(before.failures()).as(balancer.kind + " baseline: " + before).isZero();
        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("COMPLETED");
        String digest = (String) cluster.attribute("master", CONFIG_STORE, "Digest");
        for (String replica : REPLICAS) {
            assertThat(row(status, replica).get("state").asText()).as(replica).isEqualTo("RESTARTED");
            assertThat(row(status, replica).get("detail").asText()).as(replica).contains("drained");
            assertThat(cluster.attribute(replica, CONFIG_STORE, "Digest")).as(replica + " digest").isEqualTo(digest);
            assertThat(TestCluster.junctionPaths(cluster.service(replica))).as(replica + " junctions").contains(junction);
        }
        assertThat(during.requests()).as("wrk sent traffic during the restart").isGreaterThan(100);
        return new Measured(before, during, status);
    }

    /** Every replica serves through the balancer: HAProxy's checks show all UP; nginx answers 200. */
    private void awaitAllServing(Balancer balancer) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                balancer.get() == 200 && (balancer.serversUp() < 0 || balancer.serversUp() == REPLICAS.size()));
    }

    private static String runSeconds(JsonNode status) {
        long millis = java.time.Instant.parse(status.get("endedAt").asText()).toEpochMilli()
                - java.time.Instant.parse(status.get("startedAt").asText()).toEpochMilli();
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String tableRow(String balancer, String mode, String phase, Wrk.Result r, String run) {
        return String.format(Locale.ROOT, "| %s | %s | %s%s | %d | %.0f | %.2f ms | %.2f ms | %d | %s |", balancer,
                mode.equals("ripple") ? "`-ripple`" : "parallel (default)", phase, run.isEmpty() ? "" : " (run took " + run + ")",
                r.requests(), r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.non2xx(), r.socketDetail());
    }

    private void writeReport() throws Exception {
        String text = "## Zero-downtime restart behind load balancers (issue #11)\n\n"
                + BenchReport.header("mvn -B verify -Dit.test=LoadBalancerIT")
                + String.format(Locale.ROOT, "System load average when it began: %.1f.%n%n", loadAverage)
                + "A master and 3 replicas (sample servers, each its own JVM) on loopback; the replicas sit behind the balancer"
                + " with `drain-time = " + DRAIN_SECONDS + "`, `soak-time = " + SOAK_SECONDS + "`. `wrk` sends steady traffic"
                + " (1 thread, " + Wrk.CONNECTIONS + " kept-alive connections, each waiting " + Wrk.DELAY_MILLIS
                + " ms between requests) through the balancer: " + BASELINE.toSeconds() + " s before the cluster restart, then"
                + " from just before it starts until every replica serves again. Each run changes the configuration (a new"
                + " junction), so every replica restarts. Configs: docs/LOAD-BALANCING.md.\n\n"
                + "| balancer | mode | phase | requests | req/s | p50 | p99 | non-2xx | socket errors |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
                + String.join("\n", rows) + "\n\n"
                + "`-ripple` is asserted to lose no request (no non-2xx, no socket error). The parallel rows are reported only"
                + " (failed requests: " + (parallelFailures.isEmpty() ? "not measured" : String.join(", ", parallelFailures)) + "):"
                + " every replica drains at once, so HAProxy's checks on `/ready` take every server out and it answers 503 until"
                + " one is back; nginx, with passive checks, keeps sending to the draining servers (they still serve) and retries"
                + " elsewhere when one refuses, so it loses requests only in the moment when all of them are stopped at once,"
                + " which the sample server's in-process restart of a few milliseconds makes short or empty.\n";
        // an ordinary test run reports into target/; -Dripple.bench.record=true records the numbers in BENCHMARKS.md
        Path report = Boolean.getBoolean("ripple.bench.record") ? ServerDir.PROJECT.resolve("BENCHMARKS.md")
                : ServerDir.PROJECT.resolve("target/load-balancing.md");
        new BenchReport(report).write("lb", text);
    }
}
