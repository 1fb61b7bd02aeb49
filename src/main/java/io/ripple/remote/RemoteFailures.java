package io.ripple.remote;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one-line {@link RemoteException}s both transports throw, so that a failure reads the same over JMX and
 * Jolokia. Messages name the URL and the cause; they never carry a password or a stack trace.
 */
final class RemoteFailures {

    private static final int MAX_DEPTH = 20;
    private static final String NOT_TLS = "the server does not speak TLS (connect without a truststore, or to an http:// URL)";

    private RemoteFailures() {
    }

    static RemoteException cannotConnect(String url, Throwable cause) {
        return new RemoteException(RemoteException.Kind.CANNOT_CONNECT,
                "Cannot connect to " + url + ": " + describe(cause), cause);
    }

    /**
     * As {@link #cannotConnect(String, Throwable)}, knowing whether this side spoke TLS: a connection the server closed
     * without an answer then says what to check (a TLS endpoint for a plain client, a client certificate for a TLS one).
     */
    static RemoteException cannotConnect(String url, Throwable cause, boolean tlsClient) {
        String closed = closedReason(chain(cause), tlsClient);
        if (closed == null && tlsClient && chain(cause).stream().anyMatch(t -> t instanceof HttpConnectTimeoutException)) {
            closed = "connect time-out (no TLS handshake: an http:// endpoint?)";
        }
        return new RemoteException(RemoteException.Kind.CANNOT_CONNECT,
                "Cannot connect to " + url + ": " + (closed != null ? closed : describe(cause)), cause);
    }

