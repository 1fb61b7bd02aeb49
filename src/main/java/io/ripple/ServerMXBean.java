package io.ripple;

import io.ripple.management.Description;

/**
 * A Ripple server as operators see it: who it is, how its hosted server is doing, and the last cluster restart step it
 * carried out. Registered on every server as {@value #OBJECT_NAME}. Attributes are cheap and never throw. Emits
 * {@value #NOTIFICATION_RESTARTED} after every restart of the hosted server and {@value #NOTIFICATION_RESTART_FAILED}
 * when one fails.
 */
@Description("A Ripple server: its role, the lifecycle of its hosted server, and its part in the last cluster restart")
public interface ServerMXBean {

    String OBJECT_NAME = "ripple:type=Server";

    /** Notification type: the hosted server restarted; user data is JSON {name, bootId, reason, restartCount, version}. */
    String NOTIFICATION_RESTARTED = "ripple.server.restarted";
    /** Notification type: a restart failed and the state is FAILED; user data is JSON {name, reason, error, restartCount}. */
    String NOTIFICATION_RESTART_FAILED = "ripple.server.restart.failed";

    @Description("This server's name, unique in the cluster")
    String getName();

    @Description("'master' or 'replica'")
    String getRole();

    @Description("STARTING, RUNNING, SYNCING, RESTARTING, STOPPING or FAILED")
    String getState();

    @Description("True when the hosted server is up and serving")
    boolean isReady();

    @Description("A new value at every start and every restart of the hosted server")
    String getBootId();

    @Description("When the hosted server last started, ISO-8601 UTC (2026-11-30T17:02:11.519Z)")
    String getStartTime();

    @Description("StartTime in epoch milliseconds, for monitoring rules")
    long getStartTimeMillis();

    @Description("Restarts of the hosted server since this process began")
    long getRestartCount();

    @Description("Why the last restart happened")
    String getLastRestartReason();

    @Description("The master's name; empty on the master")
    String getMasterName();

    @Description("The master's management URL: on a replica the one it reaches its master at (master-url, or the master"
            + " record's url); on the master the one the cluster reaches it at")
    String getMasterUrl();

    @Description("Where this server's master comes from: 'server.conf' (its [cluster] is-master, master-name and"
            + " master-url) or 'data-dir/cluster-master (term N)' (the durable master record a promotion wrote, which"
            + " overrides server.conf)")
    String getMasterSource();

    @Description("Where the configuration came from: 'master' (its last sync reached the master), 'local' (the master itself)"
            + " or 'last-known-good' (started without reaching its master within startup-wait, and not synced since)")
    String getConfigSource();

    @Description("The cluster this server belongs to: the master's cluster id, or the one this replica pinned at its first"
            + " sync (empty before); calls from servers of another cluster are refused")
    String getClusterId();

    @Description("The cluster's term: on the master the term it holds (1 at its first start, one more at each promotion);"
            + " on a replica the highest term it has seen. Operations from a master of a lower term are refused")
    long getTerm();

    @Description("The cluster's members as 'name url' lines: on the master itself and its replica lines, which it"
            + " publishes with every version; on a replica its copy of what its master last published")
    String[] getMembers();

    @Description("The run id of the last syncAndRestart this server carried out")
    String getLastRunId();

    @Description("Outcome of that run on this server: RESTARTED, UP_TO_DATE, FAILED or IN_PROGRESS")
    String getLastRunOutcome();

    @Description("A line on that outcome: the error, or what changed")
    String getLastRunDetail();

    @Description("Restarts the hosted server now, unconditionally; returns at once, watch BootId and State")
    String restart();

    @Description("Checks the master's configuration, syncs if stale, restarts if anything changed and reports to the master; returns at once")
    String syncAndRestart(@Description("The cluster restart run this request belongs to: 1 to 64 letters, digits, '.', '_' or '-'")
                          String runId);

    @Description("Replicas: forgets the master and cluster id this replica pinned at its first sync, so that its next sync"
            + " pins the master its master-url reaches then, whatever its version (moving a replica to another cluster on"
            + " purpose); audited")
    String resetClusterPin();

    @Description("Replicas: makes this replica the cluster's master, without restarting its hosted server: it takes the"
            + " term after the highest it has seen, keeps the cluster id, records itself in data-dir/cluster-master,"
            + " publishes the configuration it holds as the next version (same digest: nobody restarts for it), and tells"
            + " every member it can reach to follow it. Refused on a master, and on a replica that does not hold the last"
            + " version it saw from its master or has files changed locally, unless force; audited; returns one sentence"
            + " naming the term, the members told and those not reached")
    String promote(@Description("true to promote a replica that is not up to date or has drifted files: what it holds"
            + " becomes the cluster's configuration") boolean force);

    @Description("syncAndRestart as the master asks for it: refused once the master's deadline has passed, and the "
            + "replica restarts only after the master confirms that the run still wants it; returns at once")
    String syncAndRestartUntil(@Description("The cluster restart run this request belongs to: 1 to 64 letters, digits, "
                                       + "'.', '_' or '-'") String runId,
                               @Description("When the master stops waiting for this replica: milliseconds since the "
                                       + "epoch, by the master's clock") long deadlineEpochMillis);
}
