package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.config.ManifestEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStateStoreTest {

    private static final int MANIFEST_FILES = 10_000;

    @TempDir
    Path dataDir;

    private static List<ManifestEntry> manifest(int files) {
        return IntStream.range(0, files)
                .mapToObj(i -> new ManifestEntry("junctions/j" + i + ".json", 100 + i, "%064x".formatted(i)))
                .toList();
    }

    private NodeStateStore synced(int files) throws IOException {
        NodeStateStore store = new NodeStateStore(dataDir);
        store.save(NodeState.EMPTY.withSynced(7, 1_000, "digest-7", manifest(files), "rules"));
        return store;
    }

    private Object fileKey(String name) throws IOException {
        Path file = dataDir.resolve(name);
        return List.of(Files.readAttributes(file, BasicFileAttributes.class).fileKey(), Files.getLastModifiedTime(file));
    }

    @Test
    void aRunRecordDoesNotRewriteTheSyncedManifest() throws IOException {
        NodeStateStore store = synced(MANIFEST_FILES);
        Object before = fileKey(NodeStateStore.FILE_NAME);

        for (int i = 0; i < 50; i++) {
            store.save(store.get().withRun("8", "IN_PROGRESS", "syncing: " + i + " of 50"));
        }

        assertThat(fileKey(NodeStateStore.FILE_NAME)).as("node-state.json untouched").isEqualTo(before);
        assertThat(store.get().lastRunDetail()).isEqualTo("syncing: 49 of 50");
        assertThat(store.get().synced()).hasSize(MANIFEST_FILES);
    }

    @Test
    void aReopenedStoreHasTheSyncedStateAndTheLastRunRecord() throws IOException {
        NodeStateStore store = synced(3);
        store.save(store.get().withRun("8", "IN_PROGRESS", "restarting: waiting for Ready"));

        NodeState reopened = new NodeStateStore(dataDir).get();

        assertThat(reopened).isEqualTo(store.get());
        assertThat(reopened.lastRunDetail()).isEqualTo("restarting: waiting for Ready");
        assertThat(reopened.version()).isEqualTo(7);
    }

    @Test
    void aSyncRewritesTheManifestAndKeepsTheRunRecord() throws IOException {
        NodeStateStore store = synced(3);
        store.save(store.get().withRun("8", "IN_PROGRESS", "syncing"));

        store.save(store.get().withSynced(8, 2_000, "digest-8", manifest(4), "rules"));

        NodeState reopened = new NodeStateStore(dataDir).get();
        assertThat(reopened.version()).isEqualTo(8);
        assertThat(reopened.synced()).hasSize(4);
        assertThat(reopened.lastRunId()).isEqualTo("8");
        assertThat(reopened.lastRunDetail()).isEqualTo("syncing");
    }

    @Test
    void aStateFileOfAnEarlierReleaseKeepsItsRunRecord() throws IOException {
        Files.writeString(dataDir.resolve(NodeStateStore.FILE_NAME), """
                {"version": 5, "timestamp": 10, "digest": "d5", "synced": [], "rules": "r",
                 "lastRunId": "4", "lastRunOutcome": "IN_PROGRESS", "lastRunDetail": "restarting: 1 file changed"}
                """);

        NodeState state = new NodeStateStore(dataDir).get();

        assertThat(state.version()).isEqualTo(5);
        assertThat(state.lastRunId()).isEqualTo("4");
        assertThat(state.lastRunOutcome()).isEqualTo("IN_PROGRESS");
        assertThat(state.lastRunDetail()).isEqualTo("restarting: 1 file changed");
    }

    @Test
    void theLastVersionSeenFromTheMasterIsKeptAndOnlyGoesForward() throws IOException {
        NodeStateStore store = synced(3);
        store.save(store.get().withMasterSeen(8, "digest-8"));
        assertThat(store.get().holdsMasterSeen()).as("holds 7, saw 8").isFalse();

        store.save(store.get().withMasterSeen(6, "digest-6"));
        NodeState reopened = new NodeStateStore(dataDir).get();

        assertThat(reopened.masterSeenVersion()).isEqualTo(8);
        assertThat(reopened.masterSeenDigest()).isEqualTo("digest-8");
        assertThat(reopened.withSynced(8, 2_000, "digest-8", List.of(), "rules").holdsMasterSeen()).isTrue();
        assertThat(NodeState.EMPTY.holdsMasterSeen()).as("nothing seen yet").isTrue();
    }

    @Test
    void aStateOfAnEarlierReleaseReadsWithNothingSeenFromTheMaster() throws IOException {
        Files.writeString(dataDir.resolve(NodeStateStore.FILE_NAME), "{\"version\":3,\"timestamp\":1,\"digest\":\"d\"}");

        NodeState read = new NodeStateStore(dataDir).get();

        assertThat(read.version()).isEqualTo(3);
        assertThat(read.masterSeenVersion()).isZero();
        assertThat(read.masterSeenDigest()).isEmpty();
    }

    @Test
    void aRunRecordOfAnEarlierReleaseIsReadAndReplacedByTheLog() throws IOException {
        synced(3);
        Files.delete(dataDir.resolve(RunRecordLog.FILE_NAME)); // the data-dir as an earlier release left it
        Files.writeString(dataDir.resolve(NodeStateStore.RUN_FILE_NAME),
                "{\"lastRunId\": \"4\", \"lastRunOutcome\": \"IN_PROGRESS\", \"lastRunDetail\": \"restarting\"}");
        NodeStateStore store = new NodeStateStore(dataDir);
        assertThat(store.get().lastRunId()).isEqualTo("4");

        store.save(store.get().withRun("4", "FAILED", "interrupted"));

        assertThat(dataDir.resolve(NodeStateStore.RUN_FILE_NAME)).doesNotExist();
        NodeState reopened = new NodeStateStore(dataDir).get();
        assertThat(reopened.lastRunOutcome()).isEqualTo("FAILED");
        assertThat(reopened.version()).isEqualTo(7);
    }

    @Test
    void aNewRunOrANewOutcomeIsForcedEvenAsProgressAndOnlyADetailIsNot() throws IOException {
        NodeStateStore store = synced(3);
        store.save(store.get().withRun("7", "RESTARTED", "done"));
        long forced = store.forcedRunRecords();

        store.saveProgress(store.get().withRun("8", "IN_PROGRESS", "checking the master's configuration"));
        assertThat(store.forcedRunRecords()).as("the acceptance of a run").isEqualTo(forced + 1);
        store.saveProgress(store.get().withRun("8", "IN_PROGRESS", "syncing: 1 of 2 files"));
        store.saveProgress(store.get().withRun("8", "IN_PROGRESS", "restarting: 1 file changed"));
        assertThat(store.forcedRunRecords()).as("progress lines").isEqualTo(forced + 1);
        store.saveProgress(store.get().withRun("8", "RESTARTED", "1 file changed (40 ms)"));
        assertThat(store.forcedRunRecords()).as("the outcome").isEqualTo(forced + 2);
    }

    /**
     * What a crash can leave of a run's turn: the file cut anywhere after the acceptance was forced (the progress lines
     * after it were not). Recovery must read the run in progress, or its outcome once that is whole.
     */
    @Test
    void aCrashAnywhereInATurnLeavesTheRunInProgressOrItsOutcome() throws IOException {
        NodeStateStore store = synced(3);
        store.save(store.get().withRun("7", "RESTARTED", "done"));
        store.save(store.get().withRun("8", "IN_PROGRESS", "checking the master's configuration"));
        Path log = dataDir.resolve(RunRecordLog.FILE_NAME);
        int accepted = Files.readAllBytes(log).length;
        store.saveProgress(store.get().withRun("8", "IN_PROGRESS", "syncing: 1 of 2 files"));
        store.saveProgress(store.get().withRun("8", "IN_PROGRESS", "restarting: waiting for Ready"));
        store.save(store.get().withRun("8", "RESTARTED", "1 file changed, now version 8 (40 ms)"));
        byte[] whole = Files.readAllBytes(log);

        for (int length = accepted; length <= whole.length; length++) {
            Files.write(log, java.util.Arrays.copyOf(whole, length));
            NodeState read = new NodeStateStore(dataDir).get();
            assertThat(read.lastRunId()).as("cut at %d", length).isEqualTo("8");
            assertThat(read.lastRunOutcome()).as("cut at %d", length).isEqualTo(length == whole.length ? "RESTARTED" : "IN_PROGRESS");
            assertThat(read.version()).isEqualTo(7);
        }
    }
}
