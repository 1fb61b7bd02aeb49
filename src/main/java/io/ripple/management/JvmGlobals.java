package io.ripple.management;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings Ripple changes for the whole JVM, where the JDK reads them nowhere else. Ripple sets a system property
 * only when nobody set it before, so that one given on the command line always wins, and reports each change once: at
 * WARN, since embedded or as an agent the JVM is the host's, or at DEBUG in Ripple's own launchers
 * ({@link #launcherOwnsJvm()}), whose output is the command's. docs/EMBEDDING.md lists them.
 */
public final class JvmGlobals {

    private static final Logger LOG = LoggerFactory.getLogger(JvmGlobals.class);
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
    private static volatile boolean launcherOwnsJvm;

    private JvmGlobals() {
    }

    /** Called by Ripple's own launchers ({@code bin/ripple-node}, {@code bin/ripple}): their JVM is Ripple's. */
    public static void launcherOwnsJvm() {
        launcherOwnsJvm = true;
    }

    /**
     * Sets system property {@code name} to {@code value} unless it is set already, and reports it once with
     * {@code reason} (why Ripple needs it and what else it changes).
     *
     * @return true if Ripple set it
     */
    public static boolean setPropertyIfUnset(String name, String value, String reason) {
        synchronized (JvmGlobals.class) {
            if (System.getProperty(name) != null) {
                return false;
            }
            System.setProperty(name, value);
        }
        report(name, "Ripple set " + name + "=" + value + " for the whole JVM: " + reason
                + " To choose another value, set it on the command line (-D" + name + "=…).");
        return true;
    }

    /** Makes {@code context} the JVM's default {@link SSLContext} and reports it once with {@code reason}. */
    static void setDefaultSslContext(SSLContext context, String reason) {
        SSLContext.setDefault(context);
        report("SSLContext.default", "Ripple made its [cluster] TLS context the default SSLContext for the whole JVM: "
                + reason);
    }

    private static void report(String key, String message) {
        if (!REPORTED.add(key)) {
            return;
        }
        if (launcherOwnsJvm) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }
}
