package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/ripple-demo end to end, as a new user runs it. */
class DemoIT {

    @Test
    void theDemoRunsARippleRestartAndCleansUp(@TempDir Path temp) throws Exception {
        Path output = temp.resolve("demo.out");
        ProcessBuilder demo = new ProcessBuilder(ServerDir.PROJECT.resolve("bin/ripple-demo").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        demo.environment().put("TMPDIR", temp.toString());
        Process p = demo.start();
        try {
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the demo ends by itself").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(output);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("cluster restart -ripple --wait", "The cluster has been restarted.", "\"/demo\"",
                "Demo completed.");
        try (var left = Files.list(temp)) {
            assertThat(left.filter(f -> f.getFileName().toString().startsWith("ripple-demo.")).toList())
                    .as("the demo removes its folder").isEmpty();
        }
    }
}
