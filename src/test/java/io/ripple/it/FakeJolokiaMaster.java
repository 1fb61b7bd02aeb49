package io.ripple.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A master that is not one: a small HTTP server speaking Jolokia's JSON, as a hostile or broken server on the master's
 * address would. It passes the replica's identity checks (name and role) and answers every other request with the
 * JSON value its {@code answer} function gives ({@code null}: Jolokia's null).
 */
final class FakeJolokiaMaster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String name;
    private final Function<JsonNode, String> answer;
    final List<String> received = new CopyOnWriteArrayList<>();

    FakeJolokiaMaster(String name, Function<JsonNode, String> answer) throws IOException {
        this.name = name;
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jolokia", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jolokia/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(body);
        JsonNode request = JSON.readTree(body.isEmpty() ? "{}" : body);
        String value = switch (request.path("type").asText()) {
            case "version" -> "{\"agent\":\"2.4.2\",\"protocol\":\"8.0\"}";
            case "read" -> switch (request.path("mbean").asText() + " " + request.path("attribute").asText()) {
                case "ripple:type=Server Name" -> JSON.writeValueAsString(name);
                case "ripple:type=Server Role" -> "\"master\"";
                case "ripple:type=Server ClusterId" -> "\"fake-cluster\"";
                default -> answer.apply(request);
            };
            default -> answer.apply(request);
        };
        byte[] bytes = ("{\"status\":200,\"timestamp\":1,\"request\":" + (body.isEmpty() ? "{}" : body) + ",\"value\":" + value + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
