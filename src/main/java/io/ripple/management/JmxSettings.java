package io.ripple.management;

import java.nio.file.Path;

/**
 * Where the JMX RMI connector listens and whom it lets in.
 *
 * @param host the address to bind to and to put in the stubs, e.g. {@code 127.0.0.1}
 * @param port the one port for both the RMI registry and the connector; 0 picks a free one
 * @param passwordFile the JDK-format password file; {@code null} allows anonymous access,
 *     which only a loopback host permits
 * @param accessFile the JDK-format access file ({@link AccessFile}); {@code null} gives no authenticated user a
 *     role, so that nobody may do anything. Callers of an anonymous connector (no password file) are
 *     {@code anonymous}, readwrite on the {@code ripple} domain; {@link ManagementPolicy} applies to everyone
 * @param tls TLS for both the registry and the connector; {@code null} for plain RMI
 */
public record JmxSettings(String host, int port, Path passwordFile, Path accessFile, EndpointTls tls) {

    /** Plain RMI, without TLS. */
    public JmxSettings(String host, int port, Path passwordFile, Path accessFile) {
        this(host, port, passwordFile, accessFile, null);
    }
}
