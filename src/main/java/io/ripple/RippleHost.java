package io.ripple;

import java.time.Duration;
import java.util.Set;

/**
 * The server Ripple hosts. Ripple calls {@link #start} with the configuration to run, {@link #stop} before a restart
 * and at shutdown, asks {@link #isReady} to know when the server is serving, and {@link #validate} before a cluster
 * restart rolls a configuration out. Start it with {@link Ripple#start}.
 *
 * <pre>{@code
 * class MyServer implements RippleHost {
 *     public Set<String> stanzas() {
 *         return Set.of("service");                     // its own, free-form stanza of server.conf
 *     }
 *     public void start(HostConfiguration config) throws Exception {
 *         int port = Integer.parseInt(config.value("service", "http-port").orElseThrow());
 *         ...                                            // open the port, read config.resolve("junctions"), ...
 *     }
 *     public void stop() { ... }
 * }
 * }</pre>
 *
 * <p>Ripple never calls these methods at the same time as each other, except {@link #isReady} and {@link #validate},
 * which may come from any thread at any time. A {@code stop()} that outlasts {@code [cluster] stop-timeout} is
 * interrupted, and {@link #start} waits a few seconds more for it to return; only a stop that ignores its interrupt is
 * abandoned, and {@code start} then runs while it still runs (a warning says so).
 */
public interface RippleHost {

    /**
     * The server.conf stanzas this server reads itself, such as {@code service}. Ripple's own stanzas are strict (an
     * unknown key, or an unknown stanza, refuses the start with the closest known name, so that a misspelt
     * {@code [jmx]} never starts a channel without its password file); the stanzas named here are the host's, and
     * their keys are its business. server.conf can declare more with {@code [server] host-stanzas = NAME ...}, which
     * is how the agent and the CLI, which know no host, learn them. The default declares none.
     */
    default Set<String> stanzas() {
        return Set.of();
    }

    /** Starts the server with this configuration; throws when it cannot serve with it (the message says why). */
    void start(HostConfiguration configuration) throws Exception;

    /** Stops the server; it may be started again with another configuration. */
    void stop() throws Exception;

    /**
     * True when the server is up and serving. After a restart Ripple probes it until it has answered true for
     * {@code [cluster] ready-checks} probes in a row and {@code soak-time} seconds; a false after the first true fails
     * the restart. Must be cheap and must not throw: an exception counts as false, and is logged once at WARN until
     * the next true.
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

    /**
     * Lets in-flight work finish before a restart stops the server. Ripple calls it only when {@code [cluster]
     * drain-time} is more than 0, right after it marked the server not Ready (the Server MBean's {@code Ready} and the
     * health endpoint's {@code /ready} say so), so that load balancers take the server out of their pools while it
     * still serves. A server with a readiness endpoint of its own should answer "not ready" from this call until its
     * next {@link #start}.
     *
     * <p>Block at most {@code budget} (the drain-time). Return {@code true} as soon as nothing is in flight and nothing
     * new is arriving: Ripple then stops the server at once. Return {@code false} to have Ripple wait out the rest of
     * the drain-time. The default returns {@code false} at once: a server that cannot tell is given the whole
     * drain-time, which is also what gives a load balancer's health checks time to notice. Called on Ripple's
     * lifecycle thread, never at the same time as {@link #start} or {@link #stop}; when interrupted, return promptly.
     *
     * @param budget how long Ripple waits before it stops the server
     * @return true when the server is idle and may be stopped now
     */
    default boolean drain(Duration budget) throws InterruptedException {
        return false;
    }
}
