package io.ripple;

import io.ripple.management.Description;

/**
 * The calls that only servers make to the master during a run, registered on the master as {@value #OBJECT_NAME}: a
 * replica reports its outcome, asks whether its turn is still wanted, and reads the version a run distributes. Not for
 * people: it takes only calls that carry a server's cluster claim, and readonly users may call none of it. People use
 * {@link ClusterMXBean}.
 */
@Description("Calls between servers; not for people (use ripple:type=Cluster). Replicas report and check their turns here")
public interface ClusterProtocolMXBean {

    String OBJECT_NAME = "ripple:type=ClusterProtocol";

    @Description("A replica's report that its part of a run is done (step 6); refused, changing nothing, for a run other "
            + "than the one in progress or the latest, a server not in Replicas, or another outcome")
    void replicaCompleted(@Description("The run id the replica was asked for: 1 to 64 letters, digits, '.', '_' or '-'") String runId,
                          @Description("The replica's name") String replica,
                          @Description("RESTARTED, UP_TO_DATE or FAILED") String outcome,
                          @Description("A line on the outcome: the error, or what changed") String detail);

    @Description("Whether a replica's turn in a run is still wanted: true only while that run is in progress and the "
            + "master still waits for that replica. A replica asks before it restarts, so that nothing from an ended run acts")
    boolean confirmTurn(@Description("The run id the replica was asked for") String runId,
                        @Description("The replica's name") String replica);

    @Description("The configuration version a run distributes; the latest published version for an unknown run")
    long runVersion(@Description("The run id: 1 to 64 letters, digits, '.', '_' or '-'") String runId);
}
