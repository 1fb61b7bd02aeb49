package io.ripple.cli;

import io.ripple.remote.Credentials;
import javax.net.ssl.SSLContext;

/**
 * Where a command connects and who it is there: resolved from the connection options, validated.
 *
 * @param tls the context for JMX over TLS and https:// (truststore, and key for client certificates); null for plain
 *     JMX and the JVM's default trust on https://
 * @param clusterAccount the credentials are the cluster account of a server.conf: the tool says so to the server
 */
record Target(String url, Credentials credentials, SSLContext tls, boolean clusterAccount) {

    Target(String url, Credentials credentials) {
        this(url, credentials, null, false);
    }
}
