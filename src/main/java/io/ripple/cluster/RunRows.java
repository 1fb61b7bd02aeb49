package io.ripple.cluster;

import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rows of the run in progress as the {@link RunTracker} keeps them: what the engine reads of them and changes. */
final class RunRows {

    private static final Logger log = LoggerFactory.getLogger(RunRows.class);

    private final RunTracker tracker;
    private final LongSupplier clock;

    RunRows(RunTracker tracker, LongSupplier clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    long now() {
        return clock.getAsLong();
    }

    Run current() {
        return tracker.current();
    }

    RunTracker tracker() {
        return tracker;
    }

    /** Changes one row of {@code run}; nothing when the tracker has moved on to another run. */
    void update(ActiveRun run, String server, UnaryOperator<ServerRow> change) {
        try {
            tracker.updateRow(run.runId, server, change);
        } catch (IOException e) {
            log.error(MessageId.RUN_JOURNAL_FAILED.line("Cannot write the run journal: {}"), e.getMessage());
        }
    }

    /** Moves a row to {@code state} with {@code detail}, stamped now. */
    void move(ActiveRun run, String server, RowState state, String detail) {
        update(run, server, r -> r.to(state, detail, now()));
    }

    RowState state(String server) {
        return tracker.current().row(server).map(ServerRow::state).orElse(RowState.PENDING);
    }

    boolean ended(String server) {
        return state(server).isFinal();
    }

    boolean active(String server) {
        return state(server).isActive();
    }

    boolean replicasDone() {
        return replicas().allMatch(r -> r.state().isFinal());
    }

    boolean anyPending() {
        return replicas().anyMatch(r -> r.state() == RowState.PENDING);
    }

    /** Ends every replica's row that was never asked: SKIPPED, with why. */
    void skipPending(ActiveRun run, String reason) {
        replicas().filter(r -> r.state() == RowState.PENDING).map(ServerRow::name).toList()
                .forEach(name -> update(run, name, r -> r.state() == RowState.PENDING ? r.to(RowState.SKIPPED, reason, now()) : r));
    }

    List<String> failed() {
        return tracker.current().failedServers();
    }

    /** The replicas that restarted into {@code version}: what a revert pass puts back. */
    List<String> movedTo(long version) {
        return replicas().filter(r -> r.state() == RowState.RESTARTED && r.versionAfter() == version)
                .map(ServerRow::name).toList();
    }

    private java.util.stream.Stream<ServerRow> replicas() {
        return tracker.current().servers().stream().filter(r -> r.is(Role.REPLICA));
    }
}
