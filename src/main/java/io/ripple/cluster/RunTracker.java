package io.ripple.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest run and its event log. Every change goes to the journal, to the log (one line each) and to the
 * listener (notifications); readers get an immutable {@link Run} without waiting for a running restart.
 *
 * <p>Two locks: {@code writing} puts changes in one order (their sequence numbers, the journal's lines and the
 * notifications all follow it) and is held across the slow part, forcing the journal and notifying; {@code memory}
 * guards only the events kept in memory and is held for moments, so {@code eventsAfter} never waits for a disk or a
 * listener. An event is listed once it is in the journal.
 */
public final class RunTracker {

    private static final Logger log = LoggerFactory.getLogger(RunTracker.class);
    /** Events kept in memory for {@code events(afterSequence)}; older ones stay in the journal only. */
    static final int KEPT_EVENTS = 20_000;

    private final RunJournal journal;
    private final String masterName;
    private final Consumer<RunEvent> listener;
    private final Object writing = new Object();
    private final Object memory = new Object();
    /** Guarded by {@code memory}. */
    private final Deque<RunEvent> events = new ArrayDeque<>();
    private volatile Run current;
    /** Guarded by {@code writing}; volatile for {@link #nextRunId}, which reads it without the lock. */
    private volatile long sequence;

    /** What a replica says of its last run: its {@code LastRunId}, {@code LastRunOutcome} and {@code LastRunDetail}. */
    public record LastRun(String runId, String outcome, String detail) {
        /** The outcome of a run the replica is still at work on. */
        public static final String IN_PROGRESS = "IN_PROGRESS";
    }

    /** Asks replicas about a run; replicas that did not answer are absent from the result. */
    @FunctionalInterface
    public interface LastRuns {
        Map<String, LastRun> read(String runId, List<String> replicas);

        /** For a master that asks no one: every unfinished row of an interrupted run stays "interrupted". */
        LastRuns NONE = (runId, replicas) -> Map.of();
    }

    public RunTracker(RunJournal journal, String masterName, Consumer<RunEvent> listener) throws IOException {
        this(journal, masterName, listener, LastRuns.NONE);
    }

    /**
     * @param lastRuns asked, when the journal shows a run in progress that the master's restart did not finish, what
     *                 the replicas at work really did, before the run ends INTERRUPTED
     */
    public RunTracker(RunJournal journal, String masterName, Consumer<RunEvent> listener, LastRuns lastRuns) throws IOException {
        this.journal = journal;
        this.masterName = masterName;
        this.listener = listener;
        List<RunEvent> past = journal.readAll();
        for (RunEvent e : past) {
            remember(e);
            sequence = Math.max(sequence, e.seq());
        }
        current = RunReplay.lastRun(past).orElse(null);
        if (current != null && current.inProgress()) {
            concludeAfterRestart(RunReplay.endsWithMasterRestart(past, current.runId()), lastRuns);
        }
    }

    /**
     * A run the journal shows in progress at start: finished by the master's own restart, or cut short. Cut short, each
     * replica the run had asked says what it did; a row it finished takes that outcome, the rest are "interrupted".
     */
    private void concludeAfterRestart(boolean masterWasRestarting, LastRuns lastRuns) throws IOException {
        long now = System.currentTimeMillis();
        if (masterWasRestarting) {
            long version = current.version();
            updateRow(masterName, r -> r.to(RowState.RESTARTED, "restarted itself last", now).withVersions(-1, version));
            end(RunState.COMPLETED, io.ripple.ClusterMXBean.MESSAGE_RESTARTED);
            return;
        }
        List<String> asked = current.servers().stream()
                .filter(r -> !r.state().isFinal() && "replica".equals(r.role()))
                .map(ServerRow::name).toList();
        Map<String, LastRun> told = asked.isEmpty() ? Map.of() : lastRuns.read(current.runId(), asked);
        for (ServerRow row : current.servers()) {
            if (!row.state().isFinal()) {
                ServerRow after = InterruptedRow.conclude(row, current.runId(), current.version(), told.get(row.name()), now);
                updateRow(row.name(), r -> after);
            }
        }
        end(RunState.INTERRUPTED, "The cluster restart was interrupted: the master stopped during run " + current.runId() + ".");
    }

    Run current() {
        return current;
    }

    Run start(Run run) throws IOException {
        synchronized (writing) {
            current = run;
            record(RunEvent.started(run, masterName), true);
            log.info(MessageId.RUN_STARTED.line("Run {}: started ({}, version {}, requested by {})"), run.runId(), run.mode(), run.version(), run.requestedBy());
            return run;
        }
    }

