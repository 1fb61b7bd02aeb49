package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica's turn leaves its old backup folders to be pruned after its outcome ({@link ConfigSync#pruningLater()});
 * every other sync prunes them right after its apply, as before.
 */
class BackupsPrunedLaterTest {

    @TempDir
    Path dir;

    private ConfigSyncTest f;

    @BeforeEach
    void folders() throws IOException {
        f = new ConfigSyncTest();
        f.root = dir;
        f.folders();
    }

    /** Publishes a new version on the master (a new banner each time) and syncs the replica to it with {@code sync}. */
    private void nextVersion(ConfigSync sync, int n, long localVersion) throws Exception {
        ConfigSyncTest.write(f.master, "banner.txt", "Banner " + n + "\n");
        PublishedVersion version = f.publish();
        f.syncWith(sync, version, localVersion, f.store::readObject);
    }

    private List<String> backupFolders() throws IOException {
        try (Stream<Path> folders = Files.list(f.replicaData.resolve("backups"))) {
            return folders.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSyncPruningLaterKeepsEveryBackupUntilAskedThenTheNewest() throws Exception {
        ConfigSync sync = f.replicaSync().keepingBackups(2).pruningLater();
        for (int n = 1; n <= 3; n++) {
            nextVersion(sync, n, n - 1);
        }

        assertThat(backupFolders()).containsExactly("0", "1", "2");
        sync.pruneBackups();
        assertThat(backupFolders()).containsExactly("1", "2");
    }

    @Test
    void aPruneLeftForLaterKeepsTheLastApplysFolderAndOnlyOnce() throws Exception {
        ConfigSync sync = f.replicaSync().keepingBackups(1).pruningLater();
        nextVersion(sync, 1, 0);
        nextVersion(sync, 2, 1);

        sync.pruneBackups();
        assertThat(backupFolders()).containsExactly("1");

        Files.createDirectories(f.replicaData.resolve("backups/0"));
        sync.pruneBackups();
        assertThat(backupFolders()).as("nothing left owed").containsExactly("0", "1");
    }

    @Test
    void everyOtherSyncPrunesRightAfterItsApply() throws Exception {
        ConfigSync sync = f.replicaSync().keepingBackups(2);
        for (int n = 1; n <= 3; n++) {
            nextVersion(sync, n, n - 1);
        }

        assertThat(backupFolders()).containsExactly("1", "2");
    }
}
