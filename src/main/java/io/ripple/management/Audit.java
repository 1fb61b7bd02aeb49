package io.ripple.management;

import io.ripple.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit line of a state-changing operation: one INFO line, {@code ACTION requested by USER (CHANNEL ADDRESS)}, on
 * the logger {@code io.ripple.management.Audit}, so that it can be routed to its own file. Callers name the operation
 * and its arguments, each through {@link SafeText#of(String)}; never a secret. The line itself is bounded and escaped
 * too, so that no caller can write a long line or start a forged one.
 */
public final class Audit {

    /** Bound of a whole audit line's action. */
    public static final int MAX_ACTION_CHARS = 400;

    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

    private Audit() {
    }

    /**
     * Logs that {@code action} was requested by the {@link Caller#current() current caller}.
     *
     * @return the caller as text ({@code admin (jmx 127.0.0.1)}), for a run status or a restart reason
     */
    public static String requested(String action) {
        String by = Caller.current().toString();
        LOG.info(MessageId.AUDIT_REQUEST.line("{} requested by {}"), SafeText.of(action, MAX_ACTION_CHARS), SafeText.of(by, MAX_ACTION_CHARS));
        return by;
    }
}
