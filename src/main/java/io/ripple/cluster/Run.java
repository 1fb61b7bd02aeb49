package io.ripple.cluster;

import java.util.List;
import java.util.Optional;

/**
 * An immutable picture of a run: who asked, how, which version, and one row per server (the replicas in their
 * configured order, then the master).
 */
public record Run(String runId, String mode, RunState state, String message, String requestedBy, long startedAt,
                  long endedAt, long version, String digest, List<ServerRow> servers) {

    public Run {
        servers = List.copyOf(servers);
    }

    public Optional<ServerRow> row(String name) {
        return servers.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Run withRow(ServerRow row) {
        return new Run(runId, mode, state, message, requestedBy, startedAt, endedAt, version, digest,
                servers.stream().map(r -> r.name().equals(row.name()) ? row : r).toList());
    }

    public Run ended(RunState newState, String newMessage, long now) {
        return new Run(runId, mode, newState, newMessage, requestedBy, startedAt, now, version, digest, servers);
    }

    public boolean inProgress() {
        return state == RunState.IN_PROGRESS;
    }

    public List<String> failedServers() {
        return servers.stream().filter(r -> r.state().isFailure()).map(ServerRow::name).toList();
    }
}
