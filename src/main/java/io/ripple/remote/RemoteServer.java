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

    /** {@code ripple:type=Failover} of that server (every server): a promoted master tells the members there. */
    default io.ripple.FailoverMXBean failover() {
        throw new UnsupportedOperationException("no ripple:type=Failover view on " + url());
    }

    /** {@code ripple:type=ReplicaProtocol} of that server (a replica): the calls only its master makes. */
    default ReplicaProtocolMXBean replicaProtocol() {
        throw new UnsupportedOperationException("no ripple:type=ReplicaProtocol view on " + url());
    }

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
     * What that server says of the cluster's master (Name, Role, ClusterId, Term, MasterName); the transports read
     * them in one round trip.
     */
    default MemberView memberView() {
        ServerMXBean s = server();
        return new MemberView(s.getName(), s.getRole(), s.getClusterId(), s.getTerm(), s.getMasterName());
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

    /**
     * Up to {@code length} bytes of a published file of that server (the master), from {@code offset}:
     * {@code ConfigStore.readObject}, decoded. A transport may read the answer without building its text first; either
     * way the caller checks what arrives.
     *
     * @throws RemoteException REMOTE_ERROR also when the answer is not base64
     */
    default byte[] readObject(String sha256, long offset, int length) {
        return ObjectAnswers.decode(configStore().readObject(sha256, offset, length), url(), "readObject");
    }

    /** Several whole published files of that server, in the order asked: {@code ConfigStore.readObjects}, decoded. */
    default java.util.List<byte[]> readObjects(String[] sha256s) {
        String[] contents = configStore().readObjects(sha256s);
        if (contents == null) {
            throw RemoteFailures.remoteError(url(), "ConfigStore readObjects returned no value", null);
        }
        java.util.List<byte[]> decoded = new java.util.ArrayList<>(contents.length);
        for (String content : contents) {
            decoded.add(ObjectAnswers.decode(content, url(), "readObjects"));
        }
        return decoded;
    }

    @Override
    void close();
}
