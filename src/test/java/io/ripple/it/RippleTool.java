package io.ripple.it;

import io.ripple.cli.RippleCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The administration tool as the tests run it: in the test's JVM, or as {@code bin/ripple} in a JVM of its own. */
final class RippleTool {

    /** What one command printed, and its exit code. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private RippleTool() {
    }

    /** The CLI in this JVM, with this JVM's environment. */
    static Result inProcess(String... args) {
        return inProcess(System.getenv(), args);
    }

    /** The CLI in this JVM, reading {@code environment} where it would read the process's environment. */
    static Result inProcess(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RippleCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * {@code bin/ripple ARGS} as a child process, as an administrator runs it; its output goes through files in
     * {@code scratch}, and it is killed when it has not ended within {@code timeout}.
     */
    static Result script(Path scratch, Duration timeout, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerDir.PROJECT.resolve("bin/ripple").toString()));
        command.addAll(args);
        Path out = Files.createTempFile(scratch, "ripple-out", ".txt");
        Path err = Files.createTempFile(scratch, "ripple-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("bin/ripple " + args + " did not end within " + timeout + ":\n" + Files.readString(out));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
