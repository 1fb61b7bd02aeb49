package io.ripple.remote;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ConfigStoreMXBean;
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

    /** The Server attributes a run watches, read in one round trip. */
    ServerSnapshot serverSnapshot();

    @Override
    void close();
}
