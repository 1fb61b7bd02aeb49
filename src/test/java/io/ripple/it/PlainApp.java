package io.ripple.it;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plain JVM program with no Ripple code, for the agent's tests: it reads a file once at start and serves
 * {@code {"pid": …, "text": "…"}} on 127.0.0.1:PORT until it is stopped. Usage: {@code PlainApp PORT FILE}.
 */
public final class PlainApp {

    private PlainApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String text = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8).strip();
        byte[] body = ("{\"pid\": " + ProcessHandle.current().pid() + ", \"text\": \"" + text.replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        System.out.println("plain-app serving on " + port);
    }
}
