package io.ripple.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ripple.management.PeerProof;
import io.ripple.management.ProofAnswer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A master that is not one: a small HTTP server speaking Jolokia's JSON, as a hostile or broken server on the master's
 * address would. It holds the cluster's secret (the example {@code ripple} account), so it proves itself as the master
 * ({@code /ripple-proof}) and passes the replica's identity checks (name and role), and answers every other request with
 * the JSON value its {@code answer} function gives ({@code null}: Jolokia's null).
 */
final class FakeJolokiaMaster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The password of the example cluster account (jmx-config/cluster.credentials). */
    private static final String CLUSTER_PASSWORD = "ripple-secret";
    private static final String CLUSTER_ID = "fake-cluster";

    private final HttpServer server;
    private final String name;
    private final Function<JsonNode, String> answer;
    final List<String> received = new CopyOnWriteArrayList<>();

    FakeJolokiaMaster(String name, Function<JsonNode, String> answer) throws IOException {
        this.name = name;
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jolokia", this::handle);
        server.createContext("/ripple-proof", this::prove);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jolokia/";
    }

    /** Proves it is {@code name} of cluster "fake-cluster" with the example cluster account's key. */
    private void prove(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        byte[] key = PeerProof.clusterKey(query.get("user"), CLUSTER_PASSWORD);
        byte[] proof = PeerProof.proof(key, HexFormat.of().parseHex(query.get("nonce")), PeerProof.JOLOKIA, "master", name,
                CLUSTER_ID);
        byte[] bytes = new ProofAnswer("master", name, CLUSTER_ID, proof).encode().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
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
                case "ripple:type=Server ClusterId" -> JSON.writeValueAsString(CLUSTER_ID);
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
