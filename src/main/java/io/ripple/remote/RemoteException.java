package io.ripple.remote;

/**
 * A call to another server that failed; the message names the URL and the cause in one line, so that it can go into a
 * run's status as it is.
 */
public class RemoteException extends RuntimeException {

    /** Why a call failed, so that callers (and the CLI's exit codes) can tell them apart. */
    public enum Kind {
        /** Refused, unknown host, or no answer within the connect time-out. */
        CANNOT_CONNECT,
        /** No answer within the call time-out. */
        TIMEOUT,
        /** Wrong user or password. */
        AUTHENTICATION_FAILED,
        /** Authenticated, but the user's role does not allow this call. */
        NOT_ALLOWED,
        /** The remote operation ran and failed; the message is its error. */
        REMOTE_ERROR
    }

    private final Kind kind;
    private final boolean missingMBean;

    public RemoteException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, false);
    }

    /** @param missingMBean the server answered, but has no such MBean (yet: a server that is starting has none) */
    public RemoteException(Kind kind, String message, Throwable cause, boolean missingMBean) {
        super(message, cause);
        this.kind = kind;
        this.missingMBean = missingMBean;
    }

    /** Whether the server answered without the MBean asked for: not Ripple, not the master, or still starting. */
    public boolean missingMBean() {
        return missingMBean;
    }

    public Kind kind() {
        return kind;
    }
}
