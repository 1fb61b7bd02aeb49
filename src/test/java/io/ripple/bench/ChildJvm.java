package io.ripple.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A java child process on this benchmark's class path, with its output read line by line as it comes. */
final class ChildJvm implements AutoCloseable {

    /** Set by {@code --quick}: children then run C1 only, which starts them sooner; their numbers mean nothing anyway. */
    static volatile boolean quick;

    /** The flags of the benchmarks' child JVMs. */
    static List<String> jvmFlags() {
        return quick ? List.of("-Xmx256m", "-XX:TieredStopAtLevel=1") : List.of("-Xmx256m");
    }

    private final Process process;
    private final long startNanos;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Void> drained;

    private ChildJvm(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
        this.drained = CompletableFuture.runAsync(this::drain);
    }

    static ChildJvm start(String mainClass, Path logbackConfig, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        if (logbackConfig != null) {
            command.add("-Dlogback.configurationFile=" + logbackConfig);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        long start = System.nanoTime();
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start(), start);
    }

    /** Any command (a java with other flags, a supervisor script), its output read the same way. */
    static ChildJvm command(List<String> command) throws IOException {
        long start = System.nanoTime();
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start(), start);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void drain() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Waits for a line of output and returns the milliseconds from process start to when it was read. */
    double awaitLine(Predicate<String> wanted, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return (System.nanoTime() - startNanos) / 1e6;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || (!process.isAlive() && drained.isDone())) {
                    throw new IllegalStateException("no such line within " + timeoutMillis + " ms; output:\n" + String.join("\n", lines));
                }
                lines.wait(Math.min(left, 50));
            }
        }
    }

    /** Waits for the process to end and returns the milliseconds from its start. */
    double awaitExit() throws InterruptedException {
        process.waitFor();
        double ms = (System.nanoTime() - startNanos) / 1e6;
        drained.join();
        return ms;
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> family = process.descendants().toList();
        process.destroy();
        family.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
