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
 */
public record Caller(String user, String channel, String address) {

    /** The caller of code that no remote client started. */
    public static final Caller LOCAL = new Caller("local", "local", "");

    // Jolokia serves each request on one pool thread from start to end, so the endpoint can hand
    // the caller to the operation through the thread.
    private static final ThreadLocal<Caller> JOLOKIA_CALLER = new ThreadLocal<>();

    /** The caller of the code running on this thread. */
    public static Caller current() {
        Caller jolokia = JOLOKIA_CALLER.get();
        if (jolokia != null) {
            return jolokia;
        }
        String jmxUser = jmxUser();
        if (jmxUser != null) {
            return new Caller(jmxUser, "jmx", rmiClientHost());
        }
        return LOCAL;
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

    @Override
    public String toString() {
        return address.isEmpty() ? user + " (" + channel + ")" : user + " (" + channel + " " + address + ")";
    }
}
