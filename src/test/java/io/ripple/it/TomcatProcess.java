package io.ripple.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * An unmodified Tomcat run as {@code bin/ripple-supervise -- $CATALINA_HOME/bin/catalina.sh run} on its
 * {@link TomcatBase}, in a process group of its own so that {@link #close} can end the supervisor, Tomcat and anything
 * they started.
 */
final class TomcatProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final TomcatBase base;
    private final Path output;
    private final Process supervisor;

    private TomcatProcess(TomcatBase base, Path output, Process supervisor) {
        this.base = base;
        this.output = output;
        this.supervisor = supervisor;
    }

    /** Starts the supervised Tomcat and returns at once. */
    static TomcatProcess launch(TomcatBase base) {
        // setsid: the supervisor leads a new process group (its pid is the group's id), ended as one in close()
        List<String> command = List.of("setsid", "bash", AgentProcess.SUPERVISOR.toString(), "--",
                TomcatBase.HOME.resolve("bin/catalina.sh").toString(), "run");
        Path output = base.dir().resolve("logs/supervised.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("CATALINA_") || k.equals("JAVA_OPTS") || k.equals("JRE_HOME"));
        env.put("CATALINA_HOME", TomcatBase.HOME.toString());
        env.put("CATALINA_BASE", base.dir().toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return new TomcatProcess(base, output, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until Ripple in this Tomcat answers over JMX with a boot id; the supervisor must stay alive meanwhile. */
    void awaitRipple(Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        if (!supervisor.isAlive()) {
                            throw new AssertionError("supervisor ended with " + supervisor.exitValue());
                        }
                        return !bootId().isEmpty();
                    });
        } catch (RuntimeException | AssertionError e) {
            throw new IllegalStateException(base.name() + " did not start:\n" + output(), e);
        }
    }

    String bootId() throws Exception {
        try (JMXConnector c = JmxClients.connect(base.server.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            return (String) c.getMBeanServerConnection().getAttribute(new ObjectName(TestCluster.SERVER), "BootId");
        }
    }

    /** The process id of the Tomcat JVM, as its own Runtime MBean gives it. */
    long tomcatPid() throws Exception {
        try (JMXConnector c = JmxClients.connect(base.server.jmxUrl(), ServerDir.ADMIN, ServerDir.ADMIN_PASSWORD)) {
            return (Long) c.getMBeanServerConnection().getAttribute(new ObjectName("java.lang:type=Runtime"), "Pid");
        }
    }

    boolean supervisorAlive() {
        return supervisor.isAlive();
    }

    /** The supervisor's and Tomcat's console output, and Ripple's own log. */
    String output() {
        StringBuilder text = new StringBuilder();
        for (Path file : new Path[] {output, base.dir().resolve("ripple-data").resolve("ripple-agent.log")}) {
            try {
                text.append("--- ").append(file.getFileName()).append(" ---\n")
                        .append(Files.exists(file) ? Files.readString(file) : "(none)\n");
            } catch (IOException e) {
                text.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return text.toString();
    }

    /** TERM to the supervisor (passed on to Tomcat, which stops cleanly), then KILL to the whole process group. */
    @Override
    public void close() {
        long group = supervisor.pid();
        supervisor.destroy();
        try {
            supervisor.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            new ProcessBuilder("kill", "-KILL", "--", "-" + group).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            supervisor.destroyForcibly();
        }
    }
}
