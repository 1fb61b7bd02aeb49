package io.ripple;

import io.ripple.config.ConfigException;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.ManagementException;
import io.ripple.node.HostStartException;
import io.ripple.node.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Ripple embedded in a server: {@link #start} reads server.conf, opens the JMX connector and the Jolokia agent,
 * registers the {@code ripple} MBeans, syncs a replica with its master, and starts the host with its configuration.
 * From then on Ripple calls the host's {@link RippleHost#stop()} and {@link RippleHost#start} for every restart.
 *
 * <pre>{@code
 * try (Ripple ripple = Ripple.start(Path.of("server.conf"), new MyServer())) {
 *     ripple.awaitShutdown();          // or keep the handle and close() it when the server stops
 * }
 * }</pre>
 */
public final class Ripple implements AutoCloseable {

    private final Node node;
    private boolean closed;

    private Ripple(Node node) {
        this.node = node;
    }

    /**
     * Starts Ripple and the host from a server.conf; returns when the host has started.
     *
     * @throws RippleStartException nothing was started: the configuration cannot be used, or the host failed to start
     */
    public static Ripple start(Path confFile, RippleHost host) throws RippleStartException {
        JolokiaEndpoint.setHttpServerOptions();
        try {
            return new Ripple(Node.start(confFile, host));
        } catch (ConfigException | ManagementException e) {
            throw new RippleStartException(e.getMessage(), true, e);
        } catch (HostStartException e) {
            throw new RippleStartException(e.getMessage(), false, e);
        } catch (IOException e) {
            throw new RippleStartException("Cannot start " + confFile + ": " + e.getMessage(), false, e);
        } catch (RuntimeException | Error e) {
            throw new RippleStartException("Fatal error while starting " + confFile + ": " + e, false, e);
        }
    }

    /** This server's name, from {@code [server] name}. */
    public String serverName() {
        return node.settings().name();
    }

    /** True on the master, the server that holds the configuration. */
    public boolean isMaster() {
        return node.settings().master();
    }

    /** Ripple's own state folder, from {@code [server] data-dir}: published versions, run journal, backups. */
    public Path dataDir() {
        return node.settings().dataDir();
    }

    /** The boot id of the host's current start, as the Server MBean shows it; new at every restart. */
    public String bootId() {
        return node.lifecycle().bootId();
    }

    /** The configuration version the host is running with. */
    public long appliedVersion() {
        return node.lifecycle().appliedVersion();
    }

    /** The JMX connector's address, or null when server.conf opens none. */
    public String jmxUrl() {
        return node.jmxUrl();
    }

    /** The Jolokia agent's address, or null when server.conf opens none. */
    public String jolokiaUrl() {
        return node.jolokiaUrl();
    }

    /**
     * Closes Ripple when the JVM shuts down (SIGTERM, Ctrl-C), and waits for that: the calling thread, typically
     * {@code main}, keeps the JVM alive until then.
     */
    public void awaitShutdown() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            done.countDown();
        }, "ripple-shutdown"));
        done.await();
    }

    /** Stops the host, closes the endpoints and unregisters the MBeans; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            node.close();
        }
    }
}
