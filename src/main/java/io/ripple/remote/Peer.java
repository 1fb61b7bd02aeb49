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

    @Override
    public String toString() {
        return role + " '" + name + "'";
    }
}
