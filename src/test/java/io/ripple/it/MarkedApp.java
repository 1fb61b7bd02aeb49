package io.ripple.it;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A plain JVM program with no Ripple code that misbehaves when the file it reads is marked, for the agent's revert
 * tests: a line {@code fail-start} makes its {@code main} throw; a line {@code fail-start-if-exists PATH} makes it throw
 * while that file exists; a line {@code never-ready} makes it hang without ever opening its port; a line
 * {@code end-at-once} makes its {@code main} return at once, leaving no thread behind. Otherwise it serves
 * {@code {"pid": …, "text": "…"}} on 127.0.0.1:PORT, as {@link PlainApp} does. Usage: {@code MarkedApp PORT FILE}.
 */
public final class MarkedApp {

    private MarkedApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String text = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8).strip();
        for (String line : text.split("\n")) {
            String mark = line.strip();
            if (mark.equals("fail-start")) {
                throw new IllegalStateException("fail-start is set: this program refuses to start");
            }
            if (mark.startsWith("fail-start-if-exists ") && Files.exists(Path.of(mark.substring(21).strip()))) {
                throw new IllegalStateException(mark.substring(21).strip() + " exists: this program refuses to start");
            }
            if (mark.equals("end-at-once")) {
                System.out.println("marked-app: end-at-once is set, ending");
                return;
            }
            if (mark.equals("never-ready")) {
                System.out.println("marked-app: never-ready is set, hanging");
                new CountDownLatch(1).await();
            }
        }
        byte[] body = ("{\"pid\": " + ProcessHandle.current().pid() + ", \"text\": \"" + text.replace("\\", "\\\\")
                .replace("\"", "\\\"").replace("\n", "\\n") + "\"}").getBytes(StandardCharsets.UTF_8);
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
        System.out.println("marked-app serving on " + port);
    }
}
