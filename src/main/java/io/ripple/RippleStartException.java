package io.ripple;

/**
 * Ripple could not start: its message says why in one line, fit to show as is. {@link #isConfigurationError()} tells a
 * configuration the administrator must fix (server.conf, a password file, a port in use) from a hosted server that
 * failed to start.
 */
public final class RippleStartException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean configurationError;

    RippleStartException(String message, boolean configurationError, Throwable cause) {
        super(message, cause);
        this.configurationError = configurationError;
    }

    /** True when server.conf, a file it names or an endpoint setting cannot be used; false when the host failed. */
    public boolean isConfigurationError() {
        return configurationError;
    }
}
