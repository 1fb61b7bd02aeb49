package io.ripple.node;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps a server's {@link NodeState} in its data-dir, written atomically. */
public final class NodeStateStore {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file in the data-dir. */
    public static final String FILE_NAME = "node-state.json";

    private final Path file;
    private NodeState state;

    public NodeStateStore(Path dataDir) throws IOException {
        this.file = dataDir.resolve(FILE_NAME);
        this.state = Files.exists(file) ? JSON.readValue(file.toFile(), NodeState.class) : NodeState.EMPTY;
    }

    public synchronized NodeState get() {
        return state;
    }

    public synchronized void save(NodeState newState) throws IOException {
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(newState));
        state = newState;
    }
}
