package io.ripple.management;

import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.Subject;

/**
 * What a calling Ripple server says about itself: its name, its cluster id and, from a master, its term. Servers send
 * it with every call to another server (Jolokia: the headers {@value #CLUSTER_HEADER}, {@value #CALLER_HEADER} and
 * {@value #TERM_HEADER}; JMX RMI: the third, fourth and fifth element of the {@code String[]} credentials), and the
 * called server refuses an operation from a server of another cluster, or from a master of an older term.
 * Administrators' tools send none, and are not asked for one.
 *
 * @param caller the calling server's name
 * @param clusterId its cluster id; empty for a replica that has not pinned one yet
 * @param term the calling master's term; {@link #NO_TERM} from a replica or a tool, {@link #UNREADABLE_TERM} when
 *     what was sent cannot be a term
 */
public record ClusterClaim(String caller, String clusterId, long term) {

    /** Jolokia request header: the caller's cluster id. */
    public static final String CLUSTER_HEADER = "X-Ripple-Cluster";
    /** Jolokia request header: the caller's server name. */
    public static final String CALLER_HEADER = "X-Ripple-Caller";
    /** Jolokia request header: the calling master's term. */
    public static final String TERM_HEADER = "X-Ripple-Term";
    /** The term of a claim that carries none: a replica's, or a tool's. */
    public static final long NO_TERM = 0;
    /** The term of a claim whose term is not a number of at most {@value #MAX_TERM_DIGITS} digits: refused, not ignored. */
    public static final long UNREADABLE_TERM = -1;
    /** The longest name or id a claim may carry: longer ones are not claims of a Ripple server. */
    static final int MAX_CHARS = 128;
    /** A term has at most this many digits: enough for any number of promotions, and no overflow when one is added. */
    static final int MAX_TERM_DIGITS = 18;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]*");
    private static final Pattern TERM = Pattern.compile("[1-9][0-9]{0," + (MAX_TERM_DIGITS - 1) + "}");

    // As for Caller: Jolokia serves a request on one thread, so the endpoint hands the claim over through it.
    private static final ThreadLocal<ClusterClaim> JOLOKIA_CLAIM = new ThreadLocal<>();

    /** A claim without a term: a replica's, or a tool's. */
    public ClusterClaim(String caller, String clusterId) {
        this(caller, clusterId, NO_TERM);
    }

    /** This claim with a master's term. */
    public ClusterClaim withTerm(long masterTerm) {
        return new ClusterClaim(caller, clusterId, masterTerm);
    }

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
        return of(caller, clusterId, null);
    }

    /** As {@link #of(String, String)}, with the term as sent: absent or empty is no term. */
    static Optional<ClusterClaim> of(String caller, String clusterId, String term) {
        if (caller == null && clusterId == null) {
            return Optional.empty();
        }
        return Optional.of(new ClusterClaim(clean(caller), clusterId == null ? "" : clean(clusterId), parseTerm(term)));
    }

    /**
     * A term as text: {@link #NO_TERM} when absent or empty, the number when it is 1 to {@value #MAX_TERM_DIGITS}
     * digits without a leading zero, {@link #UNREADABLE_TERM} otherwise.
     */
    public static long parseTerm(String value) {
        if (value == null || value.isEmpty()) {
            return NO_TERM;
        }
        return value.length() <= MAX_TERM_DIGITS && TERM.matcher(value).matches() ? Long.parseLong(value) : UNREADABLE_TERM;
    }

    /** The term as it travels: empty for none. */
    public String termText() {
        return term > 0 ? Long.toString(term) : "";
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_CHARS && PRINTABLE.matcher(value).matches() ? value : "(unreadable)";
    }

    /** The claim in a JMX client's credentials {@code {user, password, clusterId, caller[, term]}}, if it sent one. */
    static Optional<ClusterClaim> fromJmxCredentials(Object credentials) {
        if (credentials instanceof String[] values && values.length == 4) {
            return of(values[3], values[2]);
        }
        if (credentials instanceof String[] values && values.length == 5) {
            return of(values[3], values[2], values[4]);
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
