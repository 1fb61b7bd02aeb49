package io.ripple.remote;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK's {@link HttpClient} with every request signed ({@link RequestSigner}) just before it is sent, the body at
 * hand: jolokia-client-java builds each request and hands it here, so that no request leaves without its own
 * signature and none carries a password. Any {@code Authorization} header a request already has is dropped.
 */
final class SigningHttpClient extends HttpClient {

    private static final String AUTHORIZATION = "Authorization";
    // jolokia-client-java's bodies are strings already in memory: they are published at once
    private static final long BODY_WAIT_SECONDS = 10;

    private final HttpClient http;
    private final RequestSigner signer;

    SigningHttpClient(HttpClient http, RequestSigner signer) {
        this.http = http;
        this.signer = signer;
    }

    /** The client that sends the signed requests. */
    HttpClient unsigned() {
        return http;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest signed;
        try {
            signed = signed(request);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        return http.send(signed, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return http.sendAsync(signed(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return http.sendAsync(signed(request), handler, pushPromiseHandler);
    }

    /** {@code request} with its signature. @throws IllegalStateException if its body cannot be read */
    HttpRequest signed(HttpRequest request) {
        byte[] body = request.bodyPublisher().map(SigningHttpClient::collect).orElse(new byte[0]);
        URI uri = request.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.Builder signed = HttpRequest.newBuilder(request, (name, value) -> !AUTHORIZATION.equalsIgnoreCase(name))
                .header(AUTHORIZATION, signer.authorization(request.method(), target, body));
        if (request.bodyPublisher().isPresent()) {
            signed.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return signed.build();
    }

    /** The bytes a body publisher gives. */
    private static byte[] collect(HttpRequest.BodyPublisher publisher) {
        BodyCollector collector = new BodyCollector();
        publisher.subscribe(collector);
        try {
            return collector.bytes.get(BODY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a request body to sign", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read a request body to sign: " + e, e);
        }
    }

    private static final class BodyCollector implements Flow.Subscriber<ByteBuffer> {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final CompletableFuture<byte[]> bytes = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.write(chunk, 0, chunk.length);
        }

        @Override
        public void onError(Throwable throwable) {
            bytes.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            bytes.complete(out.toByteArray());
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return http.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return http.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return http.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return http.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return http.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return http.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return http.authenticator();
    }

    @Override
    public Version version() {
        return http.version();
    }

    @Override
    public Optional<Executor> executor() {
        return http.executor();
    }
}
