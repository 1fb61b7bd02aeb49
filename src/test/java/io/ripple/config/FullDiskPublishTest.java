package io.ripple.config;

import static io.ripple.config.ConfigSyncTest.MASTER_CONF;
import static io.ripple.config.ConfigSyncTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ripple.util.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master whose data-dir is a small disk that fills for real while it publishes. */
class FullDiskPublishTest {

    @TempDir
    Path root;

    @Test
    void aPublishThatFillsTheDiskNamesTheFileAndKeepsTheLatestVersion() throws Exception {
        Path master = root.resolve("master");
        Path conf = write(master, "server.conf", MASTER_CONF);
        Path data = master.resolve("data");
        write(master, "banner.txt", "Welcome\n");
        write(master, "junctions/a.json", "a".repeat(300 * 1024));
        try (SmallDisk disk = SmallDisk.mount(data, "512k")) {
            VersionStore store = new VersionStore(data);
            PublishedVersion v1 = store.publish(new ConfigScanner(conf, data).scan(), 1L);
            write(master, "junctions/b.json", "b".repeat(300 * 1024)); // 300 KiB more do not fit beside the first

            Throwable thrown = catchThrowable(() -> store.publish(new ConfigScanner(conf, data).scan(), 2L));

            assertThat(thrown).hasMessage("Publishing version 2 in " + data.resolve("store") + " failed storing 'junctions/b.json':"
                    + " No space left on device. Nothing was published: version 1 stays the latest.");
            assertThat(store.latest()).contains(v1);
            try (var left = Files.list(data.resolve("store/tmp"))) {
                assertThat(left).isEmpty();
            }
        }
    }
}
