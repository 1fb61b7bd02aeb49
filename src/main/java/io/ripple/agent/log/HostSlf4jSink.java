package io.ripple.agent.log;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.event.Level;

/**
 * Ripple's lines handed to the host's own SLF4J (whatever version and binding it has), found on the system class
 * path and called by reflection: the agent carries SLF4J relocated, so it can neither clash with the host's nor link
 * to it directly.
 */
final class HostSlf4jSink implements LogSink {

    /** Built at run time so that relocation leaves it alone: this is the host's SLF4J package, not ours. */
    private static final String HOST_API = String.join(".", "org", "slf4j");

    private final Object factory;
    private final Method getLogger;
    private final Map<Level, Method> isEnabled = new ConcurrentHashMap<>();
    private final Map<Level, Method> log = new ConcurrentHashMap<>();
    private final Map<Level, Method> logError = new ConcurrentHashMap<>();
    private final Map<String, Object> loggers = new ConcurrentHashMap<>();

    private HostSlf4jSink(Object factory, Method getLogger, Class<?> logger) throws NoSuchMethodException {
        this.factory = factory;
        this.getLogger = getLogger;
        for (Level level : Level.values()) {
            String name = level.name().toLowerCase(java.util.Locale.ROOT);
            isEnabled.put(level, logger.getMethod("is" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Enabled"));
            log.put(level, logger.getMethod(name, String.class));
            logError.put(level, logger.getMethod(name, String.class, Throwable.class));
        }
    }

    /** The host's SLF4J when it has one with a real binding; empty when it has none, or only the no-op fallback. */
    static Optional<LogSink> find(ClassLoader loader) {
        try {
            Class<?> loggerFactory = Class.forName(HOST_API + ".LoggerFactory", true, loader);
            if (loggerFactory.getName().startsWith("io.ripple.")) {
                return Optional.empty();
            }
            Object factory = loggerFactory.getMethod("getILoggerFactory").invoke(null);
            String binding = factory.getClass().getSimpleName();
            if (binding.startsWith("NOP") || binding.startsWith("Substitute")) {
                return Optional.empty();
            }
            Class<?> iLoggerFactory = Class.forName(HOST_API + ".ILoggerFactory", false, loader);
            Class<?> logger = Class.forName(HOST_API + ".Logger", false, loader);
            return Optional.of(new HostSlf4jSink(factory, iLoggerFactory.getMethod("getLogger", String.class), logger));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Object logger(String name) {
        return loggers.computeIfAbsent(name, n -> {
            try {
                return getLogger.invoke(factory, n);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public boolean enabled(String logger, Level level) {
        try {
            return (Boolean) isEnabled.get(level).invoke(logger(logger));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void write(String logger, Level level, String message, Throwable error) {
        try {
            if (error == null) {
                log.get(level).invoke(logger(logger), message);
            } else {
                logError.get(level).invoke(logger(logger), message, error);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a host's logging that fails must not fail Ripple
        }
    }
}
