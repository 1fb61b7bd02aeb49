package io.ripple.management;

import java.nio.file.Path;
import javax.management.MBeanServer;

/**
 * Where the Jolokia HTTP agent listens and whom it lets in.
 *
 * @param host the address to bind to, e.g. {@code 127.0.0.1}
 * @param port the HTTP port; 0 picks a free one
 * @param passwordFile the JDK-format password file for basic authentication; {@code null} allows
 *     anonymous access, which only a loopback host permits
 * @param accessFile the JDK-format access file ({@link AccessFile}); {@code null} gives no authenticated user a
 *     role, so that nobody may do anything. Callers of an anonymous agent (no password file) are
 *     {@code anonymous}, readwrite on the {@code ripple} domain; {@link ManagementPolicy} applies to everyone
 * @param policyFile a Jolokia policy ({@code jolokia-access.xml}) applied on top of {@link ManagementPolicy}: it
 *     can only narrow it further; {@code null} for none
 * @param mbeanServer the MBeanServer to serve; {@code null} for the platform one. Several servers in one JVM (the
 *     benchmarks' simulated replicas) each serve their own.
 * @param tls HTTPS; {@code null} for plain HTTP
 * @param threads the threads that answer requests ({@code [jolokia] threads}); as many again times eight may wait
 *     for one, and beyond that a request is refused at once
 * @param callers other servers that call this one all at once (a master's replicas): each gets
 *     {@link #PLACES_PER_CALLER} more places in the line, so that a run's burst of their calls is not refused
 */
public record JolokiaSettings(String host, int port, Path passwordFile, Path accessFile, Path policyFile,
                              MBeanServer mbeanServer, EndpointTls tls, int threads, int callers) {

    /** {@code [jolokia] threads} when server.conf does not set it. */
    public static final int DEFAULT_THREADS = RequestThreads.DEFAULT_THREADS;
    /**
     * Places in the line per calling server: in a parallel run every replica pulls its files (several reads in flight)
     * and then confirms its turn, all at about the same moment.
     */
    public static final int PLACES_PER_CALLER = 4;

    public JolokiaSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("Jolokia needs at least one request thread, not " + threads);
        }
        if (callers < 0) {
            throw new IllegalArgumentException("Jolokia's callers cannot be negative: " + callers);
        }
    }

    public JolokiaSettings(String host, int port, Path passwordFile, Path accessFile, Path policyFile,
                           MBeanServer mbeanServer, EndpointTls tls, int threads) {
        this(host, port, passwordFile, accessFile, policyFile, mbeanServer, tls, threads, 0);
    }

    /** Requests that may wait for a thread before one more is refused. */
    public int waitingPlaces() {
        return threads * RequestThreads.QUEUED_PER_THREAD + callers * PLACES_PER_CALLER;
    }

    public JolokiaSettings(String host, int port, Path passwordFile, Path accessFile, Path policyFile,
                           MBeanServer mbeanServer, EndpointTls tls) {
        this(host, port, passwordFile, accessFile, policyFile, mbeanServer, tls, DEFAULT_THREADS);
    }

    public JolokiaSettings(String host, int port, Path passwordFile, Path accessFile, Path policyFile,
                           MBeanServer mbeanServer) {
        this(host, port, passwordFile, accessFile, policyFile, mbeanServer, null);
    }

    public JolokiaSettings(String host, int port, Path passwordFile, Path accessFile, Path policyFile) {
        this(host, port, passwordFile, accessFile, policyFile, null, null);
    }
}
