package io.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @AfterEach
    void clear() {
        System.clearProperty("ripple.bench.wan.mode");
        System.clearProperty("ripple.bench.scale.only");
        BenchReport.options = "";
    }

    @Test
    void aPlainRunIsNamedByItsBenchmarkAlone() {
        assertThat(BenchReport.command("bin/ripple-bench node")).isEqualTo("bin/ripple-bench node");
    }

    @Test
    void theCommandNamesThePropertiesAndOptionsThatShapedTheRun() {
        System.setProperty("ripple.bench.wan.mode", "ripple");
        System.setProperty("ripple.bench.scale.only", "jolokia-100");
        BenchReport.options = "--delay-ms 50";

        assertThat(BenchReport.command("bin/ripple-bench wan")).isEqualTo(
                "JAVA_TOOL_OPTIONS=\"-Dripple.bench.scale.only=jolokia-100 -Dripple.bench.wan.mode=ripple\" bin/ripple-bench wan --delay-ms 50");
    }

    @Test
    void theHeaderGivesTheTimeOfDayAndTheCommand() {
        BenchReport.options = "--delay-ms 50";

        assertThat(BenchReport.header("bin/ripple-bench wan"))
                .matches("(?s)Measured \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC on .*\nCommand: `bin/ripple-bench wan --delay-ms 50`\n\n");
    }

    @Test
    void aSectionIsReplacedAndTheOthersKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\n<!-- bench:a -->\nold a\n<!-- /bench:a -->\n\nby hand\n\n<!-- bench:b -->\nold b\n<!-- /bench:b -->\n");

        new BenchReport(file).write("a", "new a\n");

        assertThat(Files.readString(file)).isEqualTo(
                "# Benchmarks\n\n<!-- bench:a -->\nnew a\n<!-- /bench:a -->\n\nby hand\n\n<!-- bench:b -->\nold b\n<!-- /bench:b -->\n");
    }
}
