package io.ripple.management;

import java.util.Set;
import javax.management.MBeanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a remote client receives when one of Ripple's operations refuses or fails: an {@link MBeanException} (the JMX
 * type for "the operation threw") around a fresh JDK exception whose message is the refusal's one sentence, with no
 * cause. Every console can read it: JConsole, VisualVM and jmxterm have no Ripple classes, so a Ripple exception class
 * anywhere in the chain would reach them as a ClassNotFoundException instead of the sentence, and MXBean proxies
 * unwrap it to the JDK exception.
 */
final class ConsoleRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRefusal.class);

    /** What Ripple throws on purpose for bad arguments or state, kept as the type the client sees. */
    private static final Set<Class<? extends RuntimeException>> REFUSALS = Set.of(IllegalStateException.class,
            IllegalArgumentException.class, SecurityException.class, UnsupportedOperationException.class);

    private ConsoleRefusal() {
    }

    /** The exception a client receives for {@code failure}, thrown by {@code operation}. */
    static MBeanException of(String operation, Exception failure) {
        String message = failure.getMessage();
        RuntimeException shown;
        if (REFUSALS.contains(failure.getClass()) && message != null && !message.isBlank()) {
            shown = copy(failure.getClass(), message);
            LOG.debug("{} refused: {}", operation, message, failure);
        } else if (failure.getClass().getName().startsWith("io.ripple.") && message != null && !message.isBlank()) {
            // Ripple's own exception types carry a message meant for the caller; only their class stays home.
            shown = new IllegalStateException(message);
            LOG.debug("{} failed: {}", operation, message, failure);
        } else {
            shown = new IllegalStateException(operation + " failed: " + failure + ". The server's log has the details.");
            LOG.warn("{} failed", operation, failure);
        }
        shown.setStackTrace(new StackTraceElement[0]);
        return new MBeanException(shown, shown.getMessage());
    }

    private static RuntimeException copy(Class<? extends Exception> type, String message) {
        if (type == IllegalArgumentException.class) {
            return new IllegalArgumentException(message);
        }
        if (type == SecurityException.class) {
            return new SecurityException(message);
        }
        if (type == UnsupportedOperationException.class) {
            return new UnsupportedOperationException(message);
        }
        return new IllegalStateException(message);
    }
}
