package io.ripple.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ripple.util.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * {@code [cluster] health-port}: a tiny HTTP endpoint for load balancers, for hosts without an HTTP server of their
 * own. {@code GET /ready} answers 200 while the hosted server is Ready and not draining, 503 otherwise; {@code GET
 * /live} answers 200 as long as the process serves. Both bodies are one line of JSON. No authentication: it reveals
 * nothing but these two booleans, and binds to 127.0.0.1 unless {@code health-host} says otherwise.
 */
public final class HealthEndpoint implements AutoCloseable {

    private static final byte[] NOT_FOUND = "{\"error\": \"not found: use /ready or /live\"}\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Opens the endpoint.
     *
     * @param ready    true while the hosted server is Ready
     * @param draining true while a restart drains it
     * @throws ManagementException the port is in use or cannot be opened
     */
    public static HealthEndpoint start(String host, int port, BooleanSupplier ready, BooleanSupplier draining)
            throws ManagementException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 50);
        } catch (BindException e) {
            throw BindFailure.of("Health", host, port, e);
        } catch (IOException e) {
            throw new ManagementException("Cannot open health port " + port + " on " + host + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("ripple-health-" + port));
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, ready, draining));
        server.start();
        return new HealthEndpoint(server, executor);
    }

    private static void answer(HttpExchange exchange, BooleanSupplier ready, BooleanSupplier draining) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int status;
            byte[] body;
            if (path.equals("/live")) {
                status = 200;
                body = "{\"live\": true}\n".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/ready")) {
                boolean drain = draining.getAsBoolean();
                boolean up = !drain && ready.getAsBoolean();
                status = up ? 200 : 503;
                body = ("{\"ready\": " + up + ", \"draining\": " + drain + "}\n").getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = NOT_FOUND;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The port it listens on (the one bound when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
