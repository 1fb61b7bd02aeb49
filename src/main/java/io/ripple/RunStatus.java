package io.ripple;

import java.beans.ConstructorProperties;
import java.util.List;

/**
 * The latest cluster restart as the {@code Status} attribute shows it (a composite in JConsole). Times are ISO-8601
 * UTC strings, empty when not reached; versions are -1 when unknown.
 */
public final class RunStatus {

    private final String runId;
    private final String mode;
    private final String state;
    private final String message;
    private final String requestedBy;
    private final String startedAt;
    private final String endedAt;
    private final long version;
    private final String digest;
    private final List<ServerStatus> servers;

    @ConstructorProperties({"runId", "mode", "state", "message", "requestedBy", "startedAt", "endedAt", "version", "digest", "servers"})
    public RunStatus(String runId, String mode, String state, String message, String requestedBy, String startedAt,
                     String endedAt, long version, String digest, List<ServerStatus> servers) {
        this.runId = runId;
        this.mode = mode;
        this.state = state;
        this.message = message;
        this.requestedBy = requestedBy;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.version = version;
        this.digest = digest;
        this.servers = List.copyOf(servers);
    }

    public String getRunId() {
        return runId;
    }

    /** {@code parallel} or {@code ripple}. */
    public String getMode() {
        return mode;
    }

    /** IN_PROGRESS, COMPLETED, FAILED, CANCELLED, INTERRUPTED or REVERTED; empty when no run was requested. */
    public String getState() {
        return state;
    }

    public String getMessage() {
        return message;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public String getEndedAt() {
        return endedAt;
    }

    public long getVersion() {
        return version;
    }

    public String getDigest() {
        return digest;
    }

    /** One row per server: the replicas in their configured order, then the master. */
    public List<ServerStatus> getServers() {
        return servers;
    }
}
