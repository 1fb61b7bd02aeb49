package io.ripple;

/**
 * The server Ripple hosts. Ripple calls {@link #start} with the configuration to run, {@link #stop} before a restart
 * and at shutdown, and asks {@link #isReady} to know when the server is serving.
 */
public interface RippleHost {

    /** Starts the server with this configuration; throws when it cannot serve with it. */
    void start(HostConfiguration configuration) throws Exception;

    /** Stops the server; it may be started again with another configuration. */
    void stop() throws Exception;

    /** True when the server is up and serving. */
    default boolean isReady() {
        return true;
    }

    /** Rejects a configuration the server could not run with; the message says why. */
    default void validate(HostConfiguration candidate) throws Exception {
    }
}
