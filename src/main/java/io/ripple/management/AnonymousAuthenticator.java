package io.ripple.management;

import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * Lets every client of an anonymous JMX connector in as the principal {@value #ANONYMOUS}, whatever credentials it
 * sends, so that each of its requests runs as a Subject and passes the access check like anyone else's.
 */
final class AnonymousAuthenticator implements JMXAuthenticator {

    /** The user name of every caller of an anonymous channel. */
    static final String ANONYMOUS = "anonymous";

    @Override
    public Subject authenticate(Object credentials) {
        return new Subject(true, Set.of(new JMXPrincipal(ANONYMOUS)), Set.of(), Set.of());
    }
}
