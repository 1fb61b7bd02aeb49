package io.ripple.management;

import io.ripple.util.MessageId;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code String[] {user, password}} credentials of a JMX client against a
 * {@link PasswordFile}. Used instead of the JDK's {@code jmx.remote.x.password.file}, whose
 * login module rewrites a writable password file with hashes on first use. A Ripple server calling
 * another adds its {@link ClusterClaim} as two or three more elements: {@code {user, password, clusterId, caller[, term]}}.
 * A {@link ProofChallenge} ({@code {"ripple-proof-v1", nonce, user}}) is refused with the proof as the message: the
 * standard connector's one way to answer a client that has not authenticated.
 */
final class JmxPasswordAuthenticator implements JMXAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(JmxPasswordAuthenticator.class);

    private final PasswordFile passwords;
    private final ProofResponder proofs;

    JmxPasswordAuthenticator(PasswordFile passwords, ProofResponder proofs) {
        this.passwords = passwords;
        this.proofs = proofs;
    }

    @Override
    public Subject authenticate(Object credentials) {
        refuseWithProof(credentials, proofs);
        if (!(credentials instanceof String[] pair) || (pair.length != 2 && pair.length != 4 && pair.length != 5)) {
            LOG.debug("JMX connection refused: no user and password given");
            throw new SecurityException("Authentication failed: user and password required");
        }
        if (!passwords.authenticate(pair[0], pair[1])) {
            LOG.info(MessageId.JMX_LOGIN_REFUSED.line("JMX connection refused for user '{}': wrong user or password"), pair[0]);
            throw new SecurityException("Authentication failed: wrong user or password");
        }
        return ClusterClaim.jmxSubject(new JMXPrincipal(pair[0]), credentials);
    }

    /** Answers a {@link ProofChallenge} in {@code credentials}, if they are one, by refusing them with its answer. */
    static void refuseWithProof(Object credentials, ProofResponder proofs) {
        java.util.Optional<ProofChallenge> challenge;
        try {
            challenge = ProofChallenge.fromJmxCredentials(credentials);
        } catch (IllegalArgumentException e) {
            throw new SecurityException(ProofResponder.UNAVAILABLE + "not a valid challenge (" + e.getMessage() + ")");
        }
        if (challenge.isPresent()) {
            throw new SecurityException(proofs.answer(challenge.get()));
        }
    }
}
