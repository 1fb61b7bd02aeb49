package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.ServerMXBean;
import io.ripple.cluster.TurnRequest;
import io.ripple.config.ConfigScanner;
import io.ripple.config.PullProgress;
import io.ripple.config.StanzaFile;
import io.ripple.config.VersionStore;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.RemoteServer;
import io.ripple.remote.ServerIdentity;
import io.ripple.remote.ServerSnapshot;
import io.ripple.util.SmallDisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica's turn, with its master's published files in memory. It reads and hashes its local files once: the scan
 * that decides whether it holds the master's version is the one its sync compares with, and a read after the apply
 * sees the applied files. It leaves its old backups to be pruned after its outcome; a sync outside a run prunes them
 * at once.
 */
class ReplicaTurnTest {

    private static final String RULES = """
            [cfg-db:entries]
            cluster::* = exclude
            server::* = exclude
            *::* = include

            [cfg-db:files]
            files = junctions/*.json
            files = payload/*.bin
            """;
    private static final int FIVE_MB = 5 * 1024 * 1024;

    @TempDir
    Path dir;

    private Path masterDir;
    private LocalConfiguration masterConfiguration;
    private NodeMasterSide master;
    private Path replicaConf;
    private LocalConfiguration replicaConfiguration;
    private NodeStateStore replicaState;
    private ReplicaSync replica;
    private final AtomicInteger replicaScans = new AtomicInteger();
    private int runs;

    @BeforeEach
    void cluster() throws Exception {
        masterDir = Files.createDirectories(dir.resolve("master"));
        Path masterConf = masterDir.resolve("server.conf");
        Files.writeString(masterConf, "[server]\nname = m\n[cluster]\nis-master = yes\n" + RULES);
        NodeSettings masterSettings = NodeSettings.from(masterConf, StanzaFile.read(masterConf));
        masterConfiguration = new LocalConfiguration(masterSettings, new NodeStateStore(masterSettings.dataDir()));
        master = new NodeMasterSide(masterSettings, masterConfiguration,
                new HostLifecycle(masterSettings, new HostLifecycleDrainTest.IdleHost()), "cluster-1")
                .offering(() -> 1, List::of);

        Path replicaDir = Files.createDirectories(dir.resolve("replica"));
        replicaConf = replicaDir.resolve("server.conf");
        Files.writeString(replicaConf, "[server]\nname = r1\n[cluster]\nis-master = no\nmaster-name = m\n"
                + "master-url = http://127.0.0.1:1/jolokia/\nkeep-backups = 1\n" + RULES);
        NodeSettings replicaSettings = NodeSettings.from(replicaConf, StanzaFile.read(replicaConf));
        replicaState = new NodeStateStore(replicaSettings.dataDir());
        replicaConfiguration = new LocalConfiguration(replicaSettings, replicaState);
        ConnectionCache toMaster = new ConnectionCache(url -> new MasterObjects(url, masterConfiguration, master));
        replica = new ReplicaSync(replicaSettings, replicaState, replicaConfiguration, toMaster);

        Path watched = replicaConf.toAbsolutePath().normalize();
        ConfigScanner.watchScans(file -> {
            if (file.equals(watched)) {
                replicaScans.incrementAndGet();
            }
        });
    }

    @AfterEach
    void stopWatching() {
        ConfigScanner.watchScans(null);
    }

    private long publish(int payloadSeed) throws Exception {
        Files.createDirectories(masterDir.resolve("junctions"));
        Files.writeString(masterDir.resolve("junctions/app.json"), "{\"app\": " + payloadSeed + "}\n");
        Files.createDirectories(masterDir.resolve("payload"));
        byte[] payload = new byte[FIVE_MB];
        new Random(payloadSeed).nextBytes(payload);
        Files.write(masterDir.resolve("payload/large.bin"), payload);
        return masterConfiguration.refresh();
    }

    /** A turn of the version offered as the master offers it, counting the scans of the replica's files. */
    private int scansOfTurnTo(long version) throws Exception {
        TurnRequest.Offer offer = master.turnOffer(version).orElseThrow();
        TurnRequest request = new TurnRequest("run-" + ++runs, System.currentTimeMillis() + 60_000, "r1", "cluster-1", "m",
                offer.version(), offer.inline());
        replicaScans.set(0);
        ReplicaSync.Outcome outcome = replica.syncOffered(request, PullProgress.NONE);
        assertThat(outcome.version()).isEqualTo(version);
        return replicaScans.get();
    }

    @Test
    void aSyncWhoseStateCannotBeRecordedLeavesTheFilesAsTheRecordSays() throws Exception {
        Path data = replicaConf.resolveSibling("data");
        try (SmallDisk disk = SmallDisk.mount(data, "8m")) {
            Files.createDirectories(masterDir.resolve("junctions"));
            for (int i = 0; i < 600; i++) { // a record of 600 files is larger than the room a sync keeps spare
                Files.writeString(masterDir.resolve("junctions/j" + i + ".json"), "{\"j\": " + i + "}\n");
            }
            scansOfTurnTo(masterConfiguration.refresh());
            Files.writeString(masterDir.resolve("junctions/j0.json"), "{\"j\": \"changed\"}\n");
            long first = masterConfiguration.refresh();
            scansOfTurnTo(first); // its kept journal names one file, not 600
            Files.writeString(masterDir.resolve("junctions/j1.json"), "{\"j\": \"changed\"}\n");
            long second = masterConfiguration.refresh();
            // room to record that the master was seen and for what the sync of one file counts; then the backup and
            // the journal kept of the apply take the room a new record of all 600 files needs
            long record = (Files.size(data.resolve(NodeStateStore.FILE_NAME)) / 4096 + 1) * 4096;
            Path filler = data.resolve("filler");
            Files.write(filler, new byte[(int) (Files.getFileStore(data).getUsableSpace() - record)]);

            Throwable thrown = catchThrowable(() -> scansOfTurnTo(second));

            assertThat(new ConfigScanner(replicaConf, data).scan().digest()).as("the files' digest")
                    .isEqualTo(replicaState.get().digest());
            assertThat(replicaState.get().version()).isEqualTo(first);
            assertThat(thrown).hasMessageContaining(data.resolve(NodeStateStore.FILE_NAME).toString())
                    .hasMessageContaining("No space left on device");
            Files.delete(filler);
        }
    }

