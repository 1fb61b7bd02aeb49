package io.ripple.node;

import io.ripple.ReplicaProtocolMXBean;
import io.ripple.cluster.TurnRequest;
import io.ripple.management.Audit;
import io.ripple.management.ServerCallsOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ripple:type=ReplicaProtocol} MBean on a replica: what its master calls. Each call must come from a server
 * ({@link ServerCallsOnly}); the request is read by {@link TurnRequest#parse} and judged by {@link TurnRequestCheck}.
 */
final class ReplicaProtocolBean implements ReplicaProtocolMXBean {

    private static final Logger log = LoggerFactory.getLogger(ReplicaProtocolBean.class);

    private final Node node;

    ReplicaProtocolBean(Node node) {
        this.node = node;
    }

    @Override
    public String takeTurn(String request) {
        ServerCallsOnly.check("takeTurn", OBJECT_NAME, "ripple:type=Server syncAndRestart");
        TurnRequest parsed;
        try {
            parsed = TurnRequest.parse(request);
        } catch (IllegalArgumentException e) {
            // answered, not thrown: the master shows who answered and this line in the replica's row
            log.warn("{}", e.getMessage());
            return node.refusedTurn(e.getMessage()).toJson();
        }
        Audit.requested("ReplicaProtocol takeTurn(run " + parsed.runId() + ", version " + parsed.version().getVersion() + ")");
        return node.takeTurn(parsed).toJson();
    }
}
