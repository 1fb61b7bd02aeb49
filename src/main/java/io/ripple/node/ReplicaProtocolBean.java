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
        try {
            TurnRequest parsed = TurnRequest.parse(request);
            Audit.requested("ReplicaProtocol takeTurn(run " + parsed.runId() + ", version " + parsed.version().getVersion() + ")");
            return node.takeTurn(parsed).toJson();
        } catch (IllegalArgumentException e) {
            log.warn("{}", e.getMessage()); // the master's row shows it too
            throw e;
        }
    }
}
