package io.ripple.management;

import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.security.AccessController;
import java.util.Set;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * Who is calling the current MBean operation, and through which channel: {@code jmx} (an RMI
 * client), {@code jolokia} (an HTTP client) or {@code local} (code in this JVM).
 *
 * @param user the authenticated user; {@code local} for in-process calls
 * @param channel {@code jmx}, {@code jolokia} or {@code local}
 * @param address the client's IP address; empty for local calls
 * @param note what the authenticated caller says of itself beyond its user, in this server's words; empty for none.
 *     Only {@link #CLUSTER_ACCOUNT_VIA_CLI} gives one: {@code bin/ripple} using a server.conf's cluster account.
 */
public record Caller(String user, String channel, String address, String note) {

    /** The caller of code that no remote client started. */
    public static final Caller LOCAL = new Caller("local", "local", "");

    /**
     * The claim ({@link ClusterClaim}, with no cluster id) with which {@code bin/ripple} says that a person acts as the
     * cluster account of a server.conf. Only an authenticated caller's word, so the audit line reports it as such.
     */
    public static final String CLUSTER_ACCOUNT_VIA_CLI = "ripple-cli:cluster-account";

    /** The note of {@link #CLUSTER_ACCOUNT_VIA_CLI} in audit lines and run records. */
    static final String CLUSTER_ACCOUNT_NOTE = "cluster account via ripple CLI";

    public Caller {
        note = note == null ? "" : note;
    }

    public Caller(String user, String channel, String address) {
        this(user, channel, address, "");
    }

    // Jolokia serves each request on one pool thread from start to end, so the endpoint can hand
    // the caller to the operation through the thread.
    private static final ThreadLocal<Caller> JOLOKIA_CALLER = new ThreadLocal<>();

    /** The caller of the code running on this thread. */
    public static Caller current() {
        Caller jolokia = JOLOKIA_CALLER.get();
        if (jolokia != null) {
            return jolokia.noted();
        }
        String jmxUser = jmxUser();
        if (jmxUser != null) {
            return new Caller(jmxUser, "jmx", rmiClientHost()).noted();
        }
        return LOCAL;
    }

    /** This caller with the note its {@link ClusterClaim} gives, if any. */
    private Caller noted() {
        boolean cli = ClusterClaim.current().filter(c -> c.clusterId().isEmpty() && CLUSTER_ACCOUNT_VIA_CLI.equals(c.caller()))
                .isPresent();
        return cli ? new Caller(user, channel, address, CLUSTER_ACCOUNT_NOTE) : this;
    }

    @SuppressWarnings("removal") // the JMX connector still hands the Subject over this way on Java 17
    private static String jmxUser() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return null;
        }
        Set<JMXPrincipal> principals = subject.getPrincipals(JMXPrincipal.class);
        return principals.isEmpty() ? null : principals.iterator().next().getName();
    }

    private static String rmiClientHost() {
        try {
            return RemoteServer.getClientHost();
        } catch (ServerNotActiveException e) {
            return "";
        }
    }

    static void enterJolokia(Caller caller) {
        JOLOKIA_CALLER.set(caller);
    }

    static Caller currentJolokia() {
        return JOLOKIA_CALLER.get();
    }

    static void leaveJolokia() {
        JOLOKIA_CALLER.remove();
    }

    /** {@code admin (jmx 127.0.0.1)}; with a note {@code ripple (jmx 127.0.0.1, cluster account via ripple CLI)}. */
    @Override
    public String toString() {
        String where = address.isEmpty() ? channel : channel + " " + address;
        return user + " (" + where + (note.isEmpty() ? "" : ", " + note) + ")";
    }
}
