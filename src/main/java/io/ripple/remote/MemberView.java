package io.ripple.remote;

/**
 * What a member of the cluster says of the cluster's master: who it is (Server attributes Name, Role, ClusterId), the
 * term it holds or has seen (Term) and the master it follows (MasterName, empty on a master), read together in one
 * round trip. A server that starts asks every member it knows for this, and follows the highest term.
 */
public record MemberView(String name, String role, String clusterId, long term, String masterName) {
}
