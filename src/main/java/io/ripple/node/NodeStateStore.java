package io.ripple.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.config.AtomicFiles;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a server's {@link NodeState} in its data-dir, in two files: the synced state (with the manifest of every file a
 * sync placed, which may be large), written atomically, and the record of the last run (small, a line appended on every
 * step and progress line of a run, see {@link RunRecordLog}). A save writes only the file whose part changed, so a
 * run's progress never rewrites the manifest.
 */
public final class NodeStateStore {

    private static final ObjectMapper JSON = JsonMappers.files();

    /** The synced state in the data-dir; an earlier release kept the last run in it too. */
    public static final String FILE_NAME = "node-state.json";
    /**
     * The last run's record of an earlier release, in the data-dir; when present it is newer than the run fields of
     * {@link #FILE_NAME}, and {@link RunRecordLog#FILE_NAME} is newer than both.
     */
    public static final String RUN_FILE_NAME = "node-run.json";

    /** The part of {@link NodeState} that {@link #RUN_FILE_NAME} holds. */
    private record LastRun(String lastRunId, String lastRunOutcome, String lastRunDetail) {
        static LastRun of(NodeState state) {
            return new LastRun(state.lastRunId(), state.lastRunOutcome(), state.lastRunDetail());
        }
    }

    private final Path file;
    private final Path earlierRunFile;
    private final RunRecordLog runLog;
    /** The run record last forced to disk (or read from it): a change of its run or outcome is always forced. */
    private LastRun durableRun;
    private NodeState state;

    public NodeStateStore(Path dataDir) throws IOException {
        this.file = dataDir.resolve(FILE_NAME);
        this.earlierRunFile = dataDir.resolve(RUN_FILE_NAME);
        this.runLog = new RunRecordLog(dataDir);
        NodeState synced = Files.exists(file) ? JSON.readValue(file.toFile(), NodeState.class) : NodeState.EMPTY;
        Optional<RunRecordLog.Entry> logged = runLog.read();
        if (logged.isPresent()) {
            synced = synced.withRun(logged.get().lastRunId(), logged.get().lastRunOutcome(), logged.get().lastRunDetail());
        } else if (Files.exists(earlierRunFile)) {
            LastRun run = JSON.readValue(earlierRunFile.toFile(), LastRun.class);
            synced = synced.withRun(run.lastRunId(), run.lastRunOutcome(), run.lastRunDetail());
        }
        this.state = synced;
        this.durableRun = logged.isPresent() ? LastRun.of(synced) : null;
    }

    public synchronized NodeState get() {
        return state;
    }

    /** Makes {@code newState} durable, writing only the file whose part of the state changed. */
    public synchronized void save(NodeState newState) throws IOException {
        save(newState, true);
    }

    /**
     * As {@link #save}, for a progress line of a run: when only the run's detail differs from the record last forced to
     * disk, the new record is written but not forced (the next forced one takes it along). A crash may then leave the
     * record before it, of the same run with the same outcome. Anything else is forced as by {@link #save}.
     */
    public synchronized void saveProgress(NodeState newState) throws IOException {
        save(newState, false);
    }

    private void save(NodeState newState, boolean force) throws IOException {
        LastRun run = LastRun.of(newState);
        if (!run.equals(LastRun.of(state)) || durableRun == null) {
            boolean forced = force || durableRun == null || !sameRunAndOutcome(run, durableRun);
            forced = runLog.append(new RunRecordLog.Entry(run.lastRunId(), run.lastRunOutcome(), run.lastRunDetail()), forced);
            if (durableRun == null) {
                // the log now holds the record: an earlier release's file would only be a second, stale one
                Files.deleteIfExists(earlierRunFile);
            }
            if (forced) {
                durableRun = run;
            }
        }
        if (!sameSynced(newState, state) || !Files.exists(file)) {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(newState));
        }
        state = newState;
    }

    /** How many run records were forced to disk by this store (tests). */
    synchronized long forcedRunRecords() {
        return runLog.forcedRecords();
    }

    private static boolean sameRunAndOutcome(LastRun a, LastRun b) {
        return Objects.equals(a.lastRunId(), b.lastRunId()) && Objects.equals(a.lastRunOutcome(), b.lastRunOutcome());
    }

    private static boolean sameSynced(NodeState a, NodeState b) {
        return a.version() == b.version() && a.timestamp() == b.timestamp() && a.digest().equals(b.digest())
                && a.rules().equals(b.rules()) && a.synced().equals(b.synced())
                && a.masterSeenVersion() == b.masterSeenVersion() && a.masterSeenDigest().equals(b.masterSeenDigest());
    }
}
