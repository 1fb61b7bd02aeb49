package io.ripple.management;

import javax.net.ssl.SSLContext;

/**
 * TLS for one listening endpoint (the JMX connector or the Jolokia agent).
 *
 * @param keystore this server's private key and certificate
 * @param truststore the certificates of the clients it accepts, for {@code clientAuth}; {@code null} for none
 * @param clientAuth whether clients must present a certificate the truststore trusts
 */
public record EndpointTls(TlsStore keystore, TlsStore truststore, boolean clientAuth) {

    /** Reads the stores into a server-side context. @throws ManagementException naming the file that is unusable */
    public SSLContext context() throws ManagementException {
        return Tls.context(keystore, truststore);
    }

    /** For the start-up log line: {@code TLS} or {@code TLS, client certificates required}. */
    String describe() {
        return clientAuth ? "TLS, client certificates required" : "TLS";
    }
}
