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
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * {@link PlainApp}, a program with no Ripple code, packed as {@code plain-app.jar} and run as
 * {@code bin/ripple-supervise -- java -javaagent:target/ripple-agent.jar=conf=… -jar plain-app.jar PORT FILE}.
 */
final class AgentProcess implements AutoCloseable {

    static final Path AGENT_JAR = Path.of(System.getProperty("ripple.agentJar", "target/ripple-agent.jar")).toAbsolutePath();
    static final Path SUPERVISOR = ServerDir.PROJECT.resolve("bin/ripple-supervise").toAbsolutePath();

    private final ServerDir server;
    private final Path output;
    private final Process supervisor;

    private AgentProcess(ServerDir server, Path output, Process supervisor) {
        this.server = server;
        this.output = output;
        this.supervisor = supervisor;
    }

    /** Starts the supervised program and waits until its Server MBean answers with a boot id. */
    static AgentProcess start(ServerDir server, String conf, String servedFile) {
        return start(server, conf, servedFile, PlainApp.class, "");
    }

    /**
     * As {@link #start(ServerDir, String, String)}, running {@code program} (a class with a {@code main(PORT, FILE)}
     * and no dependencies), with more agent arguments ({@code ",ready-port=8080"}).
     */
    static AgentProcess start(ServerDir server, String conf, String servedFile, Class<?> program, String moreAgentArguments) {
        server.writeConf(conf);
        try {
            Path jar = programJar(server.dir, program);
            List<String> command = new ArrayList<>(List.of("bash", SUPERVISOR.toString(), "--",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                    "-javaagent:" + AGENT_JAR + "=conf=" + server.conf() + moreAgentArguments, "-jar", jar.toString(),
                    Integer.toString(server.httpPort), server.dir.resolve(servedFile).toString()));
            Path output = server.dir.resolve("agent.out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            AgentProcess agent = new AgentProcess(server, output, p);
            try {
                agent.awaitBootId();
            } catch (RuntimeException e) {
                agent.close();
                throw new IllegalStateException("agent process did not start:\n" + agent.output(), e);
            }
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** plain-app.jar: PlainApp's class file alone, with a Main-Class manifest. */
    static Path plainAppJar(Path dir) throws IOException {
        return programJar(dir, PlainApp.class);
    }

    /** A jar of {@code program}'s class file alone, with a Main-Class manifest. */
    static Path programJar(Path dir, Class<?> program) throws IOException {
        Path jar = dir.resolve(program == PlainApp.class ? "plain-app.jar" : program.getSimpleName() + ".jar");
        String entry = program.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, program.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             var in = program.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    String awaitBootId() {
        String[] seen = {""};
        await().atMost(NodeProcess.START_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!supervisor.isAlive()) {
                throw new AssertionError("supervisor ended with " + supervisor.exitValue());
            }
            seen[0] = bootId();
            return !seen[0].isEmpty();
        });
        return seen[0];
    }

    String bootId() throws Exception {
        try (JMXConnector c = JmxClients.connect(server.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            return (String) c.getMBeanServerConnection().getAttribute(new ObjectName(TestCluster.SERVER), "BootId");
        }
    }

    boolean supervisorAlive() {
        return supervisor.isAlive();
    }

    /**
     * Waits until the supervisor has ended; when it has not, fails with the agent's output and the threads of the JVMs
     * still running under it, which say what kept the program's JVM alive.
     */
    void awaitSupervisorEnded(Duration wait) {
        try {
            supervisor.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (supervisor.isAlive()) {
            throw new AssertionError("the supervisor still runs after " + wait.toSeconds() + " s\n" + output()
                    + "\n--- threads ---\n" + threadsOfChildren());
        }
    }

    private String threadsOfChildren() {
        StringBuilder dump = new StringBuilder();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (ProcessHandle child : supervisor.descendants().toList()) {
            try {
                Path out = server.dir.resolve("threads-" + child.pid() + ".txt");
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                dump.append("pid ").append(child.pid()).append(":\n").append(Files.readString(out));
            } catch (IOException e) {
                dump.append("pid ").append(child.pid()).append(": no thread dump (").append(e.getMessage()).append(")\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return dump.toString();
    }

    String output() {
        try {
            String log = Files.exists(server.dataDir().resolve("ripple-agent.log"))
                    ? Files.readString(server.dataDir().resolve("ripple-agent.log")) : "";
            return (Files.exists(output) ? Files.readString(output) : "") + "\n--- ripple-agent.log ---\n" + log;
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the supervisor (which passes TERM on to the JVM), then anything left, forcibly. */
    @Override
    public void close() {
        List<ProcessHandle> family = new ArrayList<>(supervisor.descendants().toList());
        supervisor.destroy();
        try {
            supervisor.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        family.addAll(supervisor.descendants().toList());
        family.forEach(ProcessHandle::destroyForcibly);
        supervisor.destroyForcibly();
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already gone, or we are shutting down anyway
            }
        }
    }
}
