package io.ripple.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.FailoverMXBean;
import io.ripple.ReplicaProtocolMXBean;
import io.ripple.ServerMXBean;
import io.ripple.management.ClusterClaim;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.io.InputStream;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.InstanceNotFoundException;
import javax.management.ObjectName;
import javax.net.ssl.SSLContext;
import org.jolokia.client.JolokiaClient;
import org.jolokia.client.JolokiaClientBuilder;
import org.jolokia.client.exception.JolokiaBulkRemoteException;
import org.jolokia.client.exception.JolokiaConnectException;
import org.jolokia.client.exception.JolokiaException;
import org.jolokia.client.exception.JolokiaRemoteException;
import org.jolokia.client.exception.JolokiaTimeoutException;
import org.jolokia.client.request.HttpMethod;
import org.jolokia.client.request.JolokiaExecRequest;
import org.jolokia.client.request.JolokiaReadRequest;
import org.jolokia.client.request.JolokiaRequest;
import org.jolokia.client.request.JolokiaVersionRequest;
import org.jolokia.client.response.JolokiaResponse;
import org.jolokia.client.spi.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RemoteServer} over Jolokia HTTP with basic authentication, through {@code jolokia-client-java} (the JDK's
 * HTTP client underneath: one client, and so one pool of kept-alive connections, per instance).
 *
 * <p>The MBean views are {@link Proxy dynamic proxies} ({@link RemoteViews#view}): a no-argument {@code getX()}, or an
 * {@code isX()} returning {@code boolean}, reads attribute {@code X}, as the MXBean rules name attributes; any other
 * method is an {@code exec} of the operation of that name, which is why Ripple's operations are never overloaded (the
 * request names the operation without its signature). The JSON answer is converted to the method's return type with
 * Jackson.
 *
 * <p>{@link #open} sends one {@code version} request, so that a wrong password or an unreachable agent shows at once.
 * Connecting is bounded by the connect time-out and every request by the call time-out.
 */
public final class JolokiaRemoteServer implements RemoteServer {

    private static final Logger LOG = LoggerFactory.getLogger(JolokiaRemoteServer.class);
    private static final ObjectMapper JSON = JsonMappers.answers();
    // jolokia-client-java reports an HTTP status other than 200 only in its message
    private static final Pattern HTTP_ERROR = Pattern.compile("HTTP error (\\d{3})");
    private static final String AGENT = "the Jolokia agent";

    private final String url;
    private final String user;
    private final Duration callTimeout;
    private final JolokiaClient client;
    /** The JDK client underneath, whose connections {@link #close()} closes. */
    private final HttpClient http;
    private final ServerMXBean server;
    private final ConfigStoreMXBean configStore;
    private final ClusterMXBean cluster;
    private final ClusterProtocolMXBean clusterProtocol;
    private final FailoverMXBean failover;
    private final ReplicaProtocolMXBean replicaProtocol;
    private final CallsUnderWay underWay = new CallsUnderWay();
    /** Whether the agent ever answered on this connection: it speaks plain HTTP or TLS as this client does. */
    private volatile boolean answered;
    /** The reads of published files past Jolokia's client; null only until {@link #open} sets it. */
    private volatile ObjectReads objectReads;
    /** The reads of published files as raw bytes beside the agent; null for a caller they do not serve. */
    private volatile RawObjectReads rawReads;

    private JolokiaRemoteServer(String url, String user, Duration callTimeout, JolokiaClient client, HttpClient http) {
        this.url = url;
        this.http = http;
        this.user = user;
        this.callTimeout = callTimeout;
        this.client = client;
        this.server = proxy(ServerMXBean.OBJECT_NAME, ServerMXBean.class);
        this.configStore = proxy(ConfigStoreMXBean.OBJECT_NAME, ConfigStoreMXBean.class);
        this.cluster = proxy(ClusterMXBean.OBJECT_NAME, ClusterMXBean.class);
        this.clusterProtocol = proxy(ClusterProtocolMXBean.OBJECT_NAME, ClusterProtocolMXBean.class);
        this.failover = proxy(FailoverMXBean.OBJECT_NAME, FailoverMXBean.class);
        this.replicaProtocol = proxy(ReplicaProtocolMXBean.OBJECT_NAME, ReplicaProtocolMXBean.class);
    }

    /**
     * Opens a client for the agent at {@code url} ({@code http(s)://HOST:PORT/jolokia/}) and checks it with one
     * {@code version} request.
     *
     * @throws RemoteException CANNOT_CONNECT, AUTHENTICATION_FAILED, NOT_ALLOWED (a user without a role) or TIMEOUT
     */
    public static JolokiaRemoteServer open(String url, Credentials credentials, Duration connectTimeout,
                                           Duration callTimeout) {
        return open(url, credentials, connectTimeout, callTimeout, null);
    }

    /** As {@link #open(String, Credentials, Duration, Duration)}; {@code tls}, if not null, for https:// URLs. */
    public static JolokiaRemoteServer open(String url, Credentials credentials, Duration connectTimeout,
                                           Duration callTimeout, SSLContext tls) {
        return open(url, credentials, connectTimeout, callTimeout, tls, null);
    }

    /**
     * As {@link #open(String, Credentials, Duration, Duration, SSLContext)}, sending {@code claim} (if not null) in the
     * headers {@value ClusterClaim#CLUSTER_HEADER} and {@value ClusterClaim#CALLER_HEADER} (and a master's
     * {@value ClusterClaim#TERM_HEADER}) of every request.
     */
    public static JolokiaRemoteServer open(String url, Credentials credentials, Duration connectTimeout,
                                           Duration callTimeout, SSLContext tls, ClusterClaim claim) {
        return open(url, credentials, connectTimeout, callTimeout, tls, claim, null);
    }

    /**
     * As {@link #open(String, Credentials, Duration, Duration, SSLContext, ClusterClaim)}; with a {@code signer}, the
     * password is never sent: every request is signed instead ({@link io.ripple.management.RequestMac}).
     */
    static JolokiaRemoteServer open(String url, Credentials credentials, Duration connectTimeout, Duration callTimeout,
                                    SSLContext tls, ClusterClaim claim, RequestSigner signer) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT,
                    "Cannot connect to " + url + ": not a valid URL", e);
        }
        JolokiaClientBuilder builder = new JolokiaClientBuilder()
                .url(uri)
                .connectionTimeout(millis(connectTimeout))
                .socketTimeout(millis(callTimeout))
                .contentCharset(StandardCharsets.UTF_8)
                .expectContinue(false);
        if (credentials.user() != null && signer == null) {
            builder.user(credentials.user()).password(credentials.password());
        }
        builder.withCustomizer(HttpClient.Builder.class, http -> {
            http.executor(HandingThread.EXECUTOR);
            if (tls != null) {
                http.sslContext(tls);
            }
        });
        List<HttpHeader> headers = claim == null ? List.of() : claim.term() > 0 ? List.of(
                new HttpHeader(ClusterClaim.CLUSTER_HEADER, claim.clusterId()),
                new HttpHeader(ClusterClaim.CALLER_HEADER, claim.caller()),
                new HttpHeader(ClusterClaim.TERM_HEADER, claim.termText())) : List.of(
                new HttpHeader(ClusterClaim.CLUSTER_HEADER, claim.clusterId()),
                new HttpHeader(ClusterClaim.CALLER_HEADER, claim.caller()));
        builder.setDefaultHttpHeaders(headers);
        JolokiaClient client = builder.build();
        HttpClient http = client.getHttpClient(HttpClient.class);
        SigningHttpClient signing = null;
        if (signer != null) {
            signing = new SigningHttpClient(http, signer);
            client = SignedJolokiaClient.create(uri, signing, millis(connectTimeout), millis(callTimeout), headers);
        }
        JolokiaRemoteServer remote = new JolokiaRemoteServer(url, credentials.user(), callTimeout, client, http);
        List<HttpHeader> readHeaders = new java.util.ArrayList<>(headers);
        if (signing == null && credentials.user() != null) {
            // what Jolokia's client sends for this user, sent with the request rather than after a 401
            readHeaders.add(new HttpHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8))));
        }
        remote.objectReads = remote.new ObjectReads(uri, signing != null ? signing : http, List.copyOf(readHeaders));
        if (signing != null || (remote.tlsClient() && credentials.user() != null)) {
            // as a server of the cluster, which the master's raw reads serve only: signed, or Basic over HTTPS
            remote.rawReads = new RawObjectReads(uri, url, signing != null ? signing : http, List.copyOf(readHeaders),
                    callTimeout, remote::cannotConnect);
        }
        try {
            remote.call(new JolokiaVersionRequest(), AGENT, "version");
            return remote;
        } catch (RuntimeException e) {
            remote.close();
            throw e;
        }
    }

    private boolean tlsClient() {
        return url.regionMatches(true, 0, "https://", 0, 8);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public ServerMXBean server() {
        return server;
    }

    @Override
    public ConfigStoreMXBean configStore() {
        return configStore;
    }

    @Override
    public ClusterMXBean cluster() {
        return cluster;
    }

    @Override
    public ClusterProtocolMXBean clusterProtocol() {
        return clusterProtocol;
    }

    @Override
    public FailoverMXBean failover() {
        return failover;
    }

    @Override
    public ReplicaProtocolMXBean replicaProtocol() {
        return replicaProtocol;
    }

    @Override
    public ServerSnapshot serverSnapshot() {
        return RemoteViews.snapshot(serverAttributes(RemoteViews.SNAPSHOT_ATTRIBUTES), url);
    }

    @Override
    public ServerIdentity serverIdentity() {
        return RemoteViews.identity(serverAttributes(RemoteViews.IDENTITY_ATTRIBUTES), url);
    }

    @Override
    public MemberView memberView() {
        return RemoteViews.memberView(serverAttributes(RemoteViews.MEMBER_VIEW_ATTRIBUTES), url);
    }

    @Override
    public ReplicaFacts replicaFacts() {
        List<JolokiaRequest> requests = List.of(
                new JolokiaReadRequest(RemoteViews.objectName(ServerMXBean.OBJECT_NAME), RemoteViews.IDENTITY_ATTRIBUTES.toArray(String[]::new)),
                new JolokiaReadRequest(RemoteViews.objectName(ConfigStoreMXBean.OBJECT_NAME), "Version"));
        List<Object> results = underWay.run(() -> sendBulk(requests),
                () -> RemoteFailures.abandoned(url, ServerMXBean.OBJECT_NAME + " and " + ConfigStoreMXBean.OBJECT_NAME + " read"));
        if (results.size() != requests.size()) {
            throw RemoteFailures.remoteError(url, "unexpected answer to a bulk read: " + results.size() + " answers to "
                    + requests.size() + " requests", null);
        }
        Object identity = valueOf(results.get(0), ServerMXBean.OBJECT_NAME, "read");
        if (!(identity instanceof Map<?, ?> values)) {
            throw RemoteFailures.remoteError(url, "unexpected answer reading " + ServerMXBean.OBJECT_NAME
                    + " attributes: " + AnswerLimits.preview(identity), null);
        }
        ServerIdentity server = RemoteViews.identity(values, url);
        try {
            Object version = valueOf(results.get(1), ConfigStoreMXBean.OBJECT_NAME, "Version");
            if (!(version instanceof Number number)) {
                throw RemoteFailures.remoteError(url, "unexpected answer reading " + ConfigStoreMXBean.OBJECT_NAME
                        + " Version: " + AnswerLimits.preview(version), null);
            }
            return new ReplicaFacts(server, number.longValue());
        } catch (RemoteException e) {
            return new ReplicaFacts(server, -1, e);
        }
    }

    @Override
    public byte[] readObject(String sha256, long offset, int length) {
        RawObjectReads raw = rawReads;
        byte[] bytes = raw == null || !raw.served() ? null : underWay.run(() -> raw.read(sha256, offset, length),
                () -> RemoteFailures.abandoned(url, ConfigStoreMXBean.OBJECT_NAME + " readObject"));
        if (bytes != null) {
            return bytes;
        }
        List<byte[]> read = objectReads == null ? null : underWay.run(
                () -> objectReads.exec("readObject", List.of(sha256, offset, length), ObjectAnswers.maxAnswerBytes(Math.max(0, length)), true),
                () -> RemoteFailures.abandoned(url, ConfigStoreMXBean.OBJECT_NAME + " readObject"));
        return read != null ? read.get(0) : RemoteServer.super.readObject(sha256, offset, length);
    }

    @Override
    public List<byte[]> readObjects(String[] sha256s) {
        List<byte[]> read = objectReads == null ? null : underWay.run(
                () -> objectReads.exec("readObjects", List.of(List.of(sha256s)), ObjectAnswers.maxAnswerBytes(ObjectAnswers.MAX_BATCH_BYTES), false),
                () -> RemoteFailures.abandoned(url, ConfigStoreMXBean.OBJECT_NAME + " readObjects"));
        return read != null ? read : RemoteServer.super.readObjects(sha256s);
    }

    /**
     * The reads of published files as HTTP requests of this connection's own (signed between servers), their answers parsed as they
     * stream in ({@link ObjectAnswers#fromJolokia}); any answer but a success is left to the ordinary path, which asks
     * again and reports it as every call does.
     */
    private final class ObjectReads {
        private final URI uri;
        private final HttpClient sender;
        private final List<HttpHeader> headers;

        /** @param sender the signing client between servers, or the plain one with an Authorization header */
        ObjectReads(URI uri, HttpClient sender, List<HttpHeader> headers) {
            this.uri = uri;
            this.sender = sender;
            this.headers = headers;
        }

        /** The decoded value of an exec of {@code operation} on ConfigStore, or null to ask the ordinary way. */
        List<byte[]> exec(String operation, List<Object> arguments, long maxAnswerBytes, boolean single) {
            String body;
            try {
                body = JSON.writeValueAsString(Map.of("type", "exec", "mbean", ConfigStoreMXBean.OBJECT_NAME,
                        "operation", operation, "arguments", arguments));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return null;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(callTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(h -> request.header(h.name(), h.value()));
            try {
                HttpResponse<InputStream> response = sender.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                answered = true;
                try (InputStream in = response.body()) {
                    return response.statusCode() == 200
                            ? ObjectAnswers.fromJolokia(in, maxAnswerBytes, single, url, operation) : null;
                }
            } catch (HttpTimeoutException e) {
                throw e instanceof HttpConnectTimeoutException ? cannotConnect(e) : RemoteFailures.timeout(url, callTimeout, e);
            } catch (IOException e) {
                throw RemoteFailures.isTimeout(e) ? RemoteFailures.timeout(url, callTimeout, e) : cannotConnect(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RemoteFailures.abandoned(url, ConfigStoreMXBean.OBJECT_NAME + " " + operation);
            }
        }
    }

    /** The value of one answer of a bulk request, checked; an error answer is thrown as that single request's would be. */
    private Object valueOf(Object result, String objectName, String member) {
        if (result instanceof JolokiaRemoteException e) {
            throw translateRemote(e, objectName, member);
        }
        if (!(result instanceof JolokiaResponse<?> response)) {
            throw RemoteFailures.remoteError(url, "unexpected answer to a bulk request: " + AnswerLimits.preview(result), null);
        }
        Object value = response.getValue();
        AnswerLimits.check(value, url, objectName + " " + member);
        return value;
    }

    /** Sends several requests in one HTTP request; returns each one's response or error, in order. */
    private List<Object> sendBulk(List<JolokiaRequest> requests) {
        String what = "bulk request";
        try {
            List<JolokiaResponse<JolokiaRequest>> responses = client.execute(requests);
            answered = true;
            return List.copyOf(responses);
        } catch (JolokiaBulkRemoteException e) {
            answered = true;
            return e.getResults();
        } catch (JolokiaRemoteException e) {
            answered = true;
            throw translateRemote(e, AGENT, what);
        } catch (JolokiaException e) {
            throw translateTransport(e, AGENT, what);
        }
    }

    /** Attributes of the Server MBean in one request. */
    private Map<?, ?> serverAttributes(List<String> names) {
        Object value = call(new JolokiaReadRequest(RemoteViews.objectName(ServerMXBean.OBJECT_NAME),
                names.toArray(String[]::new)), ServerMXBean.OBJECT_NAME, "read");
        if (!(value instanceof Map<?, ?> values)) {
            throw RemoteFailures.remoteError(url, "unexpected answer reading " + ServerMXBean.OBJECT_NAME
                    + " attributes: " + AnswerLimits.preview(value), null);
        }
        return values;
    }

    /** Closes the client; calls still waiting for an answer are abandoned (they fail at once). */
    @Override
    public void close() {
        underWay.abandonAll();
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("Jolokia client for {} did not close cleanly: {}", url, e.toString());
        }
        shutdownNow(http);
    }

    /**
     * Closes the JDK client's connections where the JDK can (Java 21's {@code HttpClient.shutdownNow()}); on Java 17
     * they close when the client is collected or their idle time-out passes.
     */
    private void shutdownNow(HttpClient http) {
        if (http == null) {
            return;
        }
        try {
            http.getClass().getMethod("shutdownNow").invoke(http);
        } catch (NoSuchMethodException e) {
            // Java 17: nothing to call
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Jolokia HTTP client for {} did not shut down cleanly: {}", url, e.toString());
        }
    }

    @Override
    public String toString() {
        return "JolokiaRemoteServer[" + url + (user == null ? "" : ", user " + user) + "]";
    }

    /**
     * Sends one request and returns the JSON value of its answer (maps, lists, strings, numbers, booleans). A call still
     * waiting when this connection is closed is abandoned: it fails, whatever answer comes later.
     */
    private <R extends JolokiaRequest> Object call(R request, String objectName, String member) {
        return underWay.run(() -> send(request, objectName, member),
                () -> RemoteFailures.abandoned(url, objectName + " " + member));
    }

    private <R extends JolokiaRequest> Object send(R request, String objectName, String member) {
        try {
            JolokiaResponse<R> response = client.execute(request, HttpMethod.POST);
            answered = true;
            Object value = response.getValue();
            AnswerLimits.check(value, url, objectName + " " + member);
            return value;
        } catch (JolokiaRemoteException e) {
            answered = true;
            throw translateRemote(e, objectName, member);
        } catch (JolokiaException e) {
            throw translateTransport(e, objectName, member);
        }
    }

    /** A request that got no answer from the agent: no connection, a time-out, an HTTP error status. */
    private RemoteException translateTransport(JolokiaException e, String objectName, String member) {
        if (e instanceof JolokiaConnectException) {
            return cannotConnect(e.getCause() == null ? e : e.getCause());
        }
        if (e instanceof JolokiaTimeoutException) {
            if (e.getCause() instanceof HttpConnectTimeoutException) {
                return cannotConnect(e.getCause());
            }
            return RemoteFailures.timeout(url, callTimeout, e);
        }
        return translateOther(e, objectName, member);
    }

    /**
     * A connection that failed before any answer may be a TLS mismatch, and the message says what to check; one that
     * failed after answers was closed by a server that stopped or restarted, which the TLS advice would only mislead.
     */
    private RemoteException cannotConnect(Throwable cause) {
        if (answered) {
            return RemoteFailures.connectionLost(url, cause);
        }
        // a JMX RMI port closes an HTTP request as a TLS port does: ask the port which it is before guessing TLS
        String wrongPort = RemoteFailures.closedBeforeAnswer(cause) ? PortKind.jolokiaOnJmxPort(url)
                : tlsClient() && RemoteFailures.connectTimedOut(cause) ? PortKind.httpsOnPlainPort(url) : null;
        return wrongPort != null ? new RemoteException(RemoteException.Kind.CANNOT_CONNECT,
                "Cannot connect to " + url + ": " + wrongPort, cause)
                : RemoteFailures.cannotConnect(url, cause, tlsClient());
    }

    /** An error answer from the agent: {@code status} and {@code error} in the JSON body. */
    private RemoteException translateRemote(JolokiaRemoteException e, String objectName, String member) {
        int status = e.getStatus();
        if (status == 401) {
            return RemoteFailures.authenticationFailed(url, user, e);
        }
        if (status == 403) {
            return RemoteFailures.notAllowed(url, user, objectName, member, e);
        }
        String errorType = e.getErrorType();
        if (status == 404 && errorType == null) {
            return RemoteFailures.noJolokiaAgent(url, e); // an HTTP 404 of the server, not a Jolokia answer
        }
        if (InstanceNotFoundException.class.getName().equals(errorType)) {
            return RemoteFailures.missingMBean(url, objectName, e);
        }
        return RemoteFailures.remoteError(url, errorText(e), e);
    }

    /** Jolokia's {@code error} reads {@code "TYPE : message"}; the message is what the remote code said. */
    private static String errorText(JolokiaRemoteException e) {
        Object error = e.getResponse() == null ? null : e.getResponse().get("error");
        String text = error == null ? e.getMessage() : error.toString();
        String type = e.getErrorType();
        if (type != null && text != null && text.startsWith(type + " : ")) {
            text = text.substring(type.length() + 3);
        }
        return text == null || text.isBlank() ? String.valueOf(type) : AnswerLimits.preview(text.strip());
    }

    /** An HTTP status other than 200 (the agent's authenticator and restrictor answer so), or a broken answer. */
    private RemoteException translateOther(JolokiaException e, String objectName, String member) {
        Matcher status = HTTP_ERROR.matcher(String.valueOf(e.getMessage()));
        if (status.find()) {
            return switch (Integer.parseInt(status.group(1))) {
                case 401 -> RemoteFailures.authenticationFailed(url, user, e);
                case 403 -> RemoteFailures.notAllowed(url, user, objectName, member, e);
                case 404 -> RemoteFailures.noJolokiaAgent(url, e);
                default -> RemoteFailures.remoteError(url, "HTTP error " + status.group(1), e);
            };
        }
        if (e.getCause() instanceof IOException io) {
            return RemoteFailures.isTimeout(io) ? RemoteFailures.timeout(url, callTimeout, e)
                    : cannotConnect(io);
        }
        return RemoteFailures.remoteError(url, RemoteFailures.text(e), e);
    }

    private <T> T proxy(String objectName, Class<T> type) {
        return RemoteViews.view(type, objectName, url, new MBeanView(objectName, RemoteViews.objectName(objectName)));
    }

    /** Reads attributes and executes operations of one MBean, converting the JSON answers to Java types. */
    private final class MBeanView implements RemoteViews.MBeanCall {
        private final String name;
        private final ObjectName objectName;

        MBeanView(String name, ObjectName objectName) {
            this.name = name;
            this.objectName = objectName;
        }

        @Override
        public Object invoke(Method method, Object[] args) {
            String attribute = attributeOf(method, args);
            Object value;
            if (attribute != null) {
                value = call(new JolokiaReadRequest(objectName, attribute), name, attribute);
            } else {
                Object[] arguments = args == null ? new Object[0] : args;
                value = call(new JolokiaExecRequest(objectName, method.getName(), arguments), name, method.getName());
            }
            return convert(value, method);
        }

        private Object convert(Object value, Method method) {
            Class<?> type = method.getReturnType();
            if (type == void.class) {
                return null;
            }
            if (value == null) {
                if (type.isPrimitive()) {
                    throw RemoteFailures.remoteError(url, name + " " + method.getName() + " returned no value", null);
                }
                return null;
            }
            try {
                return JSON.convertValue(value, JSON.constructType(method.getGenericReturnType()));
            } catch (IllegalArgumentException e) {
                throw RemoteFailures.remoteError(url, "unexpected answer from " + name + " " + method.getName()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** The attribute a no-argument getter reads, or null for an operation. */
    static String attributeOf(Method method, Object[] args) {
        if (args != null && args.length > 0) {
            return null;
        }
        String name = method.getName();
        Class<?> type = method.getReturnType();
        if (name.startsWith("get") && name.length() > 3 && type != void.class) {
            return name.substring(3);
        }
        if (name.startsWith("is") && name.length() > 2 && type == boolean.class) {
            return name.substring(2);
        }
        return null;
    }
}
