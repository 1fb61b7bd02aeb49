package io.ripple.config;

import static io.ripple.config.TestContents.content;
import static io.ripple.config.TestContents.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a pull stages are forced to disk as they land, while the next reads are on the wire, and every one the
 * apply journal points at is on disk before the journal is written.
 */
class StagedForcesTest {

    private static final int KIB = 1024;

    @TempDir
    Path dir;

    /** Each file forced, and whether an apply journal existed once it was on disk. */
    private final Map<Path, Boolean> forced = new ConcurrentHashMap<>();
    private Path journal;

    @BeforeEach
    void watch() {
        journal = dir.resolve("sync/replica/data/apply-journal.json");
        AtomicFiles.watchForces(file -> forced.put(file.toAbsolutePath().normalize(), Files.exists(journal)));
    }

    @AfterEach
    void stopWatching() {
        AtomicFiles.watchForces(null);
    }


    private boolean isForced(Path objects, ManifestEntry entry) {
        return forced.containsKey(objects.resolve(entry.sha256()).toAbsolutePath().normalize());
    }

    @Test
    void aFileIsForcedWhileTheReadsOfTheFilesAfterItAreOnTheWire() throws Exception {
        Path objects = Files.createDirectories(dir.resolve("objects"));
        byte[] small1 = content(100 * KIB, 1);
        byte[] small2 = content(100 * KIB, 2);
        byte[] large = content(2 * ChunkSizer.FIRST_BYTES + 1, 3);
        byte[] last = content(ObjectFetcher.SMALL_FILE_BYTES + 1, 4);
        List<ManifestEntry> before = List.of(entry("small-1", small1), entry("small-2", small2), entry("large", large));
        ManifestEntry lastEntry = entry("last", last);
        List<byte[]> all = List.of(small1, small2, large, last);
        ObjectSource source = (sha, offset, length) -> {
            if (sha.equals(lastEntry.sha256())) {
                // the answer of the last file waits until the files before it are on disk
                await("the files before the last one forced while it is read").atMost(10, TimeUnit.SECONDS)
                        .pollInterval(java.time.Duration.ofMillis(5))
                        .until(() -> before.stream().allMatch(e -> isForced(objects, e)));
            }
            byte[] c = all.stream().filter(b -> Hashing.sha256Hex(b).equals(sha)).findFirst().orElseThrow();
            return Arrays.copyOfRange(c, (int) offset, (int) Math.min(c.length, offset + length));
        };
        List<ManifestEntry> entries = new ArrayList<>(before);
        entries.add(lastEntry);

        new ObjectFetcher(objects).fetchAll(entries, source, ObjectFetcher.Pulled.UNCOUNTED);

        assertThat(entries).allMatch(e -> isForced(objects, e), "forced when the pull returns");
        assertThat(Files.readAllBytes(objects.resolve(lastEntry.sha256()))).isEqualTo(last);
    }

    @Test
    void everyFileOfAPullIsOnDiskWhenItReturnsAnEmptyOneAndOneFetchedAgainToo() throws Exception {
        Path objects = Files.createDirectories(dir.resolve("objects"));
        byte[] small = content(1000, 5);
        byte[] large = content(3 * ChunkSizer.FIRST_BYTES, 6);
        byte[] corruptedOnce = content(ObjectFetcher.SMALL_FILE_BYTES + 10, 7);
        byte[] empty = new byte[0];
        List<byte[]> all = List.of(small, large, corruptedOnce, empty);
        ManifestEntry bad = entry("corrupted-once", corruptedOnce);
        Set<String> spoiled = ConcurrentHashMap.newKeySet();
        ObjectSource source = (sha, offset, length) -> {
            byte[] c = all.stream().filter(b -> Hashing.sha256Hex(b).equals(sha)).findFirst().orElseThrow();
            byte[] chunk = Arrays.copyOfRange(c, (int) offset, (int) Math.min(c.length, offset + length));
            if (sha.equals(bad.sha256()) && spoiled.add(sha)) {
                chunk[0] ^= 1;
            }
            return chunk;
        };
        List<ManifestEntry> entries = List.of(entry("small", small), entry("large", large), bad, entry("empty", empty));

        new ObjectFetcher(objects).fetchAll(entries, source, ObjectFetcher.Pulled.UNCOUNTED);

        assertThat(entries).allMatch(e -> isForced(objects, e), "forced when the pull returns");
        assertThat(Files.readAllBytes(objects.resolve(bad.sha256()))).isEqualTo(corruptedOnce);
    }

