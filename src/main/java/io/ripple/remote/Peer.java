package io.ripple.remote;

/**
 * The server a connection is meant to reach, as this server's own configuration names it: its master
 * ({@code master-name} at {@code master-url}) or one of its replicas (a {@code replica = NAME URL} line).
 *
 * @param role {@code master} or {@code replica}
 * @param name the name the server there must prove
 */
public record Peer(String role, String name) {

    /** The master this replica is configured with. */
    public static Peer master(String name) {
        return new Peer("master", name);
    }

    /** A replica this master is configured with. */
    public static Peer replica(String name) {
        return new Peer("replica", name);
    }

    /** Any role: a member of the cluster as the membership names it, master or replica (a promotion tells each). */
    public static final String ANY_ROLE = "member";

    /** A member of the cluster, whichever role it holds now. */
    public static Peer member(String name) {
        return new Peer(ANY_ROLE, name);
    }

    /** Whether a server that proved {@code provedRole} and {@code provedName} is this peer. */
    public boolean matches(String provedRole, String provedName) {
        return (role.equals(ANY_ROLE) || role.equals(provedRole)) && name.equals(provedName);
    }

    @Override
    public String toString() {
        return role + " '" + name + "'";
    }
}
