package io.ripple.agent.log;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Chooses, once, where Ripple logs in agent mode: through the host's own SLF4J binding when the host has one, or
 * quietly to Ripple's own file otherwise. Never installs a binding for the host.
 */
public final class AgentLogging {

    private static final FileSink FILE = new FileSink();
    private static volatile LogSink sink;

    private AgentLogging() {
    }

    /** Where lines go when the host has no SLF4J binding; call before the first line is logged. */
    public static void useFile(Path logFile) {
        FILE.useFile(logFile);
    }

    /** "the host's SLF4J binding" or "ripple-agent.log", for the start-up line. */
    public static String destination() {
        return sink() instanceof HostSlf4jSink ? "the host's SLF4J binding" : "Ripple's own log file";
    }

    static LogSink sink() {
        LogSink s = sink;
        if (s == null) {
            synchronized (AgentLogging.class) {
                if (sink == null) {
                    Optional<LogSink> host = HostSlf4jSink.find(ClassLoader.getSystemClassLoader());
                    sink = host.orElse(FILE);
                }
                s = sink;
            }
        }
        return s;
    }
}
