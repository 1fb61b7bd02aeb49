package io.ripple.remote;

/**
 * What the master reads of a replica before its turn, together: who it is ({@link ServerIdentity}) and its ConfigStore
 * Version. A version that could not be read fails only when asked for, after the identity was judged: a stranger is
 * refused as a stranger, whatever else it answered.
 */
public final class ReplicaFacts {

    private final ServerIdentity identity;
    private final long version;
    private final RemoteException versionFailure;

    public ReplicaFacts(ServerIdentity identity, long version) {
        this(identity, version, null);
    }

    ReplicaFacts(ServerIdentity identity, long version, RemoteException versionFailure) {
        this.identity = identity;
        this.version = version;
        this.versionFailure = versionFailure;
    }

    public ServerIdentity identity() {
        return identity;
    }

    /**
     * The replica's ConfigStore Version.
     *
     * @throws RemoteException when it could not be read
     */
    public long version() {
        if (versionFailure != null) {
            throw versionFailure;
        }
        return version;
    }
}
