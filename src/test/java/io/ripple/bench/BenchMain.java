package io.ripple.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bin/ripple-bench [node|cluster|scale|sync|agent|wan|tomcat|all] [--quick] [--delay-ms N]}: runs benchmarks and
 * writes their sections of BENCHMARKS.md. {@code --quick} is the smoke CI runs: every code path of each benchmark once, at the
 * smallest sizes, results written to a scratch file; its numbers mean nothing.
 * {@code tomcat} needs the Tomcat {@code mvn verify} unpacks into target/tomcat (without it, it writes that it skipped);
 * {@code all --quick} leaves it out: two Tomcat starts and two process restarts take longer than the smoke may.
 * {@code --delay-ms N}: the wan benchmark's delay each way (a round trip costs 2N), besides none.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        boolean quick = arguments.contains("--quick");
        ChildJvm.quick = quick;
        int delayAt = arguments.indexOf("--delay-ms");
        Long delayMillis = null;
        if (delayAt >= 0) {
            if (delayAt + 1 >= arguments.size() || !arguments.get(delayAt + 1).matches("\\d{1,5}")) {
                System.err.println("--delay-ms needs a whole number of milliseconds (the delay each way), e.g. --delay-ms 50.");
                System.exit(2);
            }
            delayMillis = Long.parseLong(arguments.get(delayAt + 1));
        }
        Long delay = delayMillis;
        BenchReport.options = delayMillis == null ? "" : "--delay-ms " + delayMillis;
        String which = arguments.stream().filter(a -> !a.startsWith("--") && !a.matches("\\d+")).findFirst().orElse("all");
        Path project = Path.of(System.getProperty("ripple.projectDir", ".")).toAbsolutePath();
        Map<String, Callable<String>> benchmarks = new LinkedHashMap<>();
        benchmarks.put("node", () -> new NodeBenchmark(project, quick).run());
        benchmarks.put("cluster", () -> new ClusterBenchmark(project, quick).run());
        benchmarks.put("scale", () -> new ScaleBenchmark(project, quick).run());
        benchmarks.put("sync", () -> new ScaleBenchmark(project, quick).runLargeFiles());
        benchmarks.put("agent", () -> new AgentBenchmark(project, quick).run());
        benchmarks.put("wan", () -> new WanBenchmark(project, quick, delay).run());
        benchmarks.put("tomcat", () -> new TomcatBenchmark(project, quick).run());
        if (!which.equals("all") && !benchmarks.containsKey(which)) {
            System.err.println("Unknown benchmark '" + which + "': expected one of " + benchmarks.keySet() + " or all.");
            System.exit(2);
        }
        Path out = quick ? Path.of(System.getProperty("java.io.tmpdir"), "ripple-bench-smoke.md") : project.resolve("BENCHMARKS.md");
        BenchReport report = new BenchReport(out);
        for (Map.Entry<String, Callable<String>> benchmark : benchmarks.entrySet()) {
            if (which.equals("all") && quick && benchmark.getKey().equals("tomcat")) {
                // two Tomcat starts and a process restart of each: more than the smoke's budget
                System.out.println("tomcat: left out of all --quick; run bin/ripple-bench tomcat --quick for its smoke");
                continue;
            }
            if (which.equals("all") || which.equals(benchmark.getKey())) {
                long start = System.nanoTime();
                String md = benchmark.getValue().call();
                report.write(benchmark.getKey(), md);
                System.out.println(md);
                System.out.printf("(benchmark %s took %.1f s)%n%n", benchmark.getKey(), (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.println("Written to " + out);
    }
}
