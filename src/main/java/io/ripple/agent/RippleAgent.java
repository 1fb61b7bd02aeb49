package io.ripple.agent;

import io.ripple.agent.log.AgentLogging;
import io.ripple.agent.tomcat.TomcatRestart;
import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.ManagementException;
import io.ripple.node.Node;
import io.ripple.node.NodeSettings;
import io.ripple.node.ProcessRestart;
import io.ripple.util.DaemonThreads;
import io.ripple.util.MessageId;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -javaagent:ripple-agent.jar=conf=/path/server.conf -jar any-server.jar}: Ripple's MBeans, JMX connector,
 * Jolokia agent and the whole cluster restart procedure added to an unmodified JVM program. The program cannot
 * restart inside its process, so a restart is a process restart: Ripple flushes its state and the JVM exits with
 * code 75 for its supervisor ({@code bin/ripple-supervise}, or systemd with {@code RestartForceExitStatus=75}) to start
 * it again. With {@code restart=tomcat}, a change to Tomcat web application or context files only is applied in-process
 * instead (see {@link TomcatRestart}).
 *
 * <p>The runtime starts on a daemon thread. The program's {@code main} waits only until the configuration is in place
 * (a replica's startup sync with its master), at most {@code startup-wait} seconds; a server.conf, password file or port
 * the agent cannot use ends the JVM at launch with exit code 2 and one line on standard error.
 *
 * <p>A program whose {@code main} throws, or which ends, has failed on its own: the Server MBean shows it FAILED, and a
 * replica that restarted its process for a new version goes back to the version before (see the node's
 * {@code ProcessRevert}).
 */
public final class RippleAgent {

    /** Exit code at launch when the agent's arguments or server.conf cannot be used. */
    public static final int EXIT_BAD_CONFIG = 2;
    /** Exit code at launch when Ripple's start met an error it cannot recover from (EX_SOFTWARE). */
    public static final int EXIT_FATAL = 70;
    /** Ripple's own log file in the data-dir, used when the host has no SLF4J binding. */
    public static final String LOG_FILE = "ripple-agent.log";
    private static final long WAIT_SLICE_MILLIS = 20;
    /** How often the agent looks whether the program has ended, leaving only Ripple's threads. */
    static final long EXIT_WATCH_INTERVAL_MILLIS = 250;
    /** The thread the launcher leaves behind once {@code main} has returned. */
    private static final String LAUNCHER_THREAD = "DestroyJavaVM";
    /** The JDK's RMI thread that keeps the JVM alive while the JMX connector is exported. */
    private static final String RMI_KEEP_ALIVE_THREAD = "RMI Reaper";
    /** Why the program failed when it ended without its {@code main} throwing. */
    static final String PROGRAM_ENDED = "the program ended: its main returned and none of its threads is left";

    private static final AtomicReference<Node> RUNNING = new AtomicReference<>();

    private RippleAgent() {
    }

    /** The JVM's entry point for {@code -javaagent}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, true);
    }

    /** The entry point when attached to a running JVM: never holds anything back, never ends the JVM. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, false);
    }

    static void start(String text, boolean atLaunch) {
        AgentArguments arguments;
        NodeSettings settings;
        try {
            arguments = AgentArguments.parse(text);
            settings = NodeSettings.from(arguments.conf(), StanzaFile.read(arguments.conf()));
        } catch (IllegalArgumentException | ConfigException e) {
            refuse(e.getMessage(), atLaunch);
            return;
        }
        if (RUNNING.get() != null) {
            System.err.println("ripple-agent: already running in this JVM; " + arguments.conf() + " ignored");
            return;
        }
        AgentLogging.useFile(settings.dataDir().resolve(LOG_FILE));
        JolokiaEndpoint.setHttpServerOptions();
        AgentHost host = new AgentHost(arguments.readyPort(), arguments.readyUrl());
        if (atLaunch) {
            watchMainThread(host);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = DaemonThreads.start("ripple-agent-start", () -> {
            Logger log = LoggerFactory.getLogger(RippleAgent.class);
            try {
                Node node = Node.start(arguments.conf(), host, processRestart(arguments));
                RUNNING.set(node);
                host.onProgramFailure(node.lifecycle()::hostFailed);
                log.info(MessageId.AGENT_RUNNING.line("Ripple agent running; it logs to {}"), AgentLogging.destination());
            } catch (Exception e) {
                failure.set(e);
                log.error(MessageId.AGENT_NOT_STARTED.line("Ripple did not start: {}"), e.getMessage());
            } catch (Error e) {
                failure.set(e);
                log.error(MessageId.AGENT_NOT_STARTED.line("Ripple did not start: {}"), e.toString());
                if (atLaunch) {
                    // Half-started endpoints would keep a JVM that is never managed: end it so that a supervisor sees it.
                    System.err.println("ripple-agent: " + MessageId.AGENT_NOT_STARTED.line("fatal error during start-up: " + e));
                    System.exit(EXIT_FATAL);
                }
            }
        });
        if (atLaunch) {
            watchForProgramEnd(host, starter);
        }
        if (atLaunch && arguments.startupWaitSeconds() > 0) {
            awaitConfigured(host, starter, arguments.startupWaitSeconds());
            Throwable e = failure.get();
            if (e instanceof ConfigException || e instanceof ManagementException) {
                refuse(e.getMessage(), true);
            }
        }
    }

    /** How a change is applied: always a process restart, or Tomcat's context reload where the change allows it. */
    private static ProcessRestart processRestart(AgentArguments arguments) {
        return arguments.restart() == AgentArguments.Restart.TOMCAT
                ? new TomcatRestart(ProcessRestart.SYSTEM_EXIT, ManagementFactory.getPlatformMBeanServer())
                : ProcessRestart.SYSTEM_EXIT;
    }

    /** Until the configuration is in place, the start failed, or the wait is over. */
    private static void awaitConfigured(AgentHost host, Thread starter, int waitSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        try {
            while (System.nanoTime() - deadline < 0 && starter.isAlive()) {
                if (host.configured().await(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            starter.join(WAIT_SLICE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code premain} runs on the thread that then runs the program's {@code main}: an exception that ends it is the
     * program failing to start. It still goes where it would go without the agent (the thread group, the default
     * handler, or standard error).
     */
    private static void watchMainThread(AgentHost host) {
        Thread main = Thread.currentThread();
        main.setUncaughtExceptionHandler((thread, e) -> {
            try {
                String message = String.valueOf(e).lines().findFirst().orElse(e.getClass().getName());
                host.programFailed("the program's main threw " + message);
            } finally {
                thread.getThreadGroup().uncaughtException(thread, e);
            }
        });
    }

    /**
     * A program whose {@code main} returns and whose own threads have ended must end as it would without the agent;
     * the JMX connector's RMI export would keep the JVM alive, so Ripple closes when only its threads are left, once a
     * run it is finishing has ended (or after the node's shutdown wait). A replica that restarted its process for a
     * new version goes back to the version before instead, and restarts the process again.
     */
    private static void watchForProgramEnd(AgentHost host, Thread starter) {
        DaemonThreads.start("ripple-agent-exit-watch", () -> {
            try {
                while (!onlyRippleIsLeft() || starter.isAlive()) {
                    Thread.sleep(EXIT_WATCH_INTERVAL_MILLIS);
                }
                host.programFailed(PROGRAM_ENDED);
                Node node = RUNNING.getAndSet(null);
                if (node != null) {
                    node.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static boolean onlyRippleIsLeft() {
        boolean mainEnded = false;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(LAUNCHER_THREAD)) {
                mainEnded = true;
            } else if (!t.isDaemon() && t.isAlive() && !t.getName().equals(RMI_KEEP_ALIVE_THREAD)) {
                return false;
            }
        }
        return mainEnded;
    }

    private static void refuse(String message, boolean atLaunch) {
        System.err.println("ripple-agent: " + MessageId.AGENT_NOT_STARTED.line(message));
        if (atLaunch) {
            System.exit(EXIT_BAD_CONFIG);
        }
    }
}
