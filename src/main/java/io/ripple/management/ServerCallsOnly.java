package io.ripple.management;

import java.util.Optional;

/**
 * The gate of MBeans that only servers call ({@code ripple:type=ClusterProtocol}, {@code ripple:type=ReplicaProtocol},
 * {@code ripple:type=Failover}): the call must carry a server's
 * {@link ClusterClaim}, which Ripple's servers send with every call and people's tools do not. Not a boundary against
 * a readwrite user who forges a claim (the access file is that), but it keeps people on the MBeans meant for them.
 */
public final class ServerCallsOnly {

    private ServerCallsOnly() {
    }

    /**
     * @param operation the operation's name, for the refusal
     * @throws IllegalStateException naming the operation and where people go instead, unless a server calls (or code
     *     in this JVM)
     */
    public static void check(String operation) {
        check(operation, "ripple:type=ClusterProtocol", "ripple:type=Cluster");
    }

    /**
     * As {@link #check(String)} for another MBean that only servers call.
     *
     * @param mbean what the refusal names as server-only
     * @param peopleUse what it names for people instead
     */
    public static void check(String operation, String mbean, String peopleUse) {
        Caller caller = Caller.current();
        if (caller == Caller.LOCAL) {
            return;
        }
        Optional<ClusterClaim> claim = ClusterClaim.current();
        boolean server = claim.isPresent() && !claim.get().caller().isEmpty()
                && !Caller.CLUSTER_ACCOUNT_VIA_CLI.equals(claim.get().caller());
        if (!server) {
            throw new IllegalStateException("Refused " + operation + " from " + caller.user() + ": " + mbean
                    + " takes calls between Ripple servers only. People use " + peopleUse + ".");
        }
    }
}
