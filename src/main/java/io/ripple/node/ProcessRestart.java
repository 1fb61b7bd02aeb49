package io.ripple.node;

/**
 * How a hosted server that cannot restart inside its process is restarted: Ripple flushes its state, then the JVM
 * exits with {@link #EXIT_CODE} and its supervisor ({@code bin/ripple-node}, {@code bin/ripple-supervise}, or systemd
 * with {@code RestartForceExitStatus=75}) starts it again.
 */
@FunctionalInterface
public interface ProcessRestart {

    /** The exit code that asks the supervisor for a process restart (EX_TEMPFAIL of sysexits.h). */
    int EXIT_CODE = 75;

    /** The JVM's own exit: {@code System.exit(75)}, which does not return. */
    ProcessRestart SYSTEM_EXIT = reason -> System.exit(EXIT_CODE);

    /** Ends the process so that it is started again; returns only where a test stands in for the exit. */
    void exit(String reason);
}
