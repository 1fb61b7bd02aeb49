package io.ripple.remote;

/**
 * The server a connection is meant to reach, as this server's own configuration names it: its master
 * ({@code master-name} at {@code master-url}) or one of its replicas (a {@code replica = NAME URL} line).
 *
 * @param role {@code master}, {@code replica}, or {@value #ANY_ROLE} (a member of the cluster in either role)
 * @param name the name the server there must prove
 */
public record Peer(String role, String name) {

    /** The role of a member whose role is not known in advance: after a promotion any member may be the master. */
    public static final String ANY_ROLE = "member";

    /** The master this replica is configured with. */
    public static Peer master(String name) {
        return new Peer("master", name);
    }

    /** A replica this master is configured with. */
    public static Peer replica(String name) {
        return new Peer("replica", name);
    }

    /** A member of the cluster's membership, in whichever role it proves (asked at a start who the master is). */
    public static Peer member(String name) {
        return new Peer(ANY_ROLE, name);
    }

    /** Whether a server that proved {@code provedRole} is in the role this peer expects. */
    public boolean accepts(String provedRole) {
        return ANY_ROLE.equals(role) || role.equals(provedRole);
    }

    @Override
    public String toString() {
        return role + " '" + name + "'";
    }
}
