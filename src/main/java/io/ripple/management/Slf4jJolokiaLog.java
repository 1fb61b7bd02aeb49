package io.ripple.management;

import org.jolokia.server.core.service.api.LogHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends Jolokia's own log lines to SLF4J instead of stdout. */
final class Slf4jJolokiaLog implements LogHandler {

    private static final Logger LOG = LoggerFactory.getLogger("org.jolokia");

    @Override
    public void debug(String message) {
        LOG.debug(message);
    }

    @Override
    public void info(String message) {
        // Jolokia's start-up chatter is detail, not lifecycle.
        LOG.debug(message);
    }

    @Override
    public void error(String message, Throwable t) {
        if (t instanceof SecurityException || message.startsWith("Error 4")) {
            // a refused or malformed request is the client's problem, and the client gets the answer
            LOG.debug("{}{}", message, t == null ? "" : ": " + t);
        } else if (LOG.isDebugEnabled()) {
            LOG.warn(message, t);
        } else {
            LOG.warn("{}{}", message, t == null ? "" : ": " + t);
        }
    }

    @Override
    public boolean isDebug() {
        return LOG.isDebugEnabled();
    }
}
