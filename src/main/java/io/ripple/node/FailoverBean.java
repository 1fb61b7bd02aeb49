package io.ripple.node;

import io.ripple.FailoverMXBean;
import io.ripple.management.Audit;
import io.ripple.management.ServerCallsOnly;

/** The {@code ripple:type=Failover} MBean on every server: a promoted master tells the members here. */
final class FailoverBean implements FailoverMXBean {

    private final Node node;

    FailoverBean(Node node) {
        this.node = node;
    }

    @Override
    public String masterPromoted(String master, long term) {
        ServerCallsOnly.check("masterPromoted", OBJECT_NAME, "ripple:type=Server promote");
        Audit.requested("Failover masterPromoted(" + master + ", term " + term + ")");
        return Promotion.follow(node, master == null ? "" : master, term);
    }
}
