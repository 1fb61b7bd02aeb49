package io.ripple.management;

import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.Subject;

/**
 * What a calling Ripple server says about itself: its name and its cluster id. Servers send it with every call to
 * another server (Jolokia: the headers {@value #CLUSTER_HEADER} and {@value #CALLER_HEADER}; JMX RMI: the third and
 * fourth element of the {@code String[]} credentials), and the called server refuses an operation from a server of
 * another cluster. Administrators' tools send none, and are not asked for one.
 *
 * @param caller the calling server's name
 * @param clusterId its cluster id; empty for a replica that has not pinned one yet
 */
public record ClusterClaim(String caller, String clusterId) {

    /** Jolokia request header: the caller's cluster id. */
    public static final String CLUSTER_HEADER = "X-Ripple-Cluster";
    /** Jolokia request header: the caller's server name. */
    public static final String CALLER_HEADER = "X-Ripple-Caller";
    /** The longest name or id a claim may carry: longer ones are not claims of a Ripple server. */
    static final int MAX_CHARS = 128;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]*");

    // As for Caller: Jolokia serves a request on one thread, so the endpoint hands the claim over through it.
    private static final ThreadLocal<ClusterClaim> JOLOKIA_CLAIM = new ThreadLocal<>();

    /** The claim of the caller of the code running on this thread, if it sent one. */
    public static Optional<ClusterClaim> current() {
        ClusterClaim jolokia = JOLOKIA_CLAIM.get();
        if (jolokia != null) {
            return Optional.of(jolokia);
        }
        return jmxClaim();
    }

    /**
     * A claim from the two values a caller sent, or empty when it sent none. A claim that cannot be one (too long,
     * not printable ASCII) counts as a claim of an unknown cluster, so that it is refused rather than ignored.
     */
    static Optional<ClusterClaim> of(String caller, String clusterId) {
        if (caller == null && clusterId == null) {
            return Optional.empty();
        }
        return Optional.of(new ClusterClaim(clean(caller), clusterId == null ? "" : clean(clusterId)));
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_CHARS && PRINTABLE.matcher(value).matches() ? value : "(unreadable)";
    }

    /** The claim in a JMX client's credentials {@code {user, password, clusterId, caller}}, if it sent one. */
    static Optional<ClusterClaim> fromJmxCredentials(Object credentials) {
        if (credentials instanceof String[] values && values.length == 4) {
            return of(values[3], values[2]);
        }
        return Optional.empty();
    }

    /** The JMX Subject of a client: its user, and its claim as a principal of its own. */
    static Subject jmxSubject(Principal user, Object credentials) {
        Optional<ClusterClaim> claim = fromJmxCredentials(credentials);
        Set<Principal> principals = claim.<Set<Principal>>map(c -> Set.of(user, new ClaimPrincipal(c))).orElse(Set.of(user));
        return new Subject(true, principals, Set.of(), Set.of());
    }

    @SuppressWarnings("removal") // the JMX connector still hands the Subject over this way on Java 17
    private static Optional<ClusterClaim> jmxClaim() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return Optional.empty();
        }
        return subject.getPrincipals(ClaimPrincipal.class).stream().map(ClaimPrincipal::claim).findFirst();
    }

    static void enterJolokia(ClusterClaim claim) {
        if (claim != null) {
            JOLOKIA_CLAIM.set(claim);
        }
    }

    static void leaveJolokia() {
        JOLOKIA_CLAIM.remove();
    }

    /** The claim of a JMX client, kept in its Subject for the whole connection. */
    record ClaimPrincipal(ClusterClaim claim) implements Principal {
        @Override
        public String getName() {
            return claim.caller() + "@" + claim.clusterId();
        }
    }
}
