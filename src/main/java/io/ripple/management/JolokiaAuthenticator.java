package io.ripple.management;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.ripple.util.MessageId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the Jolokia agent: people and tools with Basic credentials from the {@link PasswordFile}, and Ripple
 * servers with a {@link RequestMac} signature on each request. For a signed request it reads the body (at most
 * {@link BoundedBody#LIMIT_BYTES}), checks the mac over exactly those bytes and hands the same bytes on to the handler.
 */
final class JolokiaAuthenticator extends Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(JolokiaAuthenticator.class);
    private static final int UNAUTHORIZED = 401;
    private static final int TOO_LARGE = 413;

    private final String realm;
    private final Authenticator basic;
    private final RequestMacVerifier signed;

    JolokiaAuthenticator(String realm, PasswordFile passwords, RequestMacVerifier signed) {
        this.realm = realm;
        this.basic = new PasswordFileAuthenticator(realm, passwords);
        this.signed = signed;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!RequestMac.isOfScheme(authorization)) {
            return basic.authenticate(exchange);
        }
        byte[] body;
        try {
            Optional<byte[]> read = BoundedBody.read(exchange.getRequestBody(),
                    exchange.getRequestHeaders().getFirst("Content-Length"), BoundedBody.LIMIT_BYTES);
            if (read.isEmpty()) {
                // the rest is not read: the connection cannot carry another request
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.setStreams(new ByteArrayInputStream(new byte[0]), null);
                LOG.info(MessageId.SIGNED_REQUEST_REFUSED.line("Jolokia request refused: signed body larger than {} bytes"), BoundedBody.LIMIT_BYTES);
                return new Failure(TOO_LARGE);
            }
            body = read.get();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a signed Jolokia request's body", e);
        }
        exchange.setStreams(new ByteArrayInputStream(body), null);
        URI uri = exchange.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestMacVerifier.Verdict verdict = signed.verify(exchange.getRequestMethod(), target, body, authorization,
                exchange.getRequestHeaders().getFirst(ClusterClaim.CLUSTER_HEADER),
                exchange.getRequestHeaders().getFirst(ClusterClaim.TERM_HEADER));
        if (!verdict.accepted()) {
            LOG.info(MessageId.SIGNED_REQUEST_REFUSED.line("Jolokia request from {} refused{}: {}"), exchange.getRemoteAddress().getAddress().getHostAddress(),
                    verdict.user() == null ? "" : " for user '" + SafeText.of(verdict.user()) + "'", verdict.refusal());
            return new Failure(UNAUTHORIZED);
        }
        return new Success(new HttpPrincipal(verdict.user(), realm));
    }

    /** Basic authentication against the password file. */
    private static final class PasswordFileAuthenticator extends BasicAuthenticator {
        private final PasswordFile passwords;

        PasswordFileAuthenticator(String realm, PasswordFile passwords) {
            super(realm);
            this.passwords = passwords;
        }

        @Override
        public boolean checkCredentials(String user, String password) {
            boolean ok = passwords.authenticate(user, password);
            if (!ok) {
                LOG.info(MessageId.JOLOKIA_LOGIN_REFUSED.line("Jolokia request refused for user '{}': wrong user or password"), SafeText.of(user));
            }
            return ok;
        }
    }
}
