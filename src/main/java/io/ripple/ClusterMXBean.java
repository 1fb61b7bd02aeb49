package io.ripple;

import io.ripple.management.Description;
import io.ripple.management.ReadOnly;


/**
 * The cluster restart, on the master only, registered as {@value #OBJECT_NAME}. Operations that start work return at
 * once; reading the status never waits behind a running restart.
 */
@Description("Cluster restart: apply the master's configuration to every server, in parallel or one after another (ripple)")
public interface ClusterMXBean {

    String OBJECT_NAME = "ripple:type=Cluster";

    /**
     * A preview line starting with this says a cluster restart would be refused now, and why; the preview then lists no
     * server that would sync or restart.
     */
    String PREVIEW_WOULD_NOT_RUN = "would not run: ";

    String MESSAGE_IN_PROGRESS = "The cluster is in the process of being restarted.";
    String MESSAGE_RESTARTED = "The cluster has been restarted.";
    String MESSAGE_FAILED = "The cluster restart failed.";
    String MESSAGE_NONE = "No cluster restart has been requested.";

    @Description("The replicas' names, in the configured order")
    String[] getReplicas();

    @Description("True while a cluster restart is running")
    boolean isInProgress();

    @Description("One of the documented status messages; a failed run names its failed servers")
    String getStatusMessage();

    @Description("The latest run: id, mode, state, times, and one row per server")
    RunStatus getStatus();

    @Description("Seconds the master waits for each replica")
    int getMaxWaitTime();

    @Description("State of the latest run: IN_PROGRESS, COMPLETED, FAILED, CANCELLED, INTERRUPTED or REVERTED (failed, and"
            + " automatically put back to the version before it); NONE when no run has been requested")
    String getLastRunState();

    @Description("True when the latest run completed with every server restarted or up to date; false while one runs, after a failed, cancelled, interrupted or reverted one, and when there is none")
    boolean isLastRunSucceeded();

    @Description("How many servers failed or timed out in the latest run")
    int getLastRunFailedServers();

    @Description("Milliseconds the latest run took from request to end; while it runs, the time so far; 0 when there is none")
    long getLastRunDurationMillis();

    @Description("When the latest run ended, in epoch milliseconds; 0 while it runs or when there is none")
    long getLastRunEndTime();

    @Description("Starts a cluster restart and returns its run id at once")
    String restart(@Description("true: one server at a time (-ripple); false: all replicas in parallel") boolean ripple);

    @Description("Starts a cluster restart with a plan and returns its run id at once")
    String restartPlan(@Description("Replicas restarted at once; 0 for all, 1 is -ripple") int batchSize,
                       @Description("Seconds between the end of one batch and the start of the next") int pauseSeconds,
                       @Description("Replicas that must stay Ready while others restart") int minReady,
                       @Description("Failed replicas that stop the run; 0 for no limit") int maxFailures,
                       @Description("When failures stop the run, bring the replicas it moved back to their version before") boolean autoRevert);

    @Description("Publishes an earlier version's content as a new version and runs a cluster restart with it, one server at a time")
    String rollback(@Description("The published version to go back to (see history())") long version);

    @ReadOnly
    @Description("What restartPlan with these settings would do: which servers are stale, and the batches; changes nothing")
    String previewPlan(@Description("Replicas restarted at once; 0 for all") int batchSize,
                       @Description("Seconds between batches") int pauseSeconds,
                       @Description("Replicas that must stay Ready") int minReady,
                       @Description("Failed replicas that stop the run; 0 for no limit") int maxFailures,
                       @Description("Revert the moved replicas when failures stop the run") boolean autoRevert);

    @ReadOnly
    @Description("JSON list of the published versions: number, time, digest, who published it and which runs applied it")
    String history();

    @ReadOnly
    @Description("The latest run as readable text")
    String status();

    @ReadOnly
    @Description("The latest run as JSON")
    String statusJson();

    @ReadOnly
    @Description("Every replica read now, all within 10 s: reachable, version, digest, stale, drifted files; a replica that"
            + " does not answer in time is unreachable with 'did not answer within 10 s'; JSON, changes nothing")
    String health();

    @ReadOnly
    @Description("Which servers are stale and would restart, or \"would not run: reason\" when the host's validator rejects the"
            + " master's disk; replicas are read within 10 s, one that does not answer in time would fail; changes nothing")
    String preview();

    @Description("Lets the servers already asked finish, asks no more, and ends the run CANCELLED")
    String cancel();

    @ReadOnly
    @Description("JSON list of the run events after a sequence number, for clients that cannot receive notifications")
    String events(@Description("The last sequence number the client has seen; 0 for all") long afterSequence);

    @Description("A replica's report that its part of a run is done (step 6); refused, changing nothing, for a run other "
            + "than the one in progress or the latest, a server not in Replicas, or another outcome")
    void replicaCompleted(@Description("The run id the replica was asked for: 1 to 64 letters, digits, '.', '_' or '-'") String runId,
                          @Description("The replica's name") String replica,
                          @Description("RESTARTED, UP_TO_DATE or FAILED") String outcome,
                          @Description("A line on the outcome: the error, or what changed") String detail);

    @ReadOnly
    @Description("Whether a replica's turn in a run is still wanted: true only while that run is in progress and the "
            + "master still waits for that replica. A replica asks before it restarts, so that nothing from an ended run acts")
    boolean confirmTurn(@Description("The run id the replica was asked for") String runId,
                        @Description("The replica's name") String replica);

    @ReadOnly
    @Description("The configuration version a run distributes; the latest published version for an unknown run")
    long runVersion(@Description("The run id: 1 to 64 letters, digits, '.', '_' or '-'") String runId);
}
