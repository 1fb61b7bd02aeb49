package io.ripple.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The sample server {@code bin/ripple-node} hosts: an HTTP service on {@code [service] http-port} whose {@code GET /}
 * shows the configuration it runs with (name, version, boot id, junctions), so that a restart and a new configuration
 * can be seen from outside. For load balancers, {@code GET /ready} answers 200 while it is started and not draining
 * (503 otherwise) and {@code GET /live} 200 while it serves.
 *
 * <p>Its {@link #drain} answers "idle" once no request to {@code /} is in flight and none has arrived for
 * {@value #DRAIN_QUIET_MILLIS} ms: by then a load balancer that checks {@code /ready} has taken it out of its pool.
 */
public final class SampleServer implements RippleHost {

    /** How long no request to {@code /} may arrive before a draining server calls itself idle. */
    public static final long DRAIN_QUIET_MILLIS = 500;
    private static final long DRAIN_POLL_MILLIS = 20;
    private static final byte[] LIVE = "{\"live\": true}\n".getBytes(StandardCharsets.UTF_8);

    private volatile HttpServer http;
    private volatile boolean draining;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastRequestNanos = System.nanoTime();

    /** {@code [service]}: the sample server's own settings. */
    @Override
    public Set<String> stanzas() {
        return Set.of("service");
    }

    @Override
    public void start(HostConfiguration configuration) throws Exception {
        int port = port(configuration);
        ObjectNode page = page(configuration);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (BindException e) {
            throw new IllegalStateException("[service] http-port " + port + " on 127.0.0.1 is already in use");
        }
        byte[] body = json().writerWithDefaultPrettyPrinter().writeValueAsBytes(page);
        server.createContext("/", exchange -> answer(exchange, body));
        draining = false;
        server.start();
        http = server;
    }

    /** Rejects what {@link #start} would reject: a bad http-port, an unreadable banner, a junction file without "path" or "backend". */
    @Override
    public void validate(HostConfiguration candidate) throws Exception {
        port(candidate);
        page(candidate);
    }

    /**
     * Ripple's own mapper, asked for when first needed: a second mapper would cost a node's start its set-up again, and
     * one made with this class would make it on the main thread before the start-up warm-up has.
     */
    private static ObjectMapper json() {
        return JsonMappers.files();
    }

    private static int port(HostConfiguration configuration) {
        String value = configuration.value("service", "http-port").orElseThrow(() ->
                new IllegalArgumentException("Missing [service] http-port: the sample server needs a port to listen on"));
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed values
        }
        throw new IllegalArgumentException("Invalid [service] http-port '" + value + "'. Must be a port number from 1 to 65535.");
    }

    private static ObjectNode page(HostConfiguration configuration) throws IOException {
        ObjectNode page = json().createObjectNode();
        page.put("name", configuration.serverName());
        page.put("version", configuration.version());
        page.put("bootId", configuration.bootId());
        configuration.value("service", "banner-file").map(configuration::resolve).filter(Files::isRegularFile)
                .ifPresent(banner -> page.put("banner", read(banner).strip()));
        ArrayNode junctions = page.putArray("junctions");
        for (JsonNode junction : junctions(configuration.resolve("junctions"))) {
            junctions.add(junction);
        }
        return page;
    }

    private static List<JsonNode> junctions(Path folder) throws IOException {
        List<JsonNode> junctions = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return junctions;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode junction;
                try {
                    junction = json().readTree(file.toFile());
                } catch (IOException e) {
                    throw new IllegalArgumentException("Junction file " + file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
                }
                if (junction == null || !junction.isObject() || !junction.path("path").isTextual() || !junction.path("backend").isTextual()) {
                    throw new IllegalArgumentException("Junction file " + file
                            + " must be a JSON object with at least \"path\" and \"backend\" strings");
                }
                junctions.add(junction);
            }
        }
        return junctions;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private void answer(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(404, -1);
            } else if (path.equals("/")) {
                inFlight.incrementAndGet();
                lastRequestNanos = System.nanoTime();
                try {
                    send(exchange, 200, body);
                } finally {
                    lastRequestNanos = System.nanoTime();
                    inFlight.decrementAndGet();
                }
            } else if (path.equals("/ready")) {
                boolean ready = isReady() && !draining;
                send(exchange, ready ? 200 : 503, ("{\"ready\": " + ready + ", \"draining\": " + draining + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/live")) {
                send(exchange, 200, LIVE);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * From now until the next start, {@code /ready} answers 503 while {@code /} still serves; returns true once no
     * request is in flight and none arrived for {@value #DRAIN_QUIET_MILLIS} ms, false when the budget ran out first.
     */
    @Override
    public boolean drain(Duration budget) throws InterruptedException {
        draining = true;
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long quietNanos = TimeUnit.MILLISECONDS.toNanos(DRAIN_QUIET_MILLIS);
        while (true) {
            long now = System.nanoTime();
            long quietSince = Math.max(start, lastRequestNanos);
            if (inFlight.get() == 0 && now - quietSince >= quietNanos) {
                return true;
            }
            if (now - deadline >= 0) {
                return false;
            }
            Thread.sleep(Math.min(DRAIN_POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
        }
    }

    @Override
    public void stop() {
        HttpServer server = http;
        http = null;
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    public boolean isReady() {
        return http != null;
    }
}
