package io.ripple;

import io.ripple.management.Description;
import io.ripple.management.ReadOnly;
import java.util.List;


/**
 * The cluster restart, on the master only, registered as {@value #OBJECT_NAME}. Operations that start work return at
 * once with a sentence that names the run ({@code Run 4 started (ripple)}); the run id stays readable in
 * {@link #getLastRunId()}. Reading the status never waits behind a running restart. Times are ISO-8601 UTC text, empty
 * when there is none. A refusal reaches every console as a JDK exception whose message is one sentence, never a class
 * of Ripple's. What only servers call is on {@link ClusterProtocolMXBean}.
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

    /**
     * The rows of {@link #getStatus()} on their own: an array of composites, which JConsole opens at the top level and
     * steps through with its Composite Navigation buttons, one server at a time.
     */
    @Description("The latest run's servers, one row per server (replicas in order, then the master): name, role, state,"
            + " times, versions and detail; double-click to step through them. Empty when there is no run")
    List<ServerStatus> getServers();

    @Description("The id of the latest run, the one restart, restartPlan or rollback named; empty when there is none")
    String getLastRunId();

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

    @Description("When the latest run ended, ISO-8601 UTC (2026-11-30T17:02:11.519Z); empty while it runs or when there is none")
    String getLastRunEndTime();

    @Description("LastRunEndTime in epoch milliseconds, for monitoring rules; 0 while it runs or when there is none")
    long getLastRunEndTimeMillis();

    @Description("Starts a cluster restart at once and answers 'Run 4 started (ripple)' or '(parallel)'; LastRunId names the run")
    String restart(@Description("true: one server at a time (-ripple); false: all replicas in parallel") boolean ripple);

    @Description("Starts a cluster restart with a plan at once and answers 'Run 4 started (plan: ...)' with the plan's summary")
    String restartPlan(@Description("Replicas restarted at once; 0 for all, 1 is -ripple") int batchSize,
                       @Description("Seconds between the end of one batch and the start of the next") int pauseSeconds,
                       @Description("Replicas that must stay Ready while others restart") int minReady,
                       @Description("Failed replicas that stop the run; 0 for no limit") int maxFailures,
                       @Description("When failures stop the run, bring the replicas it moved back to their version before") boolean autoRevert);

    @Description("Publishes an earlier version's content as a new version and runs a cluster restart with it, one server at a"
            + " time; answers 'Run 5 started (rollback to version 3, ripple)'")
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
}
