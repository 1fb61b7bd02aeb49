package io.ripple.management;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * Lets every client of an anonymous JMX connector in as the principal {@value #ANONYMOUS}, whatever credentials it
 * sends, so that each of its requests runs as a Subject and passes the access check like anyone else's. A Ripple
 * server's {@link ClusterClaim} in them is kept. A {@link ProofChallenge} is refused: an anonymous channel has no key
 * to prove anything with.
 */
final class AnonymousAuthenticator implements JMXAuthenticator {

    /** The user name of every caller of an anonymous channel. */
    static final String ANONYMOUS = "anonymous";

    private final ProofResponder proofs;

    AnonymousAuthenticator(ProofResponder proofs) {
        this.proofs = proofs;
    }

    @Override
    public Subject authenticate(Object credentials) {
        JmxPasswordAuthenticator.refuseWithProof(credentials, proofs);
        return ClusterClaim.jmxSubject(new JMXPrincipal(ANONYMOUS), credentials);
    }
}
