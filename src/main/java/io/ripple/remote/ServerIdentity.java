package io.ripple.remote;

/** Who a server says it is: its Server attributes Name, Role and ClusterId, read together in one round trip. */
public record ServerIdentity(String name, String role, String clusterId) {
}
