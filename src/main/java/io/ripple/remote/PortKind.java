package io.ripple.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What kind of port a URL that failed points at, asked only after a connection failed without an answer: a JMX RMI
 * port answers the first bytes of the RMI protocol, an HTTP port answers a {@code HEAD} request. So a failure can name
 * the likely mistake (a Jolokia URL on the JMX port, a JMX address on an HTTP port) instead of guessing TLS.
 */
final class PortKind {

    /** How long one question may take: it only adds a hint to a failure already found. */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(1_500);
    /** The JRMP header: magic "JRMI", version 2, stream protocol. */
    private static final byte[] JRMP_HEADER = {'J', 'R', 'M', 'I', 0, 2, 0x4B};
    /** The RMI server's answer to a stream-protocol header. */
    private static final int JRMP_PROTOCOL_ACK = 0x4E;

    private PortKind() {
    }

    /** Whether {@code host:port} answers as a Java RMI server (a JMX RMI connector's registry or server port). */
    static boolean speaksJmxRmi(String host, int port) {
        try (Socket socket = open(host, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(JRMP_HEADER);
            out.flush();
            return socket.getInputStream().read() == JRMP_PROTOCOL_ACK;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code host:port} answers plain HTTP. */
    static boolean speaksHttp(String host, int port) {
        try (Socket socket = open(host, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(5);
            return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A hint for a Jolokia URL whose connection was closed without an answer: the port is a JMX RMI one. Null when it
     * is not (it may then be a TLS port, or anything else).
     */
    static String jolokiaOnJmxPort(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getPort() < 0 || !speaksJmxRmi(uri.getHost(), uri.getPort())) {
                return null;
            }
            String hostPort = uri.getHost() + ":" + uri.getPort();
            return "port " + uri.getPort() + " is a JMX RMI port, not a Jolokia (HTTP) one: connect to it as JMX ("
                    + "--jmx " + hostPort + ", service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi), or give the"
                    + " server's [jolokia] port in the URL";
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A hint for an https:// URL that got no TLS handshake: the port answers plain HTTP. Null when it does not. */
    static String httpsOnPlainPort(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getPort() < 0 || !speaksHttp(uri.getHost(), uri.getPort())) {
                return null;
            }
            return "port " + uri.getPort() + " answers plain HTTP, not TLS: use http://" + uri.getRawAuthority()
                    + uri.getRawPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern RMI_ADDRESS =
            java.util.regex.Pattern.compile("/jndi/rmi://(\\[[^\\]]+\\]|[^/:]+):(\\d+)/");

    /**
     * A hint for a JMX RMI address that got no answer: its port answers HTTP (a Jolokia agent's, most likely). Null when
     * it does not.
     */
    static String jmxOnHttpPort(String jmxUrl) {
        java.util.regex.Matcher address = RMI_ADDRESS.matcher(jmxUrl);
        if (!address.find()) {
            return null;
        }
        String host = address.group(1);
        int port = Integer.parseInt(address.group(2));
        if (!speaksHttp(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port)) {
            return null;
        }
        return "port " + port + " answers HTTP, not JMX RMI: a Jolokia port? connect with --jolokia http://" + host + ":"
                + port + "/jolokia/ (or give the server's [jmx] port)";
    }

    private static Socket open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
            socket.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
