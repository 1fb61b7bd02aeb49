package io.ripple.cluster;

/**
 * One server's row in a run. Times are epoch milliseconds, 0 when not yet reached; versions are -1 when unknown.
 *
 * @param requestedAt when the master asked the server
 * @param startedAt   when the server was first seen working on the run
 */
public record ServerRow(String name, String role, RowState state, long requestedAt, long startedAt, long endedAt,
                        long versionBefore, long versionAfter, String detail) {

    public static ServerRow pending(String name, String role) {
        return new ServerRow(name, role, RowState.PENDING, 0, 0, 0, -1, -1, "");
    }

    public static ServerRow pending(String name, Role role) {
        return pending(name, role.text());
    }

    /** Whether this row is a server of that role. */
    public boolean is(Role role) {
        return role.is(this.role);
    }

    /** The row in a new state; the first working state stamps startedAt, a final one endedAt. */
    public ServerRow to(RowState newState, String newDetail, long now) {
        long started = startedAt == 0 && newState != RowState.PENDING && newState != RowState.REQUESTED && newState != RowState.SKIPPED
                && !newState.isFailure() ? now : startedAt;
        long requested = requestedAt == 0 && newState == RowState.REQUESTED ? now : requestedAt;
        long ended = newState.isFinal() ? now : endedAt;
        return new ServerRow(name, role, newState, requested, started, ended, versionBefore, versionAfter,
                newDetail == null ? detail : newDetail);
    }

    public ServerRow withVersions(long before, long after) {
        return new ServerRow(name, role, state, requestedAt, startedAt, endedAt, before < 0 ? versionBefore : before,
                after < 0 ? versionAfter : after, detail);
    }
}
