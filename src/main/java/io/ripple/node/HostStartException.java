package io.ripple.node;

/** The hosted server could not start; the message says why, in one line. */
public class HostStartException extends Exception {
    public HostStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
