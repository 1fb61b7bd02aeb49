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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syncs onto a replica whose configuration and data-dir share a small disk that fills for real. */
class FullDiskSyncTest {

    @TempDir
    Path root;
    private VersionStore store;

    @Test
    void filesThatShareTheirContentAreCountedOncePerPathBeforeAnythingIsFetched() throws Exception {
        String shared = "x".repeat(180 * 1024);
        PublishedVersion v1 = publish(master -> {
            for (int i = 1; i <= 5; i++) {
                write(master, "junctions/same-" + i + ".json", shared); // one object, five files on the replica
            }
        });
        Path replica = root.resolve("replica");
        try (SmallDisk disk = SmallDisk.mount(replica, "1m")) {
            // five copies of 180 KiB do not fit in 1 MiB beside the staged object: refused before the pull, not undone after
            assertRefusedBeforeThePull(v1, replica, replica.resolve("data"), replica.resolve("data"));
        }
    }

    @Test
    void manySmallFilesAreCountedByTheBlocksTheyTakeBeforeAnythingIsFetched() throws Exception {
        PublishedVersion v1 = publish(master -> {
            for (int i = 1; i <= 600; i++) {
                write(master, "junctions/j" + i + ".json", "{\"path\": \"/j" + i + "\"}\n"); // a few bytes, a block each on disk
            }
        });
        Path replica = root.resolve("replica");
        try (SmallDisk disk = SmallDisk.mount(replica, "2m")) {
            assertRefusedBeforeThePull(v1, replica, replica.resolve("data"), replica.resolve("data"));
        }
    }

    @Test
    void aConfigurationFolderOnAnotherDiskIsCheckedForTheFilesItReceives() throws Exception {
        PublishedVersion v1 = publish(master -> write(master, "junctions/large.json", "x".repeat(600 * 1024)));
        Path replica = root.resolve("replica");
        Path data = root.resolve("replica-data"); // on the large disk: only the configuration folder is small
        try (SmallDisk disk = SmallDisk.mount(replica, "512k")) {
            assertRefusedBeforeThePull(v1, replica, data, replica);
        }
    }

    /** The master's first published version: its server.conf, a banner and the files {@code files} writes. */
    private PublishedVersion publish(FilesWriter files) throws Exception {
        Path master = root.resolve("master");
        Path masterConf = write(master, "server.conf", MASTER_CONF);
        write(master, "banner.txt", "Welcome\n");
        files.write(master);
        store = new VersionStore(master.resolve("data"));
        return store.publish(new ConfigScanner(masterConf, master.resolve("data")).scan(), 1L);
    }

    /** A sync of {@code v1} onto the replica is refused for the space of {@code full} before any file but the entries is fetched. */
    private void assertRefusedBeforeThePull(PublishedVersion v1, Path replica, Path data, Path full) throws Exception {
        Path replicaConf = write(replica, "server.conf", REPLICA_CONF);
        ConfigSync sync = new ConfigSync(replicaConf, data, SyncLimits.DEFAULT);
        AtomicLong fetched = new AtomicLong();
        ObjectSource counting = (sha, offset, length) -> {
            byte[] chunk = store.readObject(sha, offset, length);
            fetched.addAndGet(chunk.length);
            return chunk;
        };

        Throwable thrown = catchThrowable(() -> sync.sync(v1, 0, Set.of(), counting));

        assertThat(thrown).hasMessageContaining("RPL2004E Not enough space for version 1 in " + full);
        assertThat(fetched.get()).as("bytes fetched").isEqualTo(v1.entry(ReplicatedEntries.PATH).orElseThrow().size());
        assertThat(replica.resolve("junctions")).doesNotExist();
    }

    private interface FilesWriter {
        void write(Path master) throws Exception;
    }
}
