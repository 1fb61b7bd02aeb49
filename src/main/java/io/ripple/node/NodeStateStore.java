package io.ripple.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.config.AtomicFiles;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a server's {@link NodeState} in its data-dir, written atomically, in two files: the synced state (with the
 * manifest of every file a sync placed, which may be large) and the record of the last run (small, rewritten on every
 * step and progress line of a run). A save writes only the file whose part changed, so a run's progress never
 * rewrites the manifest.
 */
public final class NodeStateStore {

    private static final ObjectMapper JSON = JsonMappers.files();

    /** The synced state in the data-dir; an earlier release kept the last run in it too. */
    public static final String FILE_NAME = "node-state.json";
    /** The last run's record in the data-dir; when present it is newer than the run fields of {@link #FILE_NAME}. */
    public static final String RUN_FILE_NAME = "node-run.json";

    /** The part of {@link NodeState} that {@link #RUN_FILE_NAME} holds. */
    private record LastRun(String lastRunId, String lastRunOutcome, String lastRunDetail) {
        static LastRun of(NodeState state) {
            return new LastRun(state.lastRunId(), state.lastRunOutcome(), state.lastRunDetail());
        }
    }

    private final Path file;
    private final Path runFile;
    private NodeState state;

    public NodeStateStore(Path dataDir) throws IOException {
        this.file = dataDir.resolve(FILE_NAME);
        this.runFile = dataDir.resolve(RUN_FILE_NAME);
        NodeState synced = Files.exists(file) ? JSON.readValue(file.toFile(), NodeState.class) : NodeState.EMPTY;
        if (Files.exists(runFile)) {
            LastRun run = JSON.readValue(runFile.toFile(), LastRun.class);
            synced = synced.withRun(run.lastRunId(), run.lastRunOutcome(), run.lastRunDetail());
        }
        this.state = synced;
    }

    public synchronized NodeState get() {
        return state;
    }

    /** Makes {@code newState} durable, writing only the file whose part of the state changed. */
    public synchronized void save(NodeState newState) throws IOException {
        LastRun run = LastRun.of(newState);
        if (!run.equals(LastRun.of(state)) || !Files.exists(runFile)) {
            AtomicFiles.write(runFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(run));
        }
        if (!sameSynced(newState, state) || !Files.exists(file)) {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(newState));
        }
        state = newState;
    }

    private static boolean sameSynced(NodeState a, NodeState b) {
        return a.version() == b.version() && a.timestamp() == b.timestamp() && a.digest().equals(b.digest())
                && a.rules().equals(b.rules()) && a.synced().equals(b.synced())
                && a.masterSeenVersion() == b.masterSeenVersion() && a.masterSeenDigest().equals(b.masterSeenDigest());
    }
}
