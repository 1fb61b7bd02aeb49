package io.ripple.sample;

import io.ripple.Ripple;
import io.ripple.RippleStartException;
import io.ripple.management.JvmGlobals;
import io.ripple.node.StartupWarmup;
import io.ripple.util.MessageId;
import java.nio.file.Path;

/**
 * {@code bin/ripple-node CONF}: the sample server with Ripple embedded through its public API, {@link Ripple#start}.
 * Exit 2 for a configuration it cannot use, 1 when the sample server failed to start. Once running, it logs to the
 * console and to {@code data-dir/ripple-node.log}.
 */
public final class SampleMain {

    /** Exit code when server.conf or an endpoint setting cannot be used. */
    public static final int EXIT_BAD_CONFIG = 2;
    /** Exit code when the hosted server failed to start. */
    public static final int EXIT_HOST_FAILED = 1;

    private SampleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("Usage: ripple-node CONF (the server's server.conf)");
            System.exit(EXIT_BAD_CONFIG);
        }
        // first: the warm-up runs on the other core while this thread sets up logging and the sample server
        StartupWarmup.begin();
        // bin/ripple-node's JVM is Ripple's own: the JVM-wide settings Ripple makes are logged at DEBUG, not WARN.
        JvmGlobals.launcherOwnsJvm();
        Ripple ripple;
        try {
            ripple = Ripple.start(Path.of(args[0]), new SampleServer());
        } catch (RippleStartException e) {
            System.err.println("ripple-node: " + (e.isConfigurationError() ? MessageId.START_BAD_CONFIGURATION
                    : MessageId.HOST_START_FAILED).line(e.getMessage()));
            System.exit(e.isConfigurationError() ? EXIT_BAD_CONFIG : EXIT_HOST_FAILED);
            return;
        } catch (RuntimeException | Error e) {
            // Ripple.start reports its own failures; this is one outside it. Without an exit, the endpoints' threads
            // would keep a JVM alive that is never Ready, and a supervisor would never start it again.
            System.err.println("ripple-node: " + MessageId.START_FATAL.line("fatal error during start-up: " + e));
            System.exit(EXIT_HOST_FAILED);
            return;
        }
        NodeLogFile.attach(ripple.dataDir());
        ripple.awaitShutdown();
    }
}
