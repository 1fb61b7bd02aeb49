package io.ripple.it;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A plain JVM program with no Ripple code, for {@link JvmGlobalsIT}: it answers GET / on 127.0.0.1:PORT with the
 * JVM-wide settings Ripple may change, one {@code name=value} a line, read at the time of the request.
 * Usage: {@code JvmSettingsProbe PORT}.
 */
public final class JvmSettingsProbe {

    /** The system properties it reports; {@code ssl.default.protocol} is the default SSLContext's protocol. */
    static final List<String> PROPERTIES = List.of("java.rmi.server.hostname", "sun.rmi.transport.tcp.responseTimeout",
            "sun.rmi.transport.tcp.handshakeTimeout", "sun.net.httpserver.nodelay", "sun.net.httpserver.maxIdleConnections");

    private JvmSettingsProbe() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                StringBuilder body = new StringBuilder();
                try {
                    body.append("ssl.default.protocol=").append(SSLContext.getDefault().getProtocol()).append('\n');
                } catch (Exception e) {
                    body.append("ssl.default.protocol=").append(e).append('\n');
                }
                for (String property : PROPERTIES) {
                    body.append(property).append('=').append(System.getProperty(property)).append('\n');
                }
                byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        System.out.println("probe serving on " + args[0]);
    }
}
