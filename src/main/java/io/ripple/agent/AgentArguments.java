package io.ripple.agent;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent's arguments,
 * {@code -javaagent:ripple-agent.jar=conf=/path/server.conf[,startup-wait=SECONDS][,ready-port=PORT|,ready-url=URL][,restart=process|tomcat]}:
 * comma-separated {@code key=value} pairs; a lone path is taken as {@code conf}.
 *
 * @param conf               the server's server.conf
 * @param startupWaitSeconds how long the program's {@code main} may be held back while a replica syncs with its master
 *                           before the program starts (0: not at all)
 * @param readyPort          a local TCP port the program listens on when it is Ready, or 0: Ready as soon as Ripple runs
 * @param readyUrl           an http(s) URL that answers 2xx or 3xx when the program is Ready, or null
 * @param restart            how a change is applied: always a process restart, or Tomcat's in-process context reload
 *                           where the change allows it
 */
record AgentArguments(Path conf, int startupWaitSeconds, int readyPort, URI readyUrl, Restart restart) {

    static final int DEFAULT_STARTUP_WAIT_SECONDS = 30;
    static final String USAGE = "Usage: -javaagent:ripple-agent.jar=conf=/path/server.conf[,startup-wait=SECONDS]"
            + "[,ready-port=PORT|,ready-url=URL][,restart=process|tomcat]";
    private static final Set<String> KEYS = Set.of("conf", "startup-wait", "ready-port", "ready-url", "restart");

    /** How the agent applies a change that reached this server. */
    enum Restart {
        /** Every change: the JVM exits with 75 and its supervisor starts it again. */
        PROCESS,
        /** A change to web application or context files only: Tomcat reloads those contexts; anything else: PROCESS. */
        TOMCAT
    }

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
            if (!KEYS.contains(key)) {
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
        URI url = readyUrl(values.get("ready-url"));
        if (url != null && port != 0) {
            throw new IllegalArgumentException("Agent arguments ready-port and ready-url given together: give one of them. " + USAGE);
        }
        return new AgentArguments(Path.of(conf).toAbsolutePath().normalize(), wait, port, url, restart(values.get("restart")));
    }

    private static URI readyUrl(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI url = new URI(value);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null && url.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException ignored) {
            // reported below with what is allowed
        }
        throw new IllegalArgumentException("Invalid agent argument ready-url '" + value + "'. Must be an http:// or https://"
                + " URL with a host and no user, such as http://127.0.0.1:8080/ (a page that answers 2xx or 3xx when Ready).");
    }

    private static Restart restart(String value) {
        if (value == null) {
            return Restart.PROCESS;
        }
        return switch (value) {
            case "process" -> Restart.PROCESS;
            case "tomcat" -> Restart.TOMCAT;
            default -> throw new IllegalArgumentException("Invalid agent argument restart '" + value
                    + "'. Must be 'process' (every change restarts the process) or 'tomcat' (Tomcat reloads the contexts"
                    + " a change touches, when it touches only web application or context files).");
        };
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
