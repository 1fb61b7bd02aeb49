package io.ripple.bench;

import io.ripple.ConfigStoreMXBean;
import io.ripple.FileInfo;
import io.ripple.ServerMXBean;
import io.ripple.VersionInfo;
import io.ripple.management.JmxEndpoint;
import io.ripple.management.JmxSettings;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.JolokiaSettings;
import io.ripple.management.MBeanRegistry;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;

/**
 * A replica for coordination benchmarks: its own MBeanServer and JMX connector on a loopback port, Server and
 * ConfigStore MBeans that answer as a replica does, and a sync-and-restart that takes a fixed time and then reports
 * to the master. It measures what the coordinator costs, not what a real restart costs.
 */
final class SimulatedReplica implements AutoCloseable {

    private final String name;
    private final long restartMillis;
    private final String masterUrl;
    private final ConnectionCache master;
    private final ScheduledExecutorService timer;
    private final MBeanServer mbs = MBeanServerFactory.newMBeanServer();
    private final MBeanRegistry registry = new MBeanRegistry(mbs);
    private final AutoCloseable endpoint;
    private final String url;
    private volatile String state = "RUNNING";
    private volatile String bootId = UUID.randomUUID().toString();
    private volatile String lastRunId = "";
    private volatile String lastRunOutcome = "";
    private volatile String lastRunDetail = "";
    private volatile long version = 1;

    SimulatedReplica(String name, long restartMillis, String masterUrl, RemoteConnector connector,
                     ScheduledExecutorService timer, boolean jolokia) throws Exception {
        this.name = name;
        this.restartMillis = restartMillis;
        this.masterUrl = masterUrl;
        this.master = new ConnectionCache(connector);
        this.timer = timer;
        registry.register(ServerMXBean.OBJECT_NAME, new Server(), ServerMXBean.class);
        registry.register(ConfigStoreMXBean.OBJECT_NAME, new Store(), ConfigStoreMXBean.class);
        if (jolokia) {
            JolokiaEndpoint agent = JolokiaEndpoint.start(new JolokiaSettings("127.0.0.1", 0, null, null, null, mbs));
            endpoint = agent;
            url = agent.url();
        } else {
            JmxEndpoint jmx = JmxEndpoint.start(new JmxSettings("127.0.0.1", 0, null, null), mbs);
            endpoint = jmx;
            url = jmx.url().toString();
        }
    }

    String url() {
        return url;
    }

    private void finish(String runId) {
        bootId = UUID.randomUUID().toString();
        version++;
        state = "RUNNING";
        lastRunOutcome = "RESTARTED";
        lastRunDetail = "simulated restart (" + restartMillis + " ms)";
        try {
            master.call(masterUrl, m -> {
                m.clusterProtocol().replicaCompleted(runId, name, "RESTARTED", lastRunDetail);
                return null;
            });
        } catch (RemoteException e) {
            // the master polls as well
        }
    }

    @Override
    public void close() {
        master.close();
        try {
            endpoint.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        registry.close();
    }

    private final class Server implements ServerMXBean {
        @Override public String getName() { return name; }
        @Override public String getRole() { return "replica"; }
        @Override public String getState() { return state; }
        @Override public boolean isReady() { return "RUNNING".equals(state); }
        @Override public String getBootId() { return bootId; }
        @Override public String getStartTime() { return ""; }
        @Override public long getStartTimeMillis() { return 0; }
        @Override public long getRestartCount() { return 0; }
        @Override public String getLastRestartReason() { return ""; }
        @Override public String getMasterName() { return "master"; }
        @Override public String getMasterSource() { return "server.conf"; }
        @Override public String getMasterUrl() { return ""; }
        @Override public String getConfigSource() { return "master"; }
        @Override public String getClusterId() { return ""; }
        @Override public long getTerm() { return 0; }
        @Override public String[] getMembers() { return new String[0]; }
        @Override public String resetClusterPin() { return ""; }
        @Override public String promote(boolean force) { return ""; }
        @Override public String getLastRunId() { return lastRunId; }
        @Override public String getLastRunOutcome() { return lastRunOutcome; }
        @Override public String getLastRunDetail() { return lastRunDetail; }
        @Override public String restart() { return "simulated"; }
        @Override public String syncAndRestartUntil(String runId, long deadlineEpochMillis) { return syncAndRestart(runId); }

        @Override
        public String syncAndRestart(String runId) {
            lastRunId = runId;
            lastRunOutcome = "IN_PROGRESS";
            lastRunDetail = "restarting";
            state = "RESTARTING";
            timer.schedule(() -> finish(runId), restartMillis, TimeUnit.MILLISECONDS);
            return "accepted";
        }
    }

    private final class Store implements ConfigStoreMXBean {
        @Override public long getVersion() { return version; }
        @Override public String getTimestamp() { return ""; }
        @Override public long getTimestampMillis() { return 0; }
        @Override public String getDigest() { return ""; }
        @Override public long getAppliedVersion() { return version; }
        @Override public int getFileCount() { return 0; }
        @Override public long getTotalBytes() { return 0; }
        @Override public String[] getDriftedFiles() { return new String[0]; }
        @Override public int getDriftedFileCount() { return 0; }
        @Override public String getRefusedDigest() { return ""; }
        @Override public String getRefusedReason() { return ""; }
        @Override public String getRefusedAt() { return ""; }
        @Override public List<FileInfo> manifest() { return List.of(); }
        @Override public String readChunk(String path, long offset, int length) { throw new UnsupportedOperationException(); }
        @Override public VersionInfo publishedVersion(long v) { throw new UnsupportedOperationException(); }
        @Override public String readObject(String sha256, long offset, int length) { throw new UnsupportedOperationException(); }
        @Override public byte[] readObjectBytes(String sha256, long offset, int length) { throw new UnsupportedOperationException(); }
        @Override public String[] readObjects(String[] shas) { throw new UnsupportedOperationException(); }
        @Override public long refresh() { return version; }
        @Override public String sync() { return "simulated"; }
    }
}
