package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master restoring an earlier version keeps it only when the check accepts it in place. */
class CheckedRestoreTest {

    @TempDir
    Path root;

    Path master;
    Path conf;
    Path data;
    VersionStore store;
    long clock = 1_700_000_000_000L;

    @BeforeEach
    void folders() throws Exception {
        master = root.resolve("master");
        conf = ConfigSyncTest.write(master, "server.conf", ConfigSyncTest.MASTER_CONF);
        data = master.resolve("data");
        ConfigSyncTest.write(master, "banner.txt", "Welcome to the cluster\n");
        ConfigSyncTest.write(master, "junctions/app.json", ConfigSyncTest.APP);
        store = new VersionStore(data);
    }

    private PublishedVersion publish() throws Exception {
        return store.publish(new ConfigScanner(conf, data).scan(), clock++);
    }

    private ConfigSync sync() {
        return new ConfigSync(conf, data, SyncLimits.DEFAULT);
    }

    @Test
    void aRejectedRestoreIsUndoneAndSaysWhy() throws Exception {
        ConfigSyncTest.write(master, "junctions/broken.json", "not JSON\n");
        PublishedVersion v1 = publish();
        Files.delete(master.resolve("junctions/broken.json"));
        ConfigSyncTest.write(master, "junctions/app.json", ConfigSyncTest.API);
        ConfigSyncTest.write(master, "junctions/new.json", ConfigSyncTest.APP);
        PublishedVersion v2 = publish();
        ConfigSyncTest.write(master, "banner.txt", "edited, not published\n");
        Map<String, String> before = ConfigSyncTest.contents(master, false);

        AtomicReference<String> seen = new AtomicReference<>();
        assertThatThrownBy(() -> sync().restore(v1, v2.version(), store::readObject, () -> {
            seen.set(Files.readString(master.resolve("junctions/broken.json")));
            throw new IllegalArgumentException("Junction file junctions/broken.json is not valid JSON");
        })).isInstanceOf(ConfigException.class)
                .hasMessage("Junction file junctions/broken.json is not valid JSON (the configuration folder was put back as it was)");

        assertThat(seen.get()).as("the check saw the restored folder").isEqualTo("not JSON\n");
        assertThat(ConfigSyncTest.contents(master, false)).isEqualTo(before);
        assertThat(data.resolve("apply-journal.json")).doesNotExist();
        assertThat(data.resolve("staging")).doesNotExist();
    }

    @Test
    void anAcceptedRestoreIsKept() throws Exception {
        PublishedVersion v1 = publish();
        ConfigSyncTest.write(master, "junctions/new.json", ConfigSyncTest.API);
        PublishedVersion v2 = publish();

        sync().restore(v1, v2.version(), store::readObject, () -> { });

        assertThat(master.resolve("junctions/new.json")).doesNotExist();
        assertThat(new ConfigScanner(conf, data).scan().digest()).isEqualTo(v1.digest());
    }
}
