package io.ripple.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One state change of a run: a line of the journal, an entry of {@code events(afterSequence)}, and the user data of
 * a notification. {@code kind} is {@code run} (started), {@code server} (a row changed), {@code master-restarting}
 * or {@code end}; the other fields are set as the kind needs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(long seq, String time, String kind, String runId,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String server, String state, String detail,
                       String mode, String requestedBy, Long version, String digest, List<String> servers,
                       String master, Long requestedAt, Long startedAt, Long endedAt, Long versionBefore,
                       Long versionAfter) {

    static final String RUN = "run";
    static final String SERVER = "server";
    static final String MASTER_RESTARTING = "master-restarting";
    static final String END = "end";

    static RunEvent started(Run run, String masterName) {
        return new RunEvent(0, null, RUN, run.runId(), null, run.state().name(), run.message(), run.mode(),
                run.requestedBy(), run.version(), run.digest(),
                run.servers().stream().filter(r -> !r.name().equals(masterName)).map(ServerRow::name).toList(),
                masterName, null, run.startedAt(), null, null, null);
    }

    static RunEvent row(String runId, ServerRow row) {
        return new RunEvent(0, null, SERVER, runId, row.name(), row.state().name(), row.detail(), null, null, null,
                null, null, null, row.requestedAt(), row.startedAt(), row.endedAt(), row.versionBefore(),
                row.versionAfter());
    }

    static RunEvent masterRestarting(String runId, String masterName) {
        return new RunEvent(0, null, MASTER_RESTARTING, runId, masterName, RowState.RESTARTING.name(),
                "the master restarts itself last", null, null, null, null, null, null, null, null, null, null, null);
    }

    static RunEvent ended(Run run) {
        return new RunEvent(0, null, END, run.runId(), null, run.state().name(), run.message(), null, null, null,
                null, null, null, null, null, run.endedAt(), null, null);
    }

    RunEvent numbered(long sequence, String isoTime) {
        return new RunEvent(sequence, isoTime, kind, runId, server, state, detail, mode, requestedBy, version, digest,
                servers, master, requestedAt, startedAt, endedAt, versionBefore, versionAfter);
    }
}
