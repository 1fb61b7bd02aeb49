package io.ripple.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /ripple-proof?nonce=HEX&user=NAME} beside the Jolokia agent, without authentication: a
 * {@link ProofChallenge} answered with a {@link ProofAnswer} line, so that a Ripple server checks this one before it
 * sends its credentials. It answers that and nothing else: any other method, path, query or a request body is
 * refused with a short line; it reads no body and calls no MBean.
 */
final class ProofHandler implements HttpHandler {

    /** The context path, a sibling of {@code /jolokia}. */
    static final String PATH = "/ripple-proof";
    private static final int OK = 200;
    private static final int BAD_REQUEST = 400;
    private static final int NOT_FOUND = 404;
    private static final int METHOD_NOT_ALLOWED = 405;

    private final ProofResponder proofs;

    ProofHandler(ProofResponder proofs) {
        this.proofs = proofs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!PATH.equals(exchange.getRequestURI().getRawPath())) {
                answer(exchange, NOT_FOUND, "Not found");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                answer(exchange, METHOD_NOT_ALLOWED, "Only GET " + PATH + "?nonce=HEX&user=NAME");
                return;
            }
            if (hasBody(exchange)) {
                answer(exchange, BAD_REQUEST, "A challenge has no body");
                return;
            }
            ProofChallenge challenge;
            try {
                challenge = ProofChallenge.fromQuery(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                answer(exchange, BAD_REQUEST, "Invalid challenge: " + e.getMessage());
                return;
            }
            answer(exchange, OK, proofs.answer(challenge));
        } finally {
            exchange.close();
        }
    }

    private static boolean hasBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !"0".equals(length.strip()));
    }

    private static void answer(HttpExchange exchange, int status, String line) throws IOException {
        byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (status != OK) {
            // the rest of what the client sent is not read: the connection cannot carry another request
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
