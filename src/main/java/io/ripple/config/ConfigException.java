package io.ripple.config;

/** A configuration that cannot be used; the message names the file, the line or key, and what was expected. */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
