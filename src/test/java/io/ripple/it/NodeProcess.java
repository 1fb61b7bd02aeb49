package io.ripple.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A Ripple server running as a real {@code java} child process, the way {@code bin/ripple-node} runs it. */
final class NodeProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final String SAMPLE_MAIN = "io.ripple.sample.SampleMain";
    private static final int START_ATTEMPTS = 3;

    private final ServerDir server;
    private final String mainClass;
    private final List<String> jvmArgs;
    private final Path log;
    private Process process;

    private NodeProcess(ServerDir server, String mainClass, List<String> jvmArgs) {
        this.server = server;
        this.mainClass = mainClass;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.log = server.dir.resolve("node.log");
    }

    /** Runs the main class on a server.conf and returns at once; for tests of start-up failures. */
    static Process launch(Path conf, Path output) throws IOException {
        return launch(SAMPLE_MAIN, conf, output);
    }

    /** Runs a main class of the project (main or test classes) on a server.conf and returns at once. */
    static Process launch(String mainClass, Path conf, Path output) throws IOException {
        return launch(mainClass, List.of(), conf, output);
    }

    /** As {@link #launch(String, Path, Path)}, with more JVM options (a {@code -javaagent}, say). */
    static Process launch(String mainClass, List<String> jvmArgs, Path conf, Path output) throws IOException {
        return new ProcessBuilder(command(mainClass, jvmArgs, conf)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** The java command that runs a main class of the project on a server.conf. */
    static List<String> command(String mainClass, List<String> jvmArgs, Path conf) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        if (jvmArgs.stream().anyMatch(a -> a.startsWith("-Dripple.fault."))) {
            command.add("-D" + io.ripple.config.FaultPoints.ENABLED_PROPERTY + "=true");
        }
        command.addAll(commonFlags());
        if (mainClass.equals(SAMPLE_MAIN)) {
            command.addAll(NodeClassData.flagsAndClassPath());
        } else {
            command.add("-cp");
            command.add(NodeClassData.plainClassPath(true));
        }
        command.add(mainClass);
        command.add(conf.toString());
        return command;
    }

    /** Heap, C1 only (as bin/ripple-node: a quick start matters more than peak speed) and the logging set-up. */
    static List<String> commonFlags() {
        return List.of("-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + ServerDir.PROJECT.resolve("jmx-config/logback.xml"));
    }

    /**
     * Starts the server and waits until it logs that its hosted server started. When a port it was given was taken
     * meanwhile, it tries again on new ports.
     */
    static NodeProcess start(ServerDir server, Function<ServerDir, String> conf) {
        return start(server, conf, SAMPLE_MAIN);
    }

    /** As {@link #start(ServerDir, Function)}, with another main class that embeds Ripple. */
    static NodeProcess start(ServerDir server, Function<ServerDir, String> conf, String mainClass) {
        return start(server, conf, mainClass, List.of());
    }

    /** As {@link #start(ServerDir, Function, String)}, with more JVM options. */
    static NodeProcess start(ServerDir server, Function<ServerDir, String> conf, String mainClass, List<String> jvmArgs) {
        NodeProcess node = new NodeProcess(server, mainClass, jvmArgs);
        for (int attempt = 1; ; attempt++) {
            server.writeConf(conf.apply(server));
            node.startOnce();
            if (node.awaitStarted()) {
                return node;
            }
            String output = node.output();
            node.close();
            if (!output.contains("already in use") || attempt == START_ATTEMPTS) {
                throw new IllegalStateException("Server " + server.name + " did not start:\n" + output);
            }
            server.assignPorts();
        }
    }

    private void startOnce() {
        try {
            Files.deleteIfExists(log);
            process = launch(mainClass, jvmArgs, server.conf(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the log says the hosted server started; false when the process ended first. */
    private boolean awaitStarted() {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive() || output().contains("Start completed"));
        return process.isAlive();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    ServerDir server() {
        return server;
    }

    /** The process id, for signals ({@code kill -STOP}, {@code kill -CONT}). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process at once, as {@code kill -9} does: no shutdown hook, no flush. */
    void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process as an administrator's kill would (SIGTERM), then forcibly if it lingers. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
