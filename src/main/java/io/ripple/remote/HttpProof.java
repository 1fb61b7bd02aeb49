package io.ripple.remote;

import io.ripple.management.ProofAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a Jolokia endpoint's {@code GET /ripple-proof} to answer a {@link PeerCheck}'s challenge, without credentials,
 * and checks the answer. The request goes to the host and port of the Jolokia URL; no redirect is followed and no more
 * than one answer line is read.
 */
final class HttpProof {

    static final String PATH = "/ripple-proof";

    private final HttpClient http;
    private final Duration callTimeout;

    HttpProof(Duration connectTimeout, Duration callTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).executor(HandingThread.EXECUTOR).build();
        this.callTimeout = callTimeout;
    }

    /**
     * Has the server at {@code url} (an {@code http://…/jolokia/} URL) prove itself.
     *
     * @return what it proved: its role, name and cluster id
     *
     * @throws RemoteException CANNOT_CONNECT or TIMEOUT when it cannot be asked; AUTHENTICATION_FAILED when it did not
     *     prove it is the server {@code check} expects
     */
    ProofAnswer prove(String url, PeerCheck check) {
        URI uri;
        try {
            uri = URI.create(url).resolve(PATH + "?" + check.challenge().query());
        } catch (IllegalArgumentException e) {
            throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url + ": not a valid URL", e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(callTimeout).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw RemoteFailures.cannotConnect(url, e, false);
        } catch (HttpTimeoutException e) {
            throw RemoteFailures.timeout(url, callTimeout, e);
        } catch (IOException e) {
            throw RemoteFailures.cannotConnect(url, e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url + ": interrupted", e);
        }
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(ProofAnswer.MAX_CHARS + 1), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw RemoteFailures.cannotConnect(url, e, false);
        }
        if (response.statusCode() != 200) {
            throw check.notProved("no answer to the challenge: HTTP " + response.statusCode());
        }
        return check.check(body);
    }
}
