package io.ripple.remote;

import io.ripple.ConfigStoreMXBean;
import io.ripple.management.PublishedObjects;
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
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jolokia.client.spi.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's reads of its master's published files as raw bytes ({@code GET /ripple-object/SHA256?offset=N&length=N}
 * beside {@code /jolokia}), where Jolokia would carry them as base64 in JSON: the master's agent writes that one
 * character at a time, most of a sync's cost. An answer longer than what was asked is refused. A master that has no such
 * path (an earlier release: a 404, or any answer that is not that path's own) is read the old way for the rest of this connection, and so is one
 * that refuses this caller; any other refusal leaves that one read to the old way, which reports its error as it always
 * did.
 */
final class RawObjectReads {

    private static final Logger LOG = LoggerFactory.getLogger(RawObjectReads.class);
    private static final int OK = 200;
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    /** The most of a refusal's line that is kept. */
    private static final int LINE_BYTES = 300;
    private static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final URI base;
    private final String url;
    private final HttpClient sender;
    private final List<HttpHeader> headers;
    private final Duration callTimeout;
    private final Function<Throwable, RemoteException> connectionFailure;
    private volatile boolean served = true;

    /**
     * @param jolokia the agent's URL ({@code http(s)://HOST:PORT/jolokia/}): the reads go to the same server
     * @param sender the client that signs each request between servers, or over HTTPS the plain one
     * @param headers the caller's claim, and over HTTPS its Basic credentials
     * @param connectionFailure what a failed connection is reported as, as the connection's other calls report it
     */
    RawObjectReads(URI jolokia, String url, HttpClient sender, List<HttpHeader> headers, Duration callTimeout,
                   Function<Throwable, RemoteException> connectionFailure) {
        this.base = jolokia.resolve(PublishedObjects.PATH + "/");
        this.url = url;
        this.sender = sender;
        this.headers = headers;
        this.callTimeout = callTimeout;
        this.connectionFailure = connectionFailure;
    }

    /** Whether this connection still reads raw bytes (false once the master showed it does not serve them). */
    boolean served() {
        return served;
    }

    /**
     * Up to {@code length} bytes of the file from {@code offset}; null when this read is to go the old way.
     *
     * @throws RemoteException TIMEOUT or CANNOT_CONNECT, or REMOTE_ERROR when the answer is longer than asked
     */
    byte[] read(String sha256, long offset, int length) {
        if (!served || sha256 == null || !DIGEST.matcher(sha256).matches() || offset < 0 || length < 1) {
            return null; // what the raw path takes nothing else for: Jolokia's readObject answers for it
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(sha256 + "?offset=" + offset + "&length=" + length))
                .timeout(callTimeout).GET();
        headers.forEach(h -> request.header(h.name(), h.value()));
        try {
            HttpResponse<InputStream> response = sender.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                boolean ours = response.headers().firstValue(PublishedObjects.SERVED_HEADER).isPresent();
                if (response.statusCode() == OK && ours) {
                    return body(in, response.headers().firstValueAsLong("Content-Length"), length, url);
                }
                if (!ours) {
                    // not this path's answer (an earlier release's 404, or anything else at that address)
                    served = false;
                    LOG.debug("{} answered HTTP {} without serving {}: its published files are read through Jolokia", url,
                            response.statusCode(), PublishedObjects.PATH);
                } else if (response.statusCode() == UNAUTHORIZED || response.statusCode() == FORBIDDEN) {
                    served = false;
                    LOG.info("{} refused to serve published files as bytes (HTTP {}: {}); they are read through Jolokia",
                            url, response.statusCode(), line(in));
                }
                return null;
            }
        } catch (HttpTimeoutException e) {
            throw e instanceof HttpConnectTimeoutException ? connectionFailure.apply(e) : RemoteFailures.timeout(url, callTimeout, e);
        } catch (IOException e) {
            throw RemoteFailures.isTimeout(e) ? RemoteFailures.timeout(url, callTimeout, e) : connectionFailure.apply(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RemoteFailures.abandoned(url, ConfigStoreMXBean.OBJECT_NAME + " readObject");
        }
    }

    /** The answer's bytes: at most {@code asked}, and as many as its Content-Length says. */
    static byte[] body(InputStream in, OptionalLong contentLength, int asked, String url) throws IOException {
        if (contentLength.isPresent() && (contentLength.getAsLong() < 0 || contentLength.getAsLong() > asked)) {
            throw tooLong(contentLength.getAsLong(), asked, url);
        }
        byte[] bytes = in.readNBytes(asked);
        if (in.read() >= 0) {
            throw tooLong(asked + 1L, asked, url);
        }
        if (contentLength.isPresent() && bytes.length != contentLength.getAsLong()) {
            throw new IOException("the answer ended after " + bytes.length + " of its " + contentLength.getAsLong() + " bytes");
        }
        return bytes;
    }

    private static RemoteException tooLong(long bytes, int asked, String url) {
        return RemoteFailures.remoteError(url, "the answer to a read of " + asked + " bytes of a published file is "
                + bytes + " bytes or more, longer than what was asked; refused", null);
    }

    private static String line(InputStream in) throws IOException {
        String text = new String(in.readNBytes(LINE_BYTES), StandardCharsets.UTF_8).strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