    /**
     * A connection that had answered and then failed: the server stopped, restarted or closed it. Without the TLS advice
     * of {@link #cannotConnect(String, Throwable, boolean)}, which fits only a server that never answered.
     */
    static RemoteException connectionLost(String url, Throwable cause) {
        String why = closedReason(chain(cause), false) != null ? "the server closed the connection (it stopped or restarted?)"
                : describe(cause);
        return new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url + ": " + why, cause);
    }

    /**
     * A call still waiting when its connection was closed: the caller gave up on the server, and no answer that comes
     * later is used. A time-out, for retries: the call may have reached the server, so it is not sent again.
     */
    static RemoteException abandoned(String url, String call) {
        return new RemoteException(RemoteException.Kind.TIMEOUT,
                "Call " + call + " to " + url + " abandoned: its connection was closed before the answer came", null);
    }

    static RemoteException connectTimeout(String url, Duration connectTimeout) {
        return new RemoteException(RemoteException.Kind.CANNOT_CONNECT,
                "Cannot connect to " + url + ": no answer within " + connectTimeout.toMillis() + " ms", null);
    }

    static RemoteException authenticationFailed(String url, String user, Throwable cause) {
        String who = user == null ? "without credentials" : "for user " + user;
        return new RemoteException(RemoteException.Kind.AUTHENTICATION_FAILED,
                "Authentication failed at " + url + " " + who, cause);
    }

    static RemoteException notAllowed(String url, String user, String objectName, String member, Throwable cause) {
        String who = user == null ? "Anonymous access" : "User " + user;
        return new RemoteException(RemoteException.Kind.NOT_ALLOWED,
                who + " is not allowed to call " + member + " on " + objectName + " at " + url, cause);
    }

    static RemoteException timeout(String url, Duration callTimeout, Throwable cause) {
        return new RemoteException(RemoteException.Kind.TIMEOUT,
                "No answer from " + url + " within " + callTimeout.toMillis() + " ms", cause);
    }

    /** The remote side ran the call and it failed; {@code message} is the remote error's text. */
    static RemoteException remoteError(String url, String message, Throwable cause) {
        return new RemoteException(RemoteException.Kind.REMOTE_ERROR, url + ": " + message, cause);
    }

    /**
     * An HTTP 404 that is not a Jolokia answer: nothing serves Jolokia at the URL's path. Whoever set the URL must change
     * it, so it is a connection failure (exit code 3 of the CLI), and the message says what the path should be.
     */
    static RemoteException noJolokiaAgent(String url, Throwable cause) {
        String path;
        String agentUrl;
        try {
            java.net.URI uri = java.net.URI.create(url);
            path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            agentUrl = uri.getScheme() + "://" + uri.getRawAuthority() + JOLOKIA_PATH;
        } catch (IllegalArgumentException e) {
            path = "?";
            agentUrl = null;
        }
        String why = path.equals(JOLOKIA_PATH) || path.equals("/jolokia")
                ? "HTTP 404: no Jolokia agent at " + JOLOKIA_PATH + " on this port; is it the server's [jolokia] port (not"
                        + " its [service] http-port or [cluster] health-port)?"
                : "HTTP 404: no Jolokia agent at path '" + path + "'; the agent's path is " + JOLOKIA_PATH
                        + (agentUrl == null ? "" : ": " + agentUrl);
        return new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "Cannot connect to " + url + ": " + why, cause);
    }

    /** The path at which Ripple's (and Jolokia's usual) agent answers. */
    static final String JOLOKIA_PATH = "/jolokia/";

    /**
     * Whether the server closed the connection before any answer, or answered something that is not TLS to a TLS
     * client: what a port of another kind (a JMX RMI port, a TLS port for a plain client) does.
     */
    static boolean closedBeforeAnswer(Throwable cause) {
        List<Throwable> chain = chain(cause);
        String tls = tlsReason(chain);
        return tls != null ? tls.startsWith(NOT_TLS) : closedReason(chain, false) != null;
    }

    /** Whether the connection (or its TLS handshake) did not complete within the connect time-out. */
    static boolean connectTimedOut(Throwable cause) {
        return chain(cause).stream().anyMatch(t -> t instanceof HttpConnectTimeoutException);
    }

    static RemoteException missingMBean(String url, String objectName, Throwable cause) {
        String hint = objectName.equals(io.ripple.ClusterMXBean.OBJECT_NAME) ? " (not the cluster master?)" : "";
        return new RemoteException(RemoteException.Kind.REMOTE_ERROR, url + " has no " + objectName + hint, cause, true);
    }

    /** The text of a remote exception: its message, or its class name when it has none. */
    static String text(Throwable remote) {
        String message = remote.getMessage();
        return message == null || message.isBlank() ? remote.getClass().getName() : message;
    }

    /** True when a network failure in {@code failure}'s causes is a read or request time-out. */
    static boolean isTimeout(Throwable failure) {
        List<Throwable> chain = chain(failure);
        return chain.stream().noneMatch(t -> t instanceof HttpConnectTimeoutException)
                && chain.stream().anyMatch(t -> t instanceof SocketTimeoutException || t instanceof HttpTimeoutException);
    }

    /** A short reason for a connection failure: "connection refused", "unknown host x", etc. */
    static String describe(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
        }
        String tls = tlsReason(chain);
        if (tls != null) {
            return tls;
        }
        for (Throwable t : chain) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connect time-out";
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return "time-out";
            }
        }
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof ConnectException && message.contains("refused")) {
                return "connection refused";
            }
        }
        // The JDK's HTTP client reports a refused connection as a ConnectException without a message.
        if (chain.stream().anyMatch(t -> t instanceof ConnectException && t.getMessage() == null)) {
            return "connection refused";
        }
        return text(chain.get(chain.size() - 1));
    }

    /**
     * A TLS failure in words an administrator can act on, or null when the failure is not about TLS. An untrusted
     * certificate shows by its type (the JDK's handshake failure keeps the {@link CertPathBuilderException} as a
     * cause); the other cases are told by the message, as the JDK throws a plain {@link SSLException} or
     * {@link CertificateException} for them.
     */
    private static String tlsReason(List<Throwable> chain) {
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof CertPathBuilderException) {
                return "the server's TLS certificate is not trusted (it is not in the truststore)";
            }
            if (t instanceof CertificateException && message.startsWith("No subject alternative")) {
                return "the server's TLS certificate is not for this host (" + message + ")";
            }
            if (t instanceof SSLException && message.contains("Unsupported or unrecognized SSL message")) {
                return NOT_TLS;
            }
            if (message.contains("Remote host terminated the handshake")) {
                return NOT_TLS;
            }
        }
        return null;
    }

    /**
     * A connection that the server closed or reset before any answer, or refused with a TLS alert about the client's
     * certificate. The server's reason never reaches the client, and whether it shows as an alert, an end of stream, a
     * reset or a broken pipe depends on timing: one message per side says what to check. Only the end of stream has a
     * type of its own; the JDK reports a reset, a broken pipe, RMI's "non-JRMP server", the HTTP client's end of
     * stream and a received TLS alert as a plain {@link java.io.IOException} or {@link SSLException} whose message
     * alone tells them apart (the alert's code is not public API).
     */
    private static String closedReason(List<Throwable> chain, boolean tlsClient) {
        if (tlsReason(chain) != null) {
            return null;
        }
        boolean closed = false;
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            closed |= t instanceof EOFException || message.contains("Connection reset") || message.contains("Broken pipe")
                    || message.equals("EOF reached while reading") || message.contains("non-JRMP server at remote endpoint")
                    || message.contains("header parser received no bytes")
                    || t instanceof SSLException && (message.contains("bad_certificate") || message.contains("certificate_required")
                    || message.contains("certificate_unknown"));
        }
        if (!closed) {
            return null;
        }
        return tlsClient
                ? "the server refused the TLS connection: it requires a client certificate that it trusts (--keystore)"
                : "the server closed the connection without an answer (a TLS endpoint? connect with a truststore, or to https://)";
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