    @Test
    void aTurnThatAppliesFiveMegabytesScansTheLocalFilesOnce() throws Exception {
        long first = publish(1);
        scansOfTurnTo(first);
        long second = publish(2);

        int scans = scansOfTurnTo(second);

        assertThat(scans).as("scans of the replica's files during a 5 MB turn").isEqualTo(1);
        assertThat(Files.readAllBytes(replicaConf.resolveSibling("payload/large.bin")))
                .isEqualTo(Files.readAllBytes(masterDir.resolve("payload/large.bin")));
        // the turn's scan was of the files before the apply: a read after it scans the applied files
        assertThat(replicaConfiguration.digest()).isEqualTo(masterConfiguration.digest());
        assertThat(replicaConfiguration.driftedFiles()).isEmpty();
        assertThat(replicaConfiguration.manifest()).isEqualTo(masterConfiguration.published().entries());
    }

    @Test
    void aTurnThatFindsTheVersionHeldScansTheLocalFilesOnce() throws Exception {
        long version = publish(1);
        scansOfTurnTo(version);

        int scans = scansOfTurnTo(version);

        assertThat(scans).as("scans of the replica's files during a turn with nothing to apply").isEqualTo(1);
        assertThat(replicaState.get().version()).isEqualTo(version);
    }

    @Test
    void aFileEditedOnTheReplicaIsFoundByTheTurnsOneScanAndPutBack() throws Exception {
        long version = publish(1);
        scansOfTurnTo(version);
        Files.writeString(replicaConf.resolveSibling("junctions/app.json"), "{\"edited\": true}\n");

        int scans = scansOfTurnTo(version);

        assertThat(scans).isEqualTo(1);
        assertThat(Files.readString(replicaConf.resolveSibling("junctions/app.json"))).isEqualTo("{\"app\": 1}\n");
        assertThat(replicaConfiguration.driftedFiles()).isEmpty();
    }

    private List<String> backupFolders() throws IOException {
        Path backups = replicaConf.resolveSibling("data/backups");
        try (Stream<Path> folders = Files.list(backups)) {
            return folders.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTurnLeavesItsOldBackupsToBePrunedAfterItsOutcome() throws Exception {
        scansOfTurnTo(publish(1));
        scansOfTurnTo(publish(2));
        long third = publish(3);
        replica.pruneBackups();
        List<String> before = backupFolders();

        scansOfTurnTo(third);

        assertThat(backupFolders()).as("keep-backups = 1, not pruned yet").hasSize(before.size() + 1).containsAll(before);
        replica.pruneBackups();
        assertThat(backupFolders()).as("the last apply's backup kept").containsExactly("2");
        assertThat(Files.readAllBytes(replicaConf.resolveSibling("data/backups/2/payload/large.bin")))
                .as("the replaced file of version 2").hasSize(FIVE_MB);
    }

    @Test
    void aSyncOutsideARunPrunesTheOldBackupsAtOnce() throws Exception {
        scansOfTurnTo(publish(1));
        scansOfTurnTo(publish(2));
        replica.pruneBackups();
        long third = publish(3);

        replica.syncFromMaster(null);

        assertThat(replicaState.get().version()).isEqualTo(third);
        assertThat(backupFolders()).containsExactly("2");
    }

    /**
     * The master as a replica's sync reads it: who it is, its latest version, and its published files; nothing else of
     * the master is needed.
     */
    private record MasterObjects(String url, LocalConfiguration configuration, NodeMasterSide side) implements RemoteServer {

        VersionStore store() {
            return configuration.store();
        }

        @Override
        public ServerIdentity serverIdentity() {
            return new ServerIdentity("m", "master", "cluster-1");
        }

        @Override
        public byte[] readObject(String sha256, long offset, int length) {
            try {
                return store().readObject(sha256, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<byte[]> readObjects(String[] sha256s) {
            List<byte[]> contents = new ArrayList<>();
            for (String sha : sha256s) {
                try {
                    contents.add(store().readObject(sha, 0, (int) store().objectSize(sha)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return contents;
        }

        @Override
        public ServerMXBean server() {
            throw new UnsupportedOperationException("a turn's pull reads objects only");
        }

        @Override
        public ConfigStoreMXBean configStore() {
            return (ConfigStoreMXBean) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConfigStoreMXBean.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getVersion" -> configuration.version();
                        case "publishedVersion" -> side.turnOffer((Long) args[0]).orElseThrow().version();
                        default -> throw new UnsupportedOperationException(method.getName() + " is not read by a sync");
                    });
        }

        @Override
        public ClusterMXBean cluster() {
            throw new UnsupportedOperationException("a turn's pull reads objects only");
        }

        @Override
        public ClusterProtocolMXBean clusterProtocol() {
            throw new UnsupportedOperationException("a turn's pull reads objects only");
        }

        @Override
        public ServerSnapshot serverSnapshot() {
            throw new UnsupportedOperationException("a turn's pull reads objects only");
        }

        @Override
        public void close() {
        }
    }
}
