package io.ripple.cluster;

import io.ripple.ClusterProtocolMXBean;
import io.ripple.management.Audit;
import io.ripple.management.ServerCallsOnly;

/**
 * The {@code ripple:type=ClusterProtocol} MBean on the master: what replicas call during a run. Each call must come from
 * a server ({@link ServerCallsOnly}); the run engine judges the rest.
 */
public final class ClusterProtocolBean implements ClusterProtocolMXBean {

    private final Coordinator coordinator;

    public ClusterProtocolBean(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void replicaCompleted(String runId, String replica, String outcome, String detail) {
        ServerCallsOnly.check("replicaCompleted");
        coordinator.checkReport(runId, replica, outcome);
        Audit.requested("Cluster replicaCompleted(run " + runId + ", " + replica + ", " + outcome + ")");
        coordinator.replicaCompleted(runId, replica, outcome, detail);
    }

    @Override
    public boolean confirmTurn(String runId, String replica) {
        ServerCallsOnly.check("confirmTurn");
        return coordinator.confirmTurn(RunId.check(runId), replica);
    }

    @Override
    public long runVersion(String runId) {
        ServerCallsOnly.check("runVersion");
        return coordinator.runVersion(RunId.check(runId));
    }
}