    /** Applies a change to one row of the run in progress; records it when its state or detail changed. */
    Run updateRow(String server, UnaryOperator<ServerRow> change) throws IOException {
        synchronized (writing) {
            return updateRowInOrder(server, change);
        }
    }

    /**
     * As {@link #updateRow(String, UnaryOperator)} when {@code runId} is the latest run: checked in the same order as
     * the change, so that a run that ends, and the next that starts, between the check and the change never takes it.
     */
    Run updateRow(String runId, String server, UnaryOperator<ServerRow> change) throws IOException {
        synchronized (writing) {
            return current.runId().equals(runId) ? updateRowInOrder(server, change) : current;
        }
    }

    private Run updateRowInOrder(String server, UnaryOperator<ServerRow> change) throws IOException {
        Run run = current;
        Optional<ServerRow> before = run.row(server);
        if (before.isEmpty()) {
            throw new IllegalArgumentException("unknown server '" + server + "' in run " + run.runId());
        }
        if (!run.inProgress()) {
            return run; // an answer that arrives after the run's end is recorded belongs to no run: the status stays as it ended
        }
        ServerRow after = change.apply(before.get());
        if (after.equals(before.get())) {
            return run;
        }
        current = run.withRow(after);
        boolean visible = after.state() != before.get().state() || !after.detail().equals(before.get().detail());
        if (visible) {
            // Rows are not forced to disk: a crash ends the run INTERRUPTED anyway, and staleness is decided by digests.
            record(RunEvent.row(run.runId(), after), false);
            log.info(MessageId.RUN_SERVER_STATE.line("Run {}: {} {}{}"), run.runId(), server, after.state(), after.detail().isEmpty() ? "" : " (" + after.detail() + ")");
        }
        return current;
    }

    void masterRestarting() throws IOException {
        synchronized (writing) {
            record(RunEvent.masterRestarting(current.runId(), masterName), true);
        }
    }

    Run end(RunState state, String message) throws IOException {
        synchronized (writing) {
            current = current.ended(state, message, System.currentTimeMillis());
            record(RunEvent.ended(current), true);
            log.info(MessageId.RUN_ENDED.line("Run {}: {} - {}"), current.runId(), state, StatusIds.of(state).line(message));
            return current;
        }
    }

    /** Called holding {@code writing}; takes {@code memory} only to list the event. */
    private void record(RunEvent event, boolean durable) throws IOException {
        RunEvent numbered = event.numbered(++sequence, Times.iso(System.currentTimeMillis()));
        journal.append(numbered, durable);
        synchronized (memory) {
            remember(numbered);
        }
        try {
            listener.accept(numbered);
        } catch (RuntimeException e) {
            log.warn("Notification of event {} failed: {}", numbered.seq(), e.toString());
        }
    }

    private void remember(RunEvent e) {
        events.addLast(e);
        if (events.size() > KEPT_EVENTS) {
            events.removeFirst();
        }
    }

    /** The events after a sequence number, as the JSON list {@code events(afterSequence)} returns. */
    String eventsAfter(long afterSequence) {
        List<RunEvent> after = new ArrayList<>();
        synchronized (memory) {
            for (RunEvent e : events) {
                if (e.seq() > afterSequence) {
                    after.add(e);
                }
            }
        }
        try {
            return RunJournal.JSON.writeValueAsString(after);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write events as JSON", e);
        }
    }

    /** Run ids that ended COMPLETED, by the version they distributed (from the events kept in memory). */
    java.util.Map<Long, java.util.List<String>> completedRunsByVersion() {
        List<RunEvent> kept;
        synchronized (memory) {
            kept = new ArrayList<>(events);
        }
        java.util.Map<String, Long> versions = new java.util.HashMap<>();
        java.util.Map<Long, java.util.List<String>> byVersion = new java.util.TreeMap<>();
        for (RunEvent e : kept) {
            if (RunEvent.RUN.equals(e.kind()) && e.version() != null) {
                versions.put(e.runId(), e.version());
            } else if (RunEvent.END.equals(e.kind()) && RunState.COMPLETED.name().equals(e.state()) && versions.containsKey(e.runId())) {
                byVersion.computeIfAbsent(versions.get(e.runId()), v -> new java.util.ArrayList<>()).add(e.runId());
            }
        }
        return byVersion;
    }

    String nextRunId() {
        Run run = current;
        if (run == null) {
            return "1";
        }
        try {
            return Long.toString(Long.parseLong(run.runId()) + 1);
        } catch (NumberFormatException e) {
            return Long.toString(sequence + 1);
        }
    }
}