    /** A replica and a master as ConfigSyncTest has them, with a large file among the changed ones. */
    private ConfigSyncTest folders() throws IOException {
        ConfigSyncTest f = new ConfigSyncTest();
        f.root = Files.createDirectories(dir.resolve("sync"));
        f.folders();
        ConfigSyncTest.write(f.master, "junctions/large.json", content(2 * ChunkSizer.FIRST_BYTES + 7, 8));
        return f;
    }

    @Test
    void everyFileTheApplyJournalPointsAtWasOnDiskBeforeTheJournalWasWritten() throws Exception {
        ConfigSyncTest f = folders();
        PublishedVersion v1 = f.publish();

        SyncResult result = f.sync(v1, 0);

        assertThat(result.changed()).contains("server.conf", "banner.txt", "junctions/app.json", "junctions/large.json");
        ApplyJournal applied = ApplyJournal.read(f.replicaData.resolve(ConfigSync.LAST_APPLY_FILE)).orElseThrow();
        Path staging = f.replicaData.resolve("staging").toAbsolutePath().normalize();
        List<Path> pointedAt = applied.operations().stream().filter(op -> op.staged() != null)
                .map(op -> staging.resolve(op.staged()).normalize()).distinct().toList();
        assertThat(pointedAt).hasSize(5); // the merged server.conf and four files
        for (Path file : pointedAt) {
            assertThat(forced).as("forced: " + file).containsEntry(file, false);
        }
    }

    @Test
    void aStagedFileThatCannotBeForcedStopsTheSyncBeforeItsJournalAndNothingIsApplied() throws Exception {
        ConfigSyncTest f = folders();
        PublishedVersion v1 = f.publish();
        String large = ConfigSyncTest.sha(v1, "junctions/large.json");
        Map<String, String> before = ConfigSyncTest.contents(f.replica, false);
        AtomicFiles.watchForces(file -> {
            if (file.getFileName().toString().equals(large)) {
                throw new IOException("Input/output error");
            }
        });

        Throwable thrown = catchThrowable(() -> f.sync(v1, 0));

        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("Input/output error")
                .hasMessageEndingWith("Nothing was applied.");
        assertThat(ConfigSyncTest.contents(f.replica, false)).isEqualTo(before);
        f.assertNoLeftovers();
    }

    @Test
    void aScanLentByTheTurnIsTakenAgainWhenAnApplyThatStoppedMidwayIsFinishedFirst() throws Exception {
        ConfigSyncTest f = folders();
        PublishedVersion v1 = f.publish();
        f.sync(v1, 0);
        ScannedDatabase lent = new ConfigScanner(f.replicaConf, f.replicaData).scan();
        ConfigSyncTest.write(f.master, "banner.txt", "New banner\n");
        PublishedVersion v2 = f.publish();
        // a folder where the apply must put banner.txt: it stops there with its journal written, as a kill -9 would
        Files.delete(f.replica.resolve("banner.txt"));
        ConfigSyncTest.write(f.replica, "banner.txt/in-the-way", "x\n");
        ConfigSync dying = new ConfigSync(f.replicaConf, f.replicaData, SyncLimits.DEFAULT, ConfigSync.DEFAULT_KEEP_BACKUPS, false);
        assertThat(catchThrowable(() -> f.syncWith(dying, v2, v1.version(), f.store::readObject))).isInstanceOf(IOException.class);
        assertThat(f.replicaData.resolve("apply-journal.json")).exists();
        Files.delete(f.replica.resolve("banner.txt/in-the-way"));
        Files.delete(f.replica.resolve("banner.txt"));
        List<Path> scans = new ArrayList<>();
        ConfigScanner.watchScans(scans::add);
        SyncResult result;
        try {
            result = f.replicaSync().sync(v2, v1.version(), f.placed, f.store::readObject, PullProgress.NONE, lent);
        } finally {
            ConfigScanner.watchScans(null);
        }

        assertThat(scans).as("scanned again after the interrupted apply was finished").hasSize(1);
        assertThat(result.anything()).as("the finished apply brought v2 already").isFalse();
        assertThat(Files.readString(f.replica.resolve("banner.txt"), StandardCharsets.UTF_8)).isEqualTo("New banner\n");
        assertThat(f.replicaDigest()).isEqualTo(v2.digest());
    }
}
