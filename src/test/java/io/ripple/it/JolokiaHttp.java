package io.ripple.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Jolokia calls as curl would make them: JSON over HTTP POST with basic authentication. */
final class JolokiaHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String authorization;
    private final String claimedCaller;

    JolokiaHttp(String url, String user, String password) {
        this(url, user, password, null);
    }

    private JolokiaHttp(String url, String user, String password, String claimedCaller) {
        this.url = url;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.claimedCaller = claimedCaller;
    }

    /** As a Ripple server calls, with the cluster account and a claim naming {@code caller} (no cluster id). */
    static JolokiaHttp asServer(String url, String caller) {
        return new JolokiaHttp(url, ServerDir.CLUSTER_USER, ServerDir.CLUSTER_PASSWORD, caller);
    }

    /** As a person calls who forges a server's claim: {@code user}'s own login, and a claim naming {@code caller}. */
    static JolokiaHttp claiming(String url, String user, String password, String caller) {
        return new JolokiaHttp(url, user, password, caller);
    }

    /** The HTTP response: status code and the parsed body (null when it is not JSON). */
    record Response(int httpStatus, JsonNode body) {
        /** Jolokia's own status in the body, or the HTTP status when there is no body. */
        int status() {
            return body != null && body.has("status") ? body.get("status").asInt() : httpStatus;
        }
    }

    Response post(String jsonRequest) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonRequest));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (claimedCaller != null) {
            request.header("X-Ripple-Caller", claimedCaller).header("X-Ripple-Cluster", "");
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException notJson) {
            // 401 pages and the like are not JSON
        }
        return new Response(response.statusCode(), body);
    }

    Response read(String mbean) throws IOException, InterruptedException {
        return post("{\"type\":\"read\",\"mbean\":\"" + mbean + "\"}");
    }

    Response exec(String mbean, String operation, Object... arguments) throws IOException, InterruptedException {
        return post(JSON.writeValueAsString(java.util.Map.of("type", "exec", "mbean", mbean, "operation", operation,
                "arguments", java.util.List.of(arguments))));
    }
}
