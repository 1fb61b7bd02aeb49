package io.ripple.agent.tomcat;

/** A web application that Tomcat did not reload: the message says which and why, in one line. */
final class ContextReloadException extends Exception {
    ContextReloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
