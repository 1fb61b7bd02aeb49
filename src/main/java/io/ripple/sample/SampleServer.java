package io.ripple.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample server {@code bin/ripple-node} hosts: an HTTP service on {@code [service] http-port} whose {@code GET /}
 * shows the configuration it runs with (name, version, boot id, junctions), so that a restart and a new configuration
 * can be seen from outside.
 */
public final class SampleServer implements RippleHost {

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile HttpServer http;

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
        byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(page);
        server.createContext("/", exchange -> answer(exchange, body));
        server.start();
        http = server;
    }

    /** Rejects what {@link #start} would reject: a bad http-port, an unreadable banner, a junction file without "path" or "backend". */
    @Override
    public void validate(HostConfiguration candidate) throws Exception {
        port(candidate);
        page(candidate);
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
        ObjectNode page = JSON.createObjectNode();
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
                    junction = JSON.readTree(file.toFile());
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

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
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
