package io.ripple;

import io.ripple.management.Description;

/**
 * One replica as the master saw it in the latest cluster restart, for consoles and monitoring (the Prometheus JMX
 * exporter labels its metrics by {@code name}). Registered on the master only, one per configured replica, as
 * {@code ripple:type=ClusterReplica,name=REPLICA}. Attributes read the master's run status: cheap, and they never throw
 * nor call the replica.
 */
@Description("A replica's part in the latest cluster restart, as the master recorded it")
public interface ClusterReplicaMXBean {

    /** The ObjectName without its {@code name} key; {@code ,name=REPLICA} completes it. */
    String TYPE = "ripple:type=ClusterReplica";

    /** LastRunState when no run has been requested, or the latest run did not include this replica. */
    String STATE_NONE = "NONE";

    @Description("The replica's name, as the master's [cluster] replica line gives it")
    String getName();

    @Description("The address the master reaches the replica at (JMX RMI or Jolokia URL)")
    String getUrl();

    @Description("The id of the latest cluster restart run; empty when none has been requested")
    String getLastRunId();

    @Description("The replica's state in that run: PENDING, REQUESTED, CHECKING, SYNCING, RESTARTING, RESTARTED, "
            + "UP_TO_DATE, FAILED, TIMED_OUT, SKIPPED; NONE when there is no run")
    String getLastRunState();

    @Description("True when the replica restarted with the new configuration in the latest run")
    boolean isLastRunRestarted();

    @Description("True when the replica was already up to date in the latest run (nothing to restart)")
    boolean isLastRunUpToDate();

    @Description("True when the replica failed in the latest run")
    boolean isLastRunFailed();

    @Description("True when the master gave up waiting for the replica in the latest run (max-wait-time)")
    boolean isLastRunTimedOut();

    @Description("True when the latest run did not ask the replica (cancelled, or an earlier replica failed a ripple)")
    boolean isLastRunSkipped();

    @Description("Milliseconds from the master's request to the replica's outcome in the latest run; "
            + "while it is still working, the time so far; 0 when it was never asked")
    long getLastRunDurationMillis();

    @Description("The configuration version the replica held after the latest run; -1 when unknown")
    long getLastRunVersionAfter();
}
