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
    private static final int MAX_PORT = 65535;

    private JmxAddress() {
    }

    /** The JMX service URL that {@code given} names. @throws CliException (exit 2) naming the forms accepted */
    static String toUrl(String given) {
        String hint = "Malformed JMX URL '" + given + "': expected HOST:PORT, [IPv6]:PORT or"
                + " service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi";
        if (given.startsWith("service:jmx:")) {
            try {
                new JMXServiceURL(given);
            } catch (MalformedURLException e) {
                throw CliException.usage(MessageId.CLI_BAD_ADDRESS, hint + " (" + e.getMessage() + ").");
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
        int number = Integer.parseInt(port);
        if (number < 1 || number > MAX_PORT) {
            throw CliException.usage(MessageId.CLI_BAD_ADDRESS, hint + " (port " + port + " is not between 1 and " + MAX_PORT + ").");
        }
        return "service:jmx:rmi:///jndi/rmi://" + host + ":" + number + "/jmxrmi";
    }
}
