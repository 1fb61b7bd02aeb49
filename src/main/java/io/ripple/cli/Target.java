package io.ripple.cli;

import io.ripple.remote.Credentials;
import javax.net.ssl.SSLContext;

/**
 * Where a command connects and who it is there: resolved from the connection options, validated.
 *
 * @param tls the context for JMX over TLS and https:// (truststore, and key for client certificates); null for plain
 *     JMX and the JVM's default trust on https://
 */
record Target(String url, Credentials credentials, SSLContext tls) {

    Target(String url, Credentials credentials) {
        this(url, credentials, null);
    }
}
