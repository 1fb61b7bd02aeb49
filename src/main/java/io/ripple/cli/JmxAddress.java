package io.ripple.cli;

import io.ripple.util.MessageId;
import java.net.MalformedURLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.remote.JMXServiceURL;

/**
 * What {@code --jmx} accepts: a JMX service URL, or the {@code HOST:PORT} and {@code [IPv6]:PORT} forms that JConsole
 * and jmxterm take, which name the RMI registry of a standard connector ({@code /jndi/rmi://HOST:PORT/jmxrmi}).
 */
final class JmxAddress {

    private static final Pattern HOST_PORT = Pattern.compile("([^:\\[\\]/\\s]+):(\\d{1,5})");
    private static final Pattern IPV6_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+(%[\\w.]+)?\\]):(\\d{1,5})");
    /** The RMI registry's port in a service URL's path: /jndi/rmi://HOST:PORT/… */
    private static final Pattern REGISTRY_PORT = Pattern.compile("^/jndi/rmi://(?:\\[[^\\]]*\\]|[^/:\\[]*):(\\d+)/");
    private static final int MAX_PORT = 65535;

    private JmxAddress() {
    }

    /** The JMX service URL that {@code given} names. @throws CliException (exit 2) naming the forms accepted */
    static String toUrl(String given) {
        String hint = "Malformed JMX URL '" + given + "': expected HOST:PORT, [IPv6]:PORT or"
                + " service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi";
        if (given.startsWith("service:jmx:")) {
            JMXServiceURL url;
            try {
                url = new JMXServiceURL(given);
            } catch (MalformedURLException e) {
                throw CliException.usage(MessageId.CLI_BAD_ADDRESS, hint + " (" + e.getMessage() + ").");
            }
            // JMXServiceURL takes any number as a port, and 0 there means "any": only a port past the range is wrong.
            if (url.getPort() > MAX_PORT) {
                checkPort(String.valueOf(url.getPort()), hint);
            }
            Matcher registry = REGISTRY_PORT.matcher(url.getURLPath());
            if (registry.find()) {
                checkPort(registry.group(1), hint);
            }
            return given;
        }
        String host;
        String port;
        Matcher plain = HOST_PORT.matcher(given);
        Matcher ipv6 = IPV6_PORT.matcher(given);
        if (plain.matches()) {
            host = plain.group(1);
            port = plain.group(2);
        } else if (ipv6.matches()) {
            host = ipv6.group(1);
            port = ipv6.group(3);
        } else {
            throw CliException.usage(MessageId.CLI_BAD_ADDRESS, hint + ".");
        }
        checkPort(port, hint);
        return "service:jmx:rmi:///jndi/rmi://" + host + ":" + Integer.parseInt(port) + "/jmxrmi";
    }

    /**
     * Refuses a port a client cannot connect to, before the JDK refuses it with a bare "port out of range".
     *
     * @param port the port's digits as given, or null when the address names none (its default applies)
     * @throws CliException (exit 2) with {@code hint} and the port
     */
    static void checkPort(String port, String hint) {
        if (port == null) {
            return;
        }
        long number = port.length() > 10 ? Long.MAX_VALUE : Long.parseLong(port);
        if (number < 1 || number > MAX_PORT) {
            throw CliException.usage(MessageId.CLI_BAD_ADDRESS, hint + " (port " + port + " is not between 1 and " + MAX_PORT + ").");
        }
    }
}
