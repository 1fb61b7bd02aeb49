package io.ripple.cli;

/** The exit codes of {@code bin/ripple} (contract section 4); {@code check} has its own, the Nagios ones. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The operation failed: a run that did not complete, a refused restart, a remote error. */
    public static final int FAILED = 1;
    /** Bad usage or input: unknown command or option, missing connection, unreadable file, malformed URL. */
    public static final int USAGE = 2;
    /** Cannot connect or not allowed: refused, time-out, wrong password, a readonly user. */
    public static final int CANNOT_CONNECT = 3;
    /**
     * {@code cluster status} without {@code --wait}: the latest run is still in progress (its outcome is not known yet).
     * {@code check} never uses it.
     */
    public static final int IN_PROGRESS = 4;

    private ExitCodes() {
    }
}
