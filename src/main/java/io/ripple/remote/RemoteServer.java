package io.ripple.remote;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.ReplicaProtocolMXBean;
import io.ripple.ServerMXBean;

/**
 * Another Ripple server, reached over JMX RMI or Jolokia HTTP: typed views of its MBeans. Every call is bounded by the
 * time-outs it was opened with; a failed call throws {@link RemoteException} naming the URL and the cause.
 */
public interface RemoteServer extends AutoCloseable {

    /** The address this connection was opened with. */
    String url();

    /** {@code ripple:type=Server} of that server. */
    ServerMXBean server();

    /** {@code ripple:type=ConfigStore} of that server. */
    ConfigStoreMXBean configStore();

    /** {@code ripple:type=Cluster} of that server (the master). */
    ClusterMXBean cluster();

    /** {@code ripple:type=ClusterProtocol} of that server (the master): the calls only servers make. */
    ClusterProtocolMXBean clusterProtocol();

    /** {@code ripple:type=ReplicaProtocol} of that server (a replica): the calls only its master makes. */
    ReplicaProtocolMXBean replicaProtocol();

    /** The Server attributes a run watches, read in one round trip. */
    ServerSnapshot serverSnapshot();

    /**
     * The Server attributes that say who that server is (Name, Role, ClusterId); the transports read them in one round
     * trip, where a getter each would cost three.
     */
    default ServerIdentity serverIdentity() {
        return new ServerIdentity(server().getName(), server().getRole(), server().getClusterId());
    }

    /**
     * The replica's identity and its ConfigStore Version, which the master reads before each turn; Jolokia reads both
     * in one bulk request.
     */
    default ReplicaFacts replicaFacts() {
        ServerIdentity identity = serverIdentity();
        RemoteException failure = null;
        long version = -1;
        try {
            version = configStore().getVersion();
        } catch (RemoteException e) {
            failure = e;
        }
        return new ReplicaFacts(identity, version, failure);
    }

    @Override
    void close();
}
