package io.ripple.agent.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One of Ripple's loggers in agent mode: formats the line, prefixes the server's name, and hands it to the sink. */
final class AgentLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    /** The node runtime sets it to the server's name, as bin/ripple-node's log pattern shows it. */
    static final String SERVER_PROPERTY = "ripple.server";

    AgentLogger(String name) {
        this.name = name;
    }

    private boolean enabled(Level level) {
        return AgentLogging.sink().enabled(name, level);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable error) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        String server = System.getProperty(SERVER_PROPERTY);
        AgentLogging.sink().write(name, level, server == null ? message : "[" + server + "] " + message, error);
    }
}
