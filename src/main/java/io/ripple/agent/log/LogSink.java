package io.ripple.agent.log;

import org.slf4j.event.Level;

/** Where Ripple's log lines go in agent mode: the host's SLF4J binding, or Ripple's own file. */
interface LogSink {

    boolean enabled(String logger, Level level);

    void write(String logger, Level level, String message, Throwable error);
}
