package io.ripple;

import io.ripple.management.Description;

/**
 * The calls that only the master makes to a replica, registered on every replica as {@value #OBJECT_NAME}. Not for
 * people: it takes only calls that carry a server's cluster claim, and readonly users may call none of it. People use
 * {@link ServerMXBean} ({@code syncAndRestart}) and {@link ClusterMXBean}.
 */
@Description("Calls from the master; not for people (use ripple:type=Server or ripple:type=Cluster). The master starts a "
        + "replica's turn of a run here, in one call")
public interface ReplicaProtocolMXBean {

    String OBJECT_NAME = "ripple:type=ReplicaProtocol";

    @Description("A replica's turn of a run, in one call: the request is JSON {runId, deadline, replica, clusterId, master,"
            + " version {version, timestamp, digest, term, files, members}, inline {sha256: base64}} (at most 200 KiB; small"
            + " changed files inline, at most 64 KiB together). The replica checks it by its own rules (its name, its"
            + " cluster, its master, the run id, versions only go forward, its sync limits, every path and every inline"
            + " file's SHA-256), then syncs and restarts in the background as syncAndRestartUntil does, asking the master"
            + " confirmTurn before it restarts. Answers JSON {name, role, clusterId, version, accepted, answer}: who it"
            + " is, the version it held, and whether it took the turn (answer: its refusal when it did not)")
    String takeTurn(@Description("The turn request, JSON as above") String request);
}
