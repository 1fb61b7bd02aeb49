package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fake master speaking Jolokia's JSON, answering with what no real master sends. */
class HostileJolokiaAnswerTest {

    private HttpServer server;

    private String serve(Supplier<String> valueJson) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jolokia", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String value = body.contains("\"version\"") && !body.contains("exec") ? "{\"agent\":\"2.4.2\"}" : valueJson.get();
            byte[] answer = ("{\"status\":200,\"timestamp\":1,\"request\":" + body + ",\"value\":" + value + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jolokia/";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void deeplyNestedAnswerIsARemoteErrorNotAStackOverflow() throws IOException {
        String url = serve(() -> "[".repeat(200_000) + "]".repeat(200_000));
        try (JolokiaRemoteServer remote = JolokiaRemoteServer.open(url, Credentials.NONE, Duration.ofSeconds(5), Duration.ofSeconds(20))) {
            Throwable thrown = catchThrowable(() -> remote.configStore().publishedVersion(1));
            assertThat(thrown).isInstanceOf(RemoteException.class);
        }
    }
}
