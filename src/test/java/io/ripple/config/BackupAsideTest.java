package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an apply keeps the files it replaces: the original itself under a second name where it can. */
class BackupAsideTest {

    @TempDir
    Path root;

    Path masterConf;
    VersionStore store;
    Path replica;
    ConfigSync sync;

    @BeforeEach
    void folders() throws IOException {
        Path master = root.resolve("master");
        masterConf = ConfigSyncTest.write(master, "server.conf", ConfigSyncTest.MASTER_CONF);
        ConfigSyncTest.write(master, "junctions/app.json", ConfigSyncTest.APP);
        store = new VersionStore(master.resolve("data"));
        replica = root.resolve("replica");
        Path conf = ConfigSyncTest.write(replica, "server.conf", ConfigSyncTest.REPLICA_CONF);
        sync = new ConfigSync(conf, replica.resolve("data"), SyncLimits.DEFAULT);
    }

    PublishedVersion publish() throws Exception {
        return store.publish(new ConfigScanner(masterConf, masterConf.getParent().resolve("data")).scan(), 1_700_000_000_000L);
    }

    @Test
    void aReplacedFileIsKeptAsASecondNameOfTheOriginalWithItsBytesAndMode() throws Exception {
        Path live = ConfigSyncTest.write(replica, "junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://old:1\"}\n");
        Files.setPosixFilePermissions(live, PosixFilePermissions.fromString("rw-------"));
        Object original = Files.readAttributes(live, BasicFileAttributes.class).fileKey();

        SyncResult result = sync.sync(publish(), 0, Set.of(), store::readObject);

        Path backup = result.backupDir().resolve("junctions/app.json");
        assertThat(Files.readAttributes(backup, BasicFileAttributes.class).fileKey()).as("the original file itself").isEqualTo(original);
        assertThat(ConfigSyncTest.read(backup)).isEqualTo("{\"path\": \"/app\", \"backend\": \"http://old:1\"}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        assertThat(ConfigSyncTest.read(live)).isEqualTo(ConfigSyncTest.APP);
        assertThat(Files.readAttributes(live, BasicFileAttributes.class).fileKey()).isNotEqualTo(original);

        // and it goes back from there
        assertThat(sync.undoLastApply(publishedVersion())).isPresent();
        assertThat(ConfigSyncTest.read(live)).isEqualTo("{\"path\": \"/app\", \"backend\": \"http://old:1\"}\n");
    }

    @Test
    void aFileThatIsALinkIsBackedUpAsACopyOfWhatItShowed() throws Exception {
        Path elsewhere = ConfigSyncTest.write(replica, "local/app.json", "{\"path\": \"/app\", \"backend\": \"http://linked:1\"}\n");
        Path live = replica.resolve("junctions/app.json");
        Files.createDirectories(live.getParent());
        Files.createSymbolicLink(live, elsewhere);

        SyncResult result = sync.sync(publish(), 0, Set.of(), store::readObject);

        Path backup = result.backupDir().resolve("junctions/app.json");
        assertThat(Files.isRegularFile(backup, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(ConfigSyncTest.read(backup)).isEqualTo("{\"path\": \"/app\", \"backend\": \"http://linked:1\"}\n");
        assertThat(ConfigSyncTest.read(elsewhere)).as("the linked file is left alone").contains("http://linked:1");
    }

    private long publishedVersion() throws IOException {
        return store.latest().orElseThrow().version();
    }
}
