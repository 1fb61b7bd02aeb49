package io.ripple.config;

import static io.ripple.config.ConfigSyncTest.MASTER_CONF;
import static io.ripple.config.ConfigSyncTest.REPLICA_CONF;
import static io.ripple.config.ConfigSyncTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ripple.util.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replica whose configuration folder's file system went read-only (as ext4 does after an error). */
class ReadOnlyConfigFolderTest {

    @TempDir
    Path root;

    @Test
    void anApplyThatCannotReplaceItsFirstFileIsUndoneWithoutWritingAnything() throws Exception {
        Path master = root.resolve("master");
        Path masterConf = write(master, "server.conf", MASTER_CONF);
        write(master, "banner.txt", "Welcome\n");
        VersionStore store = new VersionStore(master.resolve("data"));
        PublishedVersion v1 = store.publish(new ConfigScanner(masterConf, master.resolve("data")).scan(), 1L);
        Path replica = root.resolve("replica");
        Path data = root.resolve("replica-data");
        try (SmallDisk disk = SmallDisk.mount(replica, "1m")) {
            Path replicaConf = write(replica, "server.conf", REPLICA_CONF);
            disk.readOnly();
            ConfigSync sync = new ConfigSync(replicaConf, data, SyncLimits.DEFAULT);

            Throwable thrown = catchThrowable(() -> sync.sync(v1, 0, Set.of(), store::readObject));

            assertThat(thrown).hasMessageStartingWith("Applying version 1 failed: " + replicaConf + ": Read-only file system")
                    .hasMessageEndingWith("Version 0 was put back whole: nothing was changed.");
            assertThat(Files.readString(replicaConf)).isEqualTo(REPLICA_CONF);
            // no journal left for the next start to finish the apply on a disk that cannot take it
            assertThat(data.resolve("apply-journal.json")).doesNotExist();
            assertThat(data.resolve("staging")).doesNotExist();
        }
    }
}
