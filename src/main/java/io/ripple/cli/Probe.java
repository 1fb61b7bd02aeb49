package io.ripple.cli;

import io.ripple.ConfigStoreMXBean;
import io.ripple.ServerMXBean;
import io.ripple.cluster.RunStarted;
import io.ripple.management.Caller;
import io.ripple.management.ClusterClaim;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServer;
import io.ripple.util.MessageId;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one facade the commands talk to (nodetool's {@code NodeProbe}): it owns the connection to one server, JMX or
 * Jolokia, and offers the verbs and reads the commands need. Every failure is a {@link RemoteException} naming the URL.
 */
final class Probe implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Target target;
    private final RemoteConnector connector;
    private RemoteServer remote;

    private Probe(Target target) {
        this.target = target;
        RemoteConnector plain = new RemoteConnector(target.credentials(), CONNECT_TIMEOUT, CALL_TIMEOUT, target.tls());
        // the servers' own claim slot carries the tool's word that a person uses the cluster account: no cluster id,
        // so that no server takes it for another server's call
        this.connector = target.clusterAccount()
                ? plain.claiming(() -> new ClusterClaim(Caller.CLUSTER_ACCOUNT_VIA_CLI, "")) : plain;
    }

    /** Connects to the target. @throws RemoteException CANNOT_CONNECT, AUTHENTICATION_FAILED or TIMEOUT */
    static Probe open(Target target) {
        Probe probe = new Probe(target);
        probe.remote = probe.connector.open(target.url());
        return probe;
    }

    String url() {
        return target.url();
    }

    /** Closes the connection and opens a new one, e.g. after the master restarted. */
    void reconnect() {
        closeQuietly();
        remote = connector.open(target.url());
    }

    /**
     * When the server is a master that stepped down (issue #21: a replica was promoted while it was away), what
     * {@code check} says of it; empty otherwise.
     */
    java.util.Optional<String> steppedDown() {
        ServerMXBean server = remote.server();
        String source;
        try {
            source = server.getMasterSource();
        } catch (RemoteException e) {
            if (e.kind() == RemoteException.Kind.REMOTE_ERROR) {
                return java.util.Optional.empty(); // not a Ripple server, or one of an earlier release: requireMaster says
            }
            throw e;
        }
        if (source == null || !source.contains("stepped down") || !"replica".equals(server.getRole())) {
            return java.util.Optional.empty();
        }
        String master = server.getMasterName();
        return java.util.Optional.of("'" + server.getName() + "' stepped down: it is a replica of '" + master + "', the"
                + " master of term " + server.getTerm() + " since a promotion (" + source + "). Point this check at '"
                + master + "'; master '" + master + "', term " + server.getTerm());
    }

    /** @throws CliException (exit 2) when the server is not the cluster master */
    void requireMaster() {
        ServerMXBean server = remote.server();
        String role;
        try {
            role = server.getRole();
        } catch (RemoteException e) {
            if (e.kind() == RemoteException.Kind.REMOTE_ERROR) {
                throw CliException.usage(MessageId.CLI_NOT_RIPPLE, url() + " is not a Ripple server: " + e.getMessage());
            }
            throw e;
        }
        if (!"master".equals(role)) {
            String master = server.getMasterName();
            throw CliException.usage(MessageId.CLI_NOT_MASTER, url() + " is not the cluster master: it is " + role + " '" + server.getName() + "'"
                    + (master == null || master.isEmpty() ? "" : " of master '" + master + "'")
                    + ". Connect to the master for cluster commands.");
        }
    }

    /** Starts a run; returns its id. */
    String startRestart(boolean ripple) {
        return runIdOf(remote.cluster().restart(ripple));
    }

    /** Starts a run with a plan; returns its id. */
    String startPlan(int batchSize, int pauseSeconds, int minReady, int maxFailures, boolean autoRevert) {
        return runIdOf(remote.cluster().restartPlan(batchSize, pauseSeconds, minReady, maxFailures, autoRevert));
    }

    /** The run id in the master's "Run 4 started (...)"; LastRunId if the answer is worded otherwise. */
    private String runIdOf(String answer) {
        return RunStarted.runId(answer).orElseGet(() -> remote.cluster().getLastRunId());
    }

    String previewPlan(int batchSize, int pauseSeconds, int minReady, int maxFailures, boolean autoRevert) {
        return remote.cluster().previewPlan(batchSize, pauseSeconds, minReady, maxFailures, autoRevert);
    }

    /** Starts a rollback run; returns its id. */
    String rollback(long version) {
        return runIdOf(remote.cluster().rollback(version));
    }

    String history() {
        return remote.cluster().history();
    }

    String statusText() {
        return remote.cluster().status();
    }

    String statusJson() {
        return remote.cluster().statusJson();
    }

    String preview() {
        return remote.cluster().preview();
    }

    String cancel() {
        return remote.cluster().cancel();
    }

    String events(long afterSequence) {
        return remote.cluster().events(afterSequence);
    }

    String health() {
        return remote.cluster().health();
    }

    String restartServer() {
        return remote.server().restart();
    }

    String syncServer() {
        return remote.configStore().sync();
    }

    String resetClusterPin() {
        return remote.server().resetClusterPin();
    }

    String promote(boolean force) {
        return remote.server().promote(force);
    }

    String serverName() {
        return remote.server().getName();
    }

    /** The Server MBean's attributes, by attribute name, in the contract's order. */
    /** What {@code cluster members} shows: the server asked, its view of the master and term, and the members. */
    record Membership(String server, String role, String master, long term, String[] members) {
    }

    Membership membership() {
        ServerMXBean s = remote.server();
        String role = s.getRole();
        String name = s.getName();
        String master = "master".equals(role) ? name : s.getMasterName();
        String[] members = s.getMembers();
        return new Membership(name, role, master, s.getTerm(), members == null ? new String[0] : members);
    }

    Map<String, Object> serverAttributes() {
        ServerMXBean s = remote.server();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Name", s.getName());
        a.put("Role", s.getRole());
        a.put("State", s.getState());
        a.put("Ready", s.isReady());
        a.put("BootId", s.getBootId());
        a.put("StartTime", s.getStartTime());
        a.put("RestartCount", s.getRestartCount());
        a.put("LastRestartReason", s.getLastRestartReason());
        a.put("MasterName", s.getMasterName());
        a.put("MasterSource", s.getMasterSource());
        a.put("Term", s.getTerm());
        a.put("ConfigSource", s.getConfigSource());
        a.put("LastRunId", s.getLastRunId());
        a.put("LastRunOutcome", s.getLastRunOutcome());
        a.put("LastRunDetail", s.getLastRunDetail());
        return a;
    }

    /** The ConfigStore MBean's attributes, by attribute name, in the contract's order. */
    Map<String, Object> configStoreAttributes() {
        ConfigStoreMXBean c = remote.configStore();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Version", c.getVersion());
        a.put("Timestamp", c.getTimestamp());
        a.put("Digest", c.getDigest());
        a.put("AppliedVersion", c.getAppliedVersion());
        a.put("FileCount", c.getFileCount());
        a.put("TotalBytes", c.getTotalBytes());
        String[] drifted = c.getDriftedFiles();
        a.put("DriftedFiles", drifted == null ? java.util.List.of() : Arrays.asList(drifted));
        return a;
    }

    private void closeQuietly() {
        RemoteServer r = remote;
        remote = null;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException e) {
                // closing a broken connection: nothing to do
            }
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
