package io.ripple.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a hosted server that cannot restart inside its process is restarted: Ripple flushes its state, then the JVM
 * exits with {@link #EXIT_CODE} and its supervisor ({@code bin/ripple-node}, {@code bin/ripple-supervise}, or systemd
 * with {@code RestartForceExitStatus=75}) starts it again. A host may apply some changes inside its process instead
 * ({@link #inProcess}).
 */
@FunctionalInterface
public interface ProcessRestart {

    /** The exit code that asks the supervisor for a process restart (EX_TEMPFAIL of sysexits.h). */
    int EXIT_CODE = 75;

    /** The JVM's own exit: {@code System.exit(75)}, which does not return. */
    ProcessRestart SYSTEM_EXIT = reason -> System.exit(EXIT_CODE);

    /** Ends the process so that it is started again; returns only where a test stands in for the exit. */
    void exit(String reason);

    /**
     * A change this host can apply without a process restart, or empty when the process must restart for it (the
     * default: always).
     *
     * @param files   the files a sync changed, added or removed, relative to {@code confDir} with {@code /}
     * @param confDir the folder of server.conf
     */
    default Optional<InProcessReload> inProcess(List<String> files, Path confDir) {
        return Optional.empty();
    }
}
