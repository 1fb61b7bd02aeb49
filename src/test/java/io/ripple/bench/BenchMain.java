package io.ripple.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/ripple-bench [node|cluster|agent|all] [--quick]}: runs benchmarks and writes their sections of BENCHMARKS.md.
 * {@code --quick} is the smoke CI runs: the same code, few iterations, results written to a scratch file.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        boolean quick = arguments.contains("--quick");
        String which = arguments.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("all");
        Path project = Path.of(System.getProperty("ripple.projectDir", ".")).toAbsolutePath();
        Path out = quick ? Path.of(System.getProperty("java.io.tmpdir"), "ripple-bench-smoke.md") : project.resolve("BENCHMARKS.md");
        BenchReport report = new BenchReport(out);
        if (which.equals("node") || which.equals("all")) {
            String md = new NodeBenchmark(project, quick).run();
            report.write("node", md);
            System.out.println(md);
        }
        if (which.equals("cluster") || which.equals("all")) {
            String md = new ClusterBenchmark(project, quick).run();
            report.write("cluster", md);
            System.out.println(md);
        }
        if (which.equals("scale") || which.equals("all")) {
            String md = new ScaleBenchmark(project, quick).run();
            report.write("scale", md);
            System.out.println(md);
        }
        if (which.equals("sync") || which.equals("all")) {
            String md = new ScaleBenchmark(project, quick).runLargeFiles();
            report.write("sync", md);
            System.out.println(md);
        }
        if (which.equals("agent") || which.equals("all")) {
            String md = new AgentBenchmark(project, quick).run();
            report.write("agent", md);
            System.out.println(md);
        }
        System.out.println("Written to " + out);
    }
}
