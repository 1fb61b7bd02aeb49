package io.ripple.agent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's arguments, {@code -javaagent:ripple-agent.jar=conf=/path/server.conf[,startup-wait=SECONDS][,ready-port=PORT]}:
 * comma-separated {@code key=value} pairs; a lone path is taken as {@code conf}.
 *
 * @param conf               the server's server.conf
 * @param startupWaitSeconds how long the program's {@code main} may be held back while a replica syncs with its master
 *                           before the program starts (0: not at all)
 * @param readyPort          a local TCP port the program listens on when it is Ready, or 0: Ready as soon as Ripple runs
 */
record AgentArguments(Path conf, int startupWaitSeconds, int readyPort) {

    static final int DEFAULT_STARTUP_WAIT_SECONDS = 30;
    static final String USAGE = "Usage: -javaagent:ripple-agent.jar=conf=/path/server.conf[,startup-wait=SECONDS][,ready-port=PORT]";

    static AgentArguments parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Missing conf=/path/server.conf. " + USAGE);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = eq < 0 ? "conf" : item.substring(0, eq).strip();
            String value = eq < 0 ? item : item.substring(eq + 1).strip();
            if (!key.equals("conf") && !key.equals("startup-wait") && !key.equals("ready-port")) {
                throw new IllegalArgumentException("Unknown agent argument '" + key + "'. " + USAGE);
            }
            if (values.put(key, value) != null) {
                throw new IllegalArgumentException("Agent argument '" + key + "' given twice. " + USAGE);
            }
        }
        String conf = values.get("conf");
        if (conf == null || conf.isEmpty()) {
            throw new IllegalArgumentException("Missing conf=/path/server.conf. " + USAGE);
        }
        int wait = number(values, "startup-wait", DEFAULT_STARTUP_WAIT_SECONDS, 0, 3600, "a whole number of seconds from 0 to 3600");
        int port = number(values, "ready-port", 0, 0, 65535, "a port number from 1 to 65535, or 0 for none");
        return new AgentArguments(Path.of(conf).toAbsolutePath().normalize(), wait, port);
    }

    private static int number(Map<String, String> values, String key, int otherwise, int min, int max, String allowed) {
        String value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed values
        }
        throw new IllegalArgumentException("Invalid agent argument " + key + " '" + value + "'. Must be " + allowed + ".");
    }
}
