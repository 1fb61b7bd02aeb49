package io.ripple.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Ready as a load balancer's health check sees it: a GET of the configured URL answers 2xx or 3xx (redirects are not
 * followed: a redirect to a login page is an answer). Each probe is a new connection, so that a server that has closed
 * its connector is seen at once.
 */
final class HttpReadyProbe {

    /** A probe gives up on a connection, and on an answer, after this long. */
    static final int TIMEOUT_MILLIS = 1_000;
    /** At most this much of a body is read, so that the connection is left clean. */
    private static final int BODY_LIMIT_BYTES = 64 * 1024;

    private final URI url;

    HttpReadyProbe(URI url) {
        this.url = url;
    }

    boolean answers() {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setRequestProperty("Connection", "close");
            int status = connection.getResponseCode();
            drain(connection);
            return status >= 200 && status < 400;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static void drain(HttpURLConnection connection) {
        try (InputStream body = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.readNBytes(BODY_LIMIT_BYTES);
            }
        } catch (IOException ignored) {
            // the status is what counts
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
