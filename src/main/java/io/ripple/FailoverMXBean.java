package io.ripple;

import io.ripple.management.Description;

/**
 * The call a newly promoted master makes to every member of the cluster, registered on every server as
 * {@value #OBJECT_NAME}. Not for people: it takes only calls that carry a server's cluster claim, and readonly users may
 * call none of it. People promote a replica with {@link ServerMXBean#promote(boolean)}.
 */
@Description("Calls between servers; not for people (use ripple:type=Server promote). A new master tells the members here")
public interface FailoverMXBean {

    String OBJECT_NAME = "ripple:type=Failover";

    @Description("A promoted master tells this server that it is the cluster's master now: the caller's claim must name"
            + " that master, this cluster and a term above the one this server follows. This server records the term and"
            + " data-dir/cluster-master, re-pins, and re-points to it as a replica without restarting its hosted server;"
            + " returns a line on what it did")
    String masterPromoted(@Description("The new master's name: the caller itself") String master,
                          @Description("The term it holds: the one its call claims") long term);
}
