package io.ripple.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ripple-object/SHA256?offset=N&length=N} beside the Jolokia agent: part of a published file as raw bytes
 * ({@code application/octet-stream}, with its length), for the replicas' syncs, which over {@code /jolokia} would have
 * the agent write it as base64 inside JSON one character at a time.
 *
 * <p>A door of its own, so it lets in no one that {@code ConfigStore.readObject} over Jolokia would refuse, and fewer:
 * only a Ripple server of this cluster. The caller must sign the request ({@link RequestMac}, checked by the same
 * {@link RequestMacVerifier} and replay cache as the agent's), or over HTTPS send Basic credentials; it must be the
 * cluster account (this server's own {@code [cluster] credentials-file} user), readwrite in the access file, allowed
 * the exec of {@code readObject} on {@code ripple:type=ConfigStore} by the agent's restrictor (the access file and the
 * Jolokia policy), and send a server's {@link ClusterClaim} of no other cluster. People, tools, readonly users, other
 * clusters, replays and browsers are refused, each with one line. Only published files, by their SHA-256, within their
 * size and {@link ObjectReadRequest#MAX_LENGTH}.
 */
final class ObjectReadHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectReadHandler.class);
    private static final int OK = 200;
    private static final int BAD_REQUEST = 400;
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    private static final int METHOD_NOT_ALLOWED = 405;
    private static final int RANGE_NOT_SATISFIABLE = 416;
    private static final int UNAVAILABLE = 503;
    private static final String READ_OPERATION = "readObject";
    private static final ObjectName CONFIG_STORE = configStore();

    private final PasswordFile passwords;
    private final RequestMacVerifier signed;
    private final Function<String, Optional<AccessFile.Grant>> grants;
    private final Restrictor restrictor;
    private final boolean tls;
    private final Supplier<ClusterClaim> self;
    private volatile Served served;

    /** What this server serves, once its node says so. */
    private record Served(String clusterUser, PublishedObjects objects) {
    }

    /** One refusal: its status and its line. */
    private record Refusal(int status, String line) {
    }

    /**
     * @param signed the agent's own verifier: one replay cache for both doors
     * @param grants the access file's line of a user
     * @param restrictor the agent's restrictor, asked as for an exec of {@code ConfigStore.readObject}
     * @param tls whether the server speaks HTTPS: only then are Basic credentials accepted
     * @param self this server's name and cluster id; null while it does not know them
     */
    ObjectReadHandler(PasswordFile passwords, RequestMacVerifier signed, Function<String, Optional<AccessFile.Grant>> grants,
                      Restrictor restrictor, boolean tls, Supplier<ClusterClaim> self) {
        this.passwords = passwords;
        this.signed = signed;
        this.grants = grants;
        this.restrictor = restrictor;
        this.tls = tls;
        this.self = self;
    }

    /** Starts serving {@code objects} to {@code clusterUser}; until then this context answers as if it did not exist. */
    void serve(String clusterUser, PublishedObjects objects) {
        served = new Served(clusterUser, objects);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Served now = served;
            if (now == null) {
                // as a server without this context: its replicas read the old way
                answer(exchange, NOT_FOUND, "No context found for request", false);
                return;
            }
            String address = exchange.getRemoteAddress().getAddress().getHostAddress();
            Refusal refusal = refusal(exchange, now, address);
            if (refusal != null) {
                if (refusal.status() == UNAUTHORIZED || refusal.status() == FORBIDDEN) {
                    LOG.info(MessageId.SIGNED_REQUEST_REFUSED.line("Jolokia request from {} refused: read of published files: {}"),
                            address, refusal.line());
                }
                // what else the client sent is not read: the connection cannot carry another request
                exchange.getResponseHeaders().set("Connection", "close");
                answer(exchange, refusal.status(), "Refused: " + refusal.line(), true);
                return;
            }
            serveRead(exchange, now.objects());
        } finally {
            exchange.close();
        }
    }

    /** Why the request is refused before any file is looked at, or null. */
    private Refusal refusal(HttpExchange exchange, Served now, String address) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            return new Refusal(METHOD_NOT_ALLOWED, "only " + ObjectReadRequest.FORM);
        }
        if (hasBody(exchange)) {
            return new Refusal(BAD_REQUEST, "a read has no body");
        }
        if (exchange.getRequestHeaders().containsKey("Origin") || exchange.getRequestHeaders().containsKey("Referer")) {
            return new Refusal(FORBIDDEN, "a request from a web page; published files are read by Ripple servers only");
        }
        ClusterClaim me = self.get();
        if (me == null) {
            return new Refusal(UNAVAILABLE, "this server is starting");
        }
        String user;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (RequestMac.isOfScheme(authorization)) {
            URI uri = exchange.getRequestURI();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            RequestMacVerifier.Verdict verdict = signed.verify("GET", target, new byte[0], authorization,
                    exchange.getRequestHeaders().getFirst(ClusterClaim.CLUSTER_HEADER),
                    exchange.getRequestHeaders().getFirst(ClusterClaim.TERM_HEADER));
            if (!verdict.accepted()) {
                return new Refusal(UNAUTHORIZED, (verdict.user() == null ? "" : "user '" + SafeText.of(verdict.user()) + "': ")
                        + verdict.refusal());
            }
            user = verdict.user();
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (!tls) {
                return new Refusal(UNAUTHORIZED, "Basic credentials are not accepted over plain HTTP: Ripple servers sign"
                        + " their requests");
            }
            user = basicUser(authorization.substring(6).strip());
            if (user == null) {
                return new Refusal(UNAUTHORIZED, "wrong user or password");
            }
        } else {
            return new Refusal(UNAUTHORIZED, "no credentials: published files are read by Ripple servers of this cluster only");
        }
        return authorization(exchange, now, me, user, address);
    }

    /** Why an authenticated caller may not read, or null. */
    private Refusal authorization(HttpExchange exchange, Served now, ClusterClaim me, String user, String address) {
        String who = "user '" + SafeText.of(user) + "'";
        if (!user.equals(now.clusterUser())) {
            return new Refusal(FORBIDDEN, who + " is not the cluster account: published files are read by Ripple servers only");
        }
        if (grants.apply(user).map(g -> g.role() != AccessFile.Role.READWRITE).orElse(true)) {
            return new Refusal(FORBIDDEN, who + " is not readwrite in the access file");
        }
        Caller.enterJolokia(new Caller(user, "jolokia", address));
        try {
            // what Jolokia asks its restrictor for the POST of an exec of readObject: this door lets in no one it refuses
            if (!restrictor.isRemoteAccessAllowed(address) || !restrictor.isHttpMethodAllowed(HttpMethod.POST)
                    || !restrictor.isOperationAllowed(CONFIG_STORE, READ_OPERATION)) {
                return new Refusal(FORBIDDEN, who + " may not exec " + READ_OPERATION + " on " + CONFIG_STORE
                        + " (access file or Jolokia policy)");
            }
        } finally {
            Caller.leaveJolokia();
        }
        Optional<ClusterClaim> claim = ClusterClaim.of(exchange.getRequestHeaders().getFirst(ClusterClaim.CALLER_HEADER),
                exchange.getRequestHeaders().getFirst(ClusterClaim.CLUSTER_HEADER));
        if (claim.isEmpty() || claim.get().caller().isEmpty() || Caller.CLUSTER_ACCOUNT_VIA_CLI.equals(claim.get().caller())) {
            return new Refusal(FORBIDDEN, "no server's " + ClusterClaim.CALLER_HEADER + " and " + ClusterClaim.CLUSTER_HEADER
                    + ": published files are read by Ripple servers only");
        }
        String theirs = claim.get().clusterId();
        if (!theirs.isEmpty() && !theirs.equals(me.clusterId())) {
            return new Refusal(FORBIDDEN, "'" + SafeText.of(claim.get().caller()) + "' belongs to cluster "
                    + SafeText.of(theirs) + ", " + me.caller() + " to cluster " + me.clusterId());
        }
        return null;
    }

    private void serveRead(HttpExchange exchange, PublishedObjects objects) throws IOException {
        ObjectReadRequest read;
        try {
            read = ObjectReadRequest.parse(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            answer(exchange, BAD_REQUEST, "Refused: " + e.getMessage(), true);
            return;
        }
        long size;
        try {
            size = objects.size(read.sha256());
        } catch (IllegalArgumentException e) {
            answer(exchange, NOT_FOUND, "No published file has SHA-256 " + read.sha256(), true);
            return;
        }
        int bytes;
        try {
            bytes = read.answerBytes(size);
        } catch (IllegalArgumentException e) {
            answer(exchange, RANGE_NOT_SATISFIABLE, "Refused: " + e.getMessage(), true);
            return;
        }
        byte[] content;
        try {
            content = bytes == 0 ? new byte[0] : objects.read(read.sha256(), read.offset(), bytes);
        } catch (IllegalArgumentException e) {
            // pruned since its size was read
            answer(exchange, NOT_FOUND, "No published file has SHA-256 " + read.sha256(), true);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set(PublishedObjects.SERVED_HEADER, "1");
        exchange.sendResponseHeaders(OK, content.length == 0 ? -1 : content.length);
        if (content.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
    }

    /** The user of Basic credentials that the password file accepts, or null. */
    private String basicUser(String encoded) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = pair.substring(0, colon);
        if (!passwords.authenticate(user, pair.substring(colon + 1))) {
            LOG.info(MessageId.JOLOKIA_LOGIN_REFUSED.line("Jolokia request refused for user '{}': wrong user or password"),
                    SafeText.of(user));
            return null;
        }
        return user;
    }

    private static boolean hasBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !"0".equals(length.strip()));
    }

    private static void answer(HttpExchange exchange, int status, String line, boolean ours) throws IOException {
        byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (ours) {
            exchange.getResponseHeaders().set(PublishedObjects.SERVED_HEADER, "1");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ObjectName configStore() {
        try {
            return new ObjectName("ripple:type=ConfigStore");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
