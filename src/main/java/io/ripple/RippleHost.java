package io.ripple;

/**
 * The server Ripple hosts. Ripple calls {@link #start} with the configuration to run, {@link #stop} before a restart
 * and at shutdown, asks {@link #isReady} to know when the server is serving, and {@link #validate} before a cluster
 * restart rolls a configuration out. Start it with {@link Ripple#start}.
 *
 * <pre>{@code
 * class MyServer implements RippleHost {
 *     public void start(HostConfiguration config) throws Exception {
 *         int port = Integer.parseInt(config.value("service", "http-port").orElseThrow());
 *         ...                                            // open the port, read config.resolve("junctions"), ...
 *     }
 *     public void stop() { ... }
 * }
 * }</pre>
 *
 * <p>Ripple never calls these methods at the same time as each other, except {@link #isReady} and {@link #validate},
 * which may come from any thread at any time.
 */
public interface RippleHost {

    /** Starts the server with this configuration; throws when it cannot serve with it (the message says why). */
    void start(HostConfiguration configuration) throws Exception;

    /** Stops the server; it may be started again with another configuration. */
    void stop() throws Exception;

    /**
     * True when the server is up and serving. After a restart Ripple probes it until it has answered true for
     * {@code [cluster] ready-checks} probes in a row and {@code soak-time} seconds; a false after the first true fails
     * the restart. Must be cheap and must not throw.
     */
    default boolean isReady() {
        return true;
    }

    /**
     * Rejects a configuration the server could not run with, without starting anything; the message says why. On the
     * master, a cluster restart calls it with the configuration on the master's disk before any replica is asked, and
     * a rejection refuses the run. Reject what {@link #start} would reject.
     */
    default void validate(HostConfiguration candidate) throws Exception {
    }
}
