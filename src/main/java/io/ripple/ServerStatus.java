package io.ripple;

import java.beans.ConstructorProperties;

/** One server's row of a cluster restart. */
public final class ServerStatus {

    private final String name;
    private final String role;
    private final String state;
    private final String requestedAt;
    private final String startedAt;
    private final String endedAt;
    private final long versionBefore;
    private final long versionAfter;
    private final String detail;

    @ConstructorProperties({"name", "role", "state", "requestedAt", "startedAt", "endedAt", "versionBefore", "versionAfter", "detail"})
    public ServerStatus(String name, String role, String state, String requestedAt, String startedAt, String endedAt,
                        long versionBefore, long versionAfter, String detail) {
        this.name = name;
        this.role = role;
        this.state = state;
        this.requestedAt = requestedAt;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.versionBefore = versionBefore;
        this.versionAfter = versionAfter;
        this.detail = detail;
    }

    public String getName() {
        return name;
    }

    public String getRole() {
        return role;
    }

    /** PENDING, REQUESTED, CHECKING, SYNCING, RESTARTING, RESTARTED, UP_TO_DATE, FAILED, TIMED_OUT or SKIPPED. */
    public String getState() {
        return state;
    }

    public String getRequestedAt() {
        return requestedAt;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public String getEndedAt() {
        return endedAt;
    }

    public long getVersionBefore() {
        return versionBefore;
    }

    public long getVersionAfter() {
        return versionAfter;
    }

    /** The error, or what changed. */
    public String getDetail() {
        return detail;
    }
}
