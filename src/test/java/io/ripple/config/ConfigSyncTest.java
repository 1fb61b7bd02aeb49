package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSyncTest {

    static final String RULES = """
            [cfg-db:entries]
            cluster::* = exclude
            server::name = exclude
            server::data-dir = exclude
            service::http-port = exclude
            service::local-* = exclude
            *::* = include

            [cfg-db:files]
            files = junctions/*.json
            files = cfg(service::banner-file)
            """;

    static final String MASTER_CONF = """
            # the master
            [server]
            name = master
            data-dir = data

            [service]
            http-port = 8080
            banner-file = banner.txt
            greeting = hello

            [cluster]
            is-master = yes
            replica = replica-1 http://127.0.0.1:8780/jolokia/

            """ + RULES;

    static final String REPLICA_CONF = """
            # replica-1's own file
            [server]
            name = replica-1
            data-dir = data

            [service]
            http-port = 8081
            local-cache = /var/cache/replica-1   # only here
            greeting = stale

            [cluster]
            is-master = no
            master-name = master
            master-url = http://127.0.0.1:8778/jolokia/

            """ + RULES;

    static final String APP = "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9000\"}\n";
    static final String API = "{\"path\": \"/api\", \"backend\": \"http://127.0.0.1:9001\"}\n";

    @TempDir
    Path root;

    Path master;
    Path masterConf;
    Path masterData;
    VersionStore store;
    Path replica;
    Path replicaConf;
    Path replicaData;
    Path elsewhere;
    long clock = 1_700_000_000_000L;
    final java.util.Set<String> placed = new java.util.HashSet<>();

    @BeforeEach
    void folders() throws IOException {
        master = root.resolve("master");
        masterConf = write(master, "server.conf", MASTER_CONF);
        masterData = master.resolve("data");
        write(master, "banner.txt", "Welcome to the cluster\n");
        write(master, "junctions/app.json", APP);
        write(master, "junctions/api.json", API);
        store = new VersionStore(masterData);

        replica = root.resolve("replica");
        replicaConf = write(replica, "server.conf", REPLICA_CONF);
        replicaData = replica.resolve("data");
        write(replica, "junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://old:1\"}\n");
        write(replica, "junctions/old.json", "{\"path\": \"/old\", \"backend\": \"http://old:2\"}\n");
        placed.add("junctions/old.json"); // an earlier sync put it there, so a sync may remove it

        elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    }

    // ---- helpers ----

    static Path write(Path dir, String path, String content) throws IOException {
        return write(dir, path, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String path, byte[] content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    PublishedVersion publish() throws Exception {
        return store.publish(new ConfigScanner(masterConf, masterData).scan(), clock++);
    }

    ConfigSync replicaSync() {
        return replicaSync(SyncLimits.DEFAULT);
    }

    ConfigSync replicaSync(SyncLimits limits) {
        return new ConfigSync(replicaConf, replicaData, limits);
    }

    SyncResult sync(PublishedVersion target, long localVersion) throws Exception {
        return syncWith(replicaSync(), target, localVersion, store::readObject);
    }

    /** As the replica does: the files a sync placed are remembered, and only they may be removed by a later sync. */
    SyncResult syncWith(ConfigSync sync, PublishedVersion target, long localVersion, ObjectSource source) throws Exception {
        SyncResult result = sync.sync(target, localVersion, placed, source);
        placed.clear();
        result.accepted().stream().map(ManifestEntry::path).filter(p -> !p.equals(ReplicatedEntries.PATH)).forEach(placed::add);
        return result;
    }

    String replicaDigest() throws ConfigException {
        return new ConfigScanner(replicaConf, replicaData).scan().digest();
    }

    /** The master's replicated entries are fetched on every sync that changes something: they say what to accept. */
    static long entriesSize(PublishedVersion version) {
        return version.entry(ReplicatedEntries.PATH).orElseThrow().size();
    }

    StanzaFile replicaStanzas() throws ConfigException {
        return StanzaFile.read(replicaConf);
    }

    /** Every regular file of a folder with its bytes; the data-dir left out unless asked for. */
    static Map<String, String> contents(Path dir, boolean withData) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = ConfigPaths.relative(dir, p);
                if ((!withData && rel.startsWith("data")) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                all.put(rel, read(p));
            }
        }
        return all;
    }

    /** Every file and folder of a folder with its modification time. */
    static Map<String, FileTime> mtimes(Path dir) throws IOException {
        Map<String, FileTime> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                all.put(ConfigPaths.relative(dir, p), Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return all;
    }

    void assertNoLeftovers() {
        assertThat(replicaData.resolve("staging")).doesNotExist();
        assertThat(replicaData.resolve("apply-journal.json")).doesNotExist();
    }

    /** Counts what the replica pulls, per object and in total. */
    final class Counting implements ObjectSource {
        final AtomicLong bytes = new AtomicLong();
        final AtomicInteger calls = new AtomicInteger();
        final Map<String, Integer> starts = new HashMap<>();
        final List<Integer> lengths = new ArrayList<>();

        @Override
        public byte[] read(String sha256, long offset, int length) throws IOException {
            calls.incrementAndGet();
            lengths.add(length);
            if (offset == 0) {
                starts.merge(sha256, 1, Integer::sum);
            }
            byte[] chunk = store.readObject(sha256, offset, length);
            bytes.addAndGet(chunk.length);
            return chunk;
        }
    }

    /** Flips a byte of the first chunk of one object for its first {@code badAttempts} fetches. */
    final class Corrupting implements ObjectSource {
        final String sha;
        final int badAttempts;
        final AtomicInteger attempts = new AtomicInteger();

        Corrupting(String sha, int badAttempts) {
            this.sha = sha;
            this.badAttempts = badAttempts;
        }

        @Override
        public byte[] read(String sha256, long offset, int length) throws IOException {
            byte[] chunk = store.readObject(sha256, offset, length);
            if (sha256.equals(sha) && offset == 0 && attempts.incrementAndGet() <= badAttempts) {
                chunk[chunk.length / 2] ^= 0x20;
            }
            return chunk;
        }
    }

    static String sha(PublishedVersion v, String path) {
        return v.entry(path).orElseThrow().sha256();
    }

    // ---- tests ----

    @Nested
    class FirstSync {

        @Test
        void bringsEveryFileAndTheMergedConf() throws Exception {
            PublishedVersion v1 = publish();

            SyncResult result = sync(v1, 0);

            assertThat(result.changed()).containsExactlyInAnyOrder("server.conf", "banner.txt", "junctions/app.json", "junctions/api.json");
            assertThat(result.deleted()).containsExactly("junctions/old.json");
            assertThat(read(replica.resolve("banner.txt"))).isEqualTo("Welcome to the cluster\n");
            assertThat(read(replica.resolve("junctions/app.json"))).isEqualTo(APP);
            assertThat(read(replica.resolve("junctions/api.json"))).isEqualTo(API);
            assertThat(replica.resolve("junctions/old.json")).doesNotExist();
            assertThat(replicaStanzas().values("service", "greeting")).containsExactly("hello");
            assertThat(replicaStanzas().values("service", "banner-file")).containsExactly("banner.txt");
            assertNoLeftovers();
        }

        @Test
        void afterwardsTheReplicasDigestIsTheMasters() throws Exception {
            PublishedVersion v1 = publish();

            sync(v1, 0);

            ScannedDatabase scanned = new ConfigScanner(replicaConf, replicaData).scan();
            assertThat(scanned.digest()).isEqualTo(v1.digest());
            assertThat(scanned.manifest()).containsExactlyInAnyOrderElementsOf(v1.entries());
        }

        @Test
        void theReplicasExcludedEntriesSurvive() throws Exception {
            sync(publish(), 0);

            StanzaFile conf = replicaStanzas();
            assertThat(conf.values("server", "name")).containsExactly("replica-1");
            assertThat(conf.values("server", "data-dir")).containsExactly("data");
            assertThat(conf.values("service", "http-port")).containsExactly("8081");
            assertThat(conf.values("service", "local-cache")).containsExactly("/var/cache/replica-1");
            assertThat(conf.values("cluster", "master-name")).containsExactly("master");
            assertThat(conf.values("cluster", "is-master")).containsExactly("no");
            assertThat(conf.values("cluster", "replica")).isEmpty();
            assertThat(read(replicaConf)).startsWith("# replica-1's own file\n")
                    .contains("local-cache = /var/cache/replica-1   # only here\n");
        }

        @Test
        void keepsWhatItReplacedInBackupsOfTheLocalVersion() throws Exception {
            Map<String, String> before = contents(replica, false);

            SyncResult result = sync(publish(), 0);

            assertThat(result.backupDir()).isEqualTo(replicaData.resolve("backups").resolve("0"));
            assertThat(contents(result.backupDir(), false)).isEqualTo(before);
        }

        @Test
        void aSecondSyncIsUnchangedAndWritesNothing() throws Exception {
            PublishedVersion v1 = publish();
            sync(v1, 0);
            Map<String, FileTime> before = mtimes(replica);
            Counting source = new Counting();

            SyncResult again = syncWith(replicaSync(), v1, v1.version(), source);

            assertThat(again.anything()).isFalse();
            assertThat(again.bytesFetched()).isZero();
            assertThat(source.calls).hasValue(0);
            assertThat(mtimes(replica)).isEqualTo(before);
        }

        @Test
        void aLargeFileComesInBoundedChunks() throws Exception {
            byte[] big = new byte[2 * ConfigSync.CHUNK_BYTES + 12345];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31 + i / 7);
            }
            write(master, "junctions/big.json", big);
            PublishedVersion v1 = publish();
            Counting source = new Counting();

            SyncResult result = syncWith(replicaSync(), v1, 0, source);

            assertThat(Files.readAllBytes(replica.resolve("junctions/big.json"))).isEqualTo(big);
            assertThat(source.lengths).allSatisfy(n -> assertThat(n).isBetween(1, ConfigSync.CHUNK_BYTES));
            assertThat(source.bytes.get()).isEqualTo(v1.totalBytes()).isEqualTo(result.bytesFetched());
            assertThat(replicaDigest()).isEqualTo(v1.digest());
        }

        @Test
        void aSourceThatAnswersInSmallPiecesIsEnough() throws Exception {
            PublishedVersion v1 = publish();

            syncWith(replicaSync(), v1, 0, (sha, offset, length) -> store.readObject(sha, offset, Math.min(length, 7)));

            assertThat(replicaDigest()).isEqualTo(v1.digest());
        }
    }

    @Nested
    class LaterSyncs {

        PublishedVersion v1;

        @BeforeEach
        void synced() throws Exception {
            v1 = publish();
            sync(v1, 0);
        }

        @Test
        void changedAddedAndDeletedFilesAreAppliedFetchingOnlyTheChangedBytes() throws Exception {
            String app2 = "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9100\"}\n";
            String added = "{\"path\": \"/new\", \"backend\": \"http://127.0.0.1:9200\"}\n";
            write(master, "junctions/app.json", app2);
            write(master, "junctions/new.json", added);
            Files.delete(master.resolve("junctions/api.json"));
            PublishedVersion v2 = publish();
            Counting source = new Counting();

            SyncResult result = syncWith(replicaSync(), v2, v1.version(), source);

            assertThat(result.changed()).containsExactlyInAnyOrder("junctions/app.json", "junctions/new.json");
            assertThat(result.deleted()).containsExactly("junctions/api.json");
            assertThat(result.summary()).isEqualTo("2 files changed, 1 deleted");
            long expected = app2.getBytes(StandardCharsets.UTF_8).length + added.getBytes(StandardCharsets.UTF_8).length
                    + entriesSize(v2);
            assertThat(source.bytes.get()).isEqualTo(expected).isEqualTo(result.bytesFetched());
            assertThat(source.starts).containsOnlyKeys(sha(v2, "junctions/app.json"), sha(v2, "junctions/new.json"),
                    sha(v2, ReplicatedEntries.PATH));
            assertThat(read(replica.resolve("junctions/app.json"))).isEqualTo(app2);
            assertThat(read(replica.resolve("junctions/new.json"))).isEqualTo(added);
            assertThat(replica.resolve("junctions/api.json")).doesNotExist();
            assertThat(read(replicaData.resolve("backups/1/junctions/api.json"))).isEqualTo(API);
            assertThat(read(replicaData.resolve("backups/1/junctions/app.json"))).isEqualTo(APP);
            assertThat(replicaDigest()).isEqualTo(v2.digest());
            assertNoLeftovers();
        }

        @Test
        void aChangedEntryRewritesOnlyServerConf() throws Exception {
            Files.writeString(masterConf, MASTER_CONF.replace("greeting = hello", "greeting = bonjour"));
            PublishedVersion v2 = publish();
            Map<String, FileTime> filesBefore = mtimes(replica.resolve("junctions"));
            Counting source = new Counting();

            SyncResult result = syncWith(replicaSync(), v2, v1.version(), source);

            assertThat(result.changed()).containsExactly("server.conf");
            assertThat(source.bytes.get()).isEqualTo(v2.entry(ReplicatedEntries.PATH).orElseThrow().size());
            assertThat(replicaStanzas().values("service", "greeting")).containsExactly("bonjour");
            assertThat(replicaStanzas().values("server", "name")).containsExactly("replica-1");
            assertThat(replicaStanzas().values("service", "http-port")).containsExactly("8081");
            assertThat(replicaStanzas().values("service", "local-cache")).containsExactly("/var/cache/replica-1");
            assertThat(mtimes(replica.resolve("junctions"))).isEqualTo(filesBefore);
            assertThat(read(replicaData.resolve("backups/1/server.conf"))).contains("greeting = hello");
            assertThat(replicaDigest()).isEqualTo(v2.digest());
        }

        @Test
        void aLocallyEditedFileIsReplacedAndItsEditIsKeptInTheBackup() throws Exception {
            String edited = "{\"path\": \"/app\", \"backend\": \"http://edited-by-hand:1\"}\n";
            write(replica, "junctions/app.json", edited);
            Counting source = new Counting();

            SyncResult result = syncWith(replicaSync(), v1, v1.version(), source);

            assertThat(result.changed()).containsExactly("junctions/app.json");
            assertThat(source.bytes.get()).isEqualTo(APP.length() + entriesSize(v1));
            assertThat(read(replica.resolve("junctions/app.json"))).isEqualTo(APP);
            assertThat(result.backupDir()).isEqualTo(replicaData.resolve("backups/1"));
            assertThat(read(replicaData.resolve("backups/1/junctions/app.json"))).isEqualTo(edited);
            assertThat(replicaDigest()).isEqualTo(v1.digest());
        }

        @Test
        void anExistingBackupFolderIsNeverOverwritten() throws Exception {
            write(replicaData, "backups/1/junctions/app.json", "an earlier backup\n");
            write(replica, "junctions/app.json", "edited\n");

            SyncResult result = sync(v1, v1.version());

            assertThat(result.backupDir()).isEqualTo(replicaData.resolve("backups/1.2"));
            assertThat(read(replicaData.resolve("backups/1/junctions/app.json"))).isEqualTo("an earlier backup\n");
            assertThat(read(replicaData.resolve("backups/1.2/junctions/app.json"))).isEqualTo("edited\n");
        }

        @Test
        void oneObjectBehindSeveralPathsIsFetchedOnce() throws Exception {
            write(master, "junctions/copy-1.json", API);
            write(master, "junctions/copy-2.json", API);
            PublishedVersion v2 = publish();
            Counting source = new Counting();

            SyncResult result = syncWith(replicaSync(), v2, v1.version(), source);

            assertThat(result.changed()).containsExactlyInAnyOrder("junctions/copy-1.json", "junctions/copy-2.json");
            assertThat(source.bytes.get()).isEqualTo(API.length() + entriesSize(v2));
            assertThat(read(replica.resolve("junctions/copy-1.json"))).isEqualTo(API);
            assertThat(read(replica.resolve("junctions/copy-2.json"))).isEqualTo(API);
            assertThat(replicaDigest()).isEqualTo(v2.digest());
            assertNoLeftovers();
        }
    }

    @Nested
    class FailedFetches {

        PublishedVersion v1;
        Map<String, String> before;
        String conf;

        @BeforeEach
        void published() throws Exception {
            v1 = publish();
            before = contents(replica, true);
            conf = read(replicaConf);
        }

        void assertNothingChanged() throws IOException {
            assertThat(contents(replica, true)).isEqualTo(before);
            assertThat(read(replicaConf)).isEqualTo(conf);
            assertNoLeftovers();
        }

        @ParameterizedTest(name = "{0} bad attempt(s) then a good one")
        @ValueSource(ints = {1, 2})
        void aCorruptedChunkIsFetchedAgain(int badAttempts) throws Exception {
            assertThat(badAttempts).isLessThan(ConfigSync.FETCH_ATTEMPTS);
            Corrupting source = new Corrupting(sha(v1, "junctions/app.json"), badAttempts);

            SyncResult result = syncWith(replicaSync(), v1, 0, source);

            assertThat(source.attempts).hasValue(badAttempts + 1);
            assertThat(result.changed()).contains("junctions/app.json");
            assertThat(read(replica.resolve("junctions/app.json"))).isEqualTo(APP);
            assertThat(replicaDigest()).isEqualTo(v1.digest());
            assertNoLeftovers();
        }

        @Test
        void aChunkCorruptedEveryTimeFailsTheSyncAndChangesNothing() throws Exception {
            Corrupting source = new Corrupting(sha(v1, "junctions/app.json"), Integer.MAX_VALUE);

            assertThatThrownBy(() -> syncWith(replicaSync(), v1, 0, source))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'junctions/app.json'")
                    .hasMessageContaining("corrupted")
                    .hasMessageContaining(ConfigSync.FETCH_ATTEMPTS + " times");

            assertThat(source.attempts).hasValue(ConfigSync.FETCH_ATTEMPTS);
            assertNothingChanged();
        }

        @Test
        void aCorruptedReplicatedEntriesObjectChangesNothing() throws Exception {
            Corrupting source = new Corrupting(sha(v1, ReplicatedEntries.PATH), Integer.MAX_VALUE);

            assertThatThrownBy(() -> syncWith(replicaSync(), v1, 0, source))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("corrupted");

            assertNothingChanged();
        }

        @Test
        void aSourceThatFailsMidwayLeavesTheOldConfiguration() throws Exception {
            AtomicInteger calls = new AtomicInteger();
            IOException lost = new IOException("connection reset by the master");
            ObjectSource source = (sha, offset, length) -> {
                if (calls.incrementAndGet() == 3) {
                    throw lost;
                }
                return store.readObject(sha, offset, length);
            };

            Throwable thrown = catchThrowable(() -> syncWith(replicaSync(), v1, 0, source));

            assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("connection reset by the master")
                    .hasMessageEndingWith("Nothing was applied.");
            assertThat(thrown.getCause()).isSameAs(lost);
            assertNothingChanged();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "empty chunk, 0",
                "chunk longer than asked, 1",
        })
        void aSourceAnsweringTheWrongLengthIsRefused(String name, int extra) throws Exception {
            ObjectSource source = (sha, offset, length) -> new byte[extra == 0 ? 0 : length + extra];

            assertThatThrownBy(() -> syncWith(replicaSync(), v1, 0, source))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("The master sent")
                    .hasMessageContaining("were asked for");

            assertNothingChanged();
        }
    }

    @Nested
    class BadManifests {

        PublishedVersion v1;
        Map<String, String> before;
        final AtomicInteger calls = new AtomicInteger();

        @BeforeEach
        void published() throws Exception {
            v1 = publish();
            before = contents(replica, true);
        }

        ObjectSource source() {
            return (sha, offset, length) -> {
                calls.incrementAndGet();
                return store.readObject(sha, offset, length);
            };
        }

        /** v1 with its entries changed, and a digest that matches them. */
        PublishedVersion tampered(UnaryOperator<List<ManifestEntry>> change) {
            List<ManifestEntry> entries = change.apply(new ArrayList<>(v1.entries()));
            return new PublishedVersion(v1.version() + 1, v1.timestamp(), Hashing.digest(entries), entries);
        }

        PublishedVersion withExtra(String path) {
            return tampered(list -> {
                list.add(new ManifestEntry(path, API.length(), sha(v1, "junctions/api.json")));
                return list;
            });
        }

        void assertRefused(PublishedVersion target, SyncLimits limits, String... messageParts) throws Exception {
            Throwable thrown = catchThrowable(() -> syncWith(replicaSync(limits), target, 0, source()));
            assertThat(thrown).isInstanceOf(ConfigException.class);
            assertThat(thrown.getMessage()).contains(messageParts);
            assertThat(calls).as("nothing fetched").hasValue(0);
            assertThat(contents(replica, true)).isEqualTo(before);
            assertNoLeftovers();
            assertThat(elsewhere).isEmptyDirectory();
        }

        @ParameterizedTest(name = "''{0}''")
        @CsvSource(delimiter = '|', value = {
                "../x                    | leaves the configuration folder",
                "../elsewhere/x          | leaves the configuration folder",
                "/abs                    | must be relative",
                "a/../../x               | leaves the configuration folder",
                "junctions/../server.conf| leaves the configuration folder",
                "./banner.txt            | not normalized",
                "junctions//a.json       | not normalized",
                "a\\b                    | must be relative",
                "C:/windows              | must be relative",
        })
        void pathsOutsideTheFolderAreRefused(String path, String message) throws Exception {
            assertRefused(withExtra(path), SyncLimits.DEFAULT, "'" + path + "'", message);
        }

        @ParameterizedTest(name = "''{0}''")
        @CsvSource(delimiter = '|', value = {
                "server.conf                | server.conf",
                "data/x.json                | data-dir",
                "data/apply-journal.json    | data-dir",
                "data/staging/objects/x     | data-dir",
                "data/backups/0/server.conf | data-dir",
                "data                       | data-dir",
        })
        void pathsOntoTheReplicasOwnFilesAreRefused(String path, String what) throws Exception {
            assertRefused(withExtra(path), SyncLimits.DEFAULT, "'" + path + "'", "would overwrite this server's own " + what);
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"", "abc", "not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-",
                "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00",
                "../../../../etc/passwd"})
        void aBadSha256IsRefused(String badSha) throws Exception {
            PublishedVersion target = tampered(list -> {
                list.replaceAll(e -> e.path().equals("junctions/app.json") ? new ManifestEntry(e.path(), e.size(), badSha) : e);
                return list;
            });

            assertRefused(target, SyncLimits.DEFAULT, "'junctions/app.json'", "has no valid SHA-256");
        }

        @Test
        void aMissingSha256IsRefused() throws Exception {
            PublishedVersion target = tampered(list -> {
                list.replaceAll(e -> e.path().equals("banner.txt") ? new ManifestEntry(e.path(), e.size(), null) : e);
                return list;
            });

            assertRefused(target, SyncLimits.DEFAULT, "'banner.txt'", "has no valid SHA-256");
        }

        @Test
        void aDigestThatDoesNotMatchTheEntriesIsRefused() throws Exception {
            List<ManifestEntry> entries = new ArrayList<>(v1.entries());
            entries.replaceAll(e -> e.path().equals("banner.txt") ? new ManifestEntry(e.path(), e.size() + 1, e.sha256()) : e);
            PublishedVersion target = new PublishedVersion(v1.version(), v1.timestamp(), v1.digest(), entries);

            assertRefused(target, SyncLimits.DEFAULT, "version " + v1.version(), "does not match its digest");
        }

        @Test
        void aManifestWithoutReplicatedEntriesIsRefused() throws Exception {
            PublishedVersion target = tampered(list -> {
                list.removeIf(e -> e.path().equals(ReplicatedEntries.PATH));
                return list;
            });

            assertRefused(target, SyncLimits.DEFAULT, "has no " + ReplicatedEntries.PATH);
        }

        @Test
        void aFileOverTheLimitIsRefused() throws Exception {
            write(master, "junctions/big.json", "x".repeat(5000));
            PublishedVersion big = publish();

            assertRefused(big, new SyncLimits(4096, 1_000_000), "'junctions/big.json'", "5000 bytes", "the limit is 4096");
        }

        @Test
        void aNegativeSizeIsRefused() throws Exception {
            PublishedVersion target = tampered(list -> {
                list.replaceAll(e -> e.path().equals("banner.txt") ? new ManifestEntry(e.path(), -1, e.sha256()) : e);
                return list;
            });

            assertRefused(target, SyncLimits.DEFAULT, "'banner.txt'", "-1 bytes");
        }

        @Test
        void aConfigurationOverTheTotalLimitIsRefused() throws Exception {
            long total = v1.totalBytes();

            assertRefused(v1, new SyncLimits(4096, total - 1), "Version 1 is " + total + " bytes", "the limit is " + (total - 1));
        }

        @Test
        void moreFilesThanTheLimitAreRefused() throws Exception {
            long files = v1.fileCount() - 1;

            assertRefused(v1, new SyncLimits(4096, 1_000_000, (int) files - 1), "Version 1 has " + files + " files",
                    "the limit is " + (files - 1), "Nothing was written");
        }
    }

    @Nested
    class Links {

        @Test
        void aFolderLinkLeadingOutsideFailsTheSyncAndWritesNothingThere() throws Exception {
            PublishedVersion v1 = publish();
            Files.delete(replica.resolve("junctions/app.json"));
            Files.delete(replica.resolve("junctions/old.json"));
            Files.delete(replica.resolve("junctions"));
            Files.createSymbolicLink(replica.resolve("junctions"), elsewhere);
            Map<String, String> before = contents(replica, true);

            assertThatThrownBy(() -> sync(v1, 0))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("junctions/")
                    .hasMessageContaining("link that leaves the configuration folder");

            assertThat(elsewhere).isEmptyDirectory();
            assertThat(contents(replica, true)).isEqualTo(before);
            assertNoLeftovers();
        }

        @Test
        void aFileLinkLeadingOutsideFailsTheSyncAndLeavesItsTargetAlone() throws Exception {
            PublishedVersion v1 = publish();
            Path outside = write(elsewhere, "banner.txt", "not yours\n");
            Files.createSymbolicLink(replica.resolve("banner.txt"), outside);

            assertThatThrownBy(() -> sync(v1, 0))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'banner.txt'")
                    .hasMessageContaining("link that leaves the configuration folder");

            assertThat(read(outside)).isEqualTo("not yours\n");
            assertThat(read(replicaConf)).isEqualTo(REPLICA_CONF);
            assertNoLeftovers();
        }
    }

    @Nested
    class Recovery {

        PublishedVersion v1;

        @BeforeEach
        void synced() throws Exception {
            v1 = publish();
            sync(v1, 0);
        }

        /**
         * A sync whose process dies where its apply fails: the journal stays, as after a kill -9 there, for
         * {@link ConfigSync#recover()} to finish.
         */
        SyncResult syncThatDies(PublishedVersion target, long localVersion) throws Exception {
            ConfigSync dying = new ConfigSync(replicaConf, replicaData, SyncLimits.DEFAULT, ConfigSync.DEFAULT_KEEP_BACKUPS, false);
            return syncWith(dying, target, localVersion, store::readObject);
        }

        /** A non-empty folder where the apply must put a file: the apply stops there with its journal written. */
        void obstacle(String path) throws IOException {
            write(replica, path + "/in-the-way", "x\n");
        }

        void removeObstacle(String path) throws IOException {
            Files.delete(replica.resolve(path + "/in-the-way"));
            Files.delete(replica.resolve(path));
        }

        @Test
        void anInterruptedApplyThatCannotBeFinishedIsPutBackWholeAndTheStartGoesOn() throws Exception {
            write(master, "banner.txt", "New banner\n");
            write(master, "junctions/app.json", API);
            write(master, "junctions/new.json", API);
            write(master, "junctions/zzz.json", API);
            PublishedVersion v2 = publish();
            Map<String, String> before = contents(replica, false);
            String digest = replicaDigest();
            obstacle("junctions/zzz.json"); // the last step's place: the process dies there, the others are in place
            before.put("junctions/zzz.json/in-the-way", "x\n");
            assertThatThrownBy(() -> syncThatDies(v2, v1.version())).isInstanceOf(IOException.class);
            assertThat(read(replica.resolve("junctions/app.json"))).as("applied before the kill").isEqualTo(API);

            assertThat(replicaSync().recover()).isEmpty();

            assertThat(contents(replica, false)).isEqualTo(before);
            removeObstacle("junctions/zzz.json");
            assertThat(replicaDigest()).isEqualTo(digest);
            assertNoLeftovers();
        }

        @Test
        void anApplyInterruptedBeforeItsFirstFileIsFinished() throws Exception {
            write(master, "banner.txt", "New banner\n");
            write(master, "junctions/app.json", API);
            PublishedVersion v2 = publish();
            Files.delete(replica.resolve("banner.txt"));
            obstacle("banner.txt");

            assertThatThrownBy(() -> syncThatDies(v2, v1.version())).isInstanceOf(IOException.class);
            assertThat(replicaData.resolve("apply-journal.json")).exists();
            assertThat(read(replica.resolve("junctions/app.json"))).as("not applied yet").isEqualTo(APP);
            removeObstacle("banner.txt");

            assertThat(replicaSync().recover()).contains(v2.version());

            assertThat(read(replica.resolve("banner.txt"))).isEqualTo("New banner\n");
            assertThat(read(replica.resolve("junctions/app.json"))).isEqualTo(API);
            assertThat(replicaDigest()).isEqualTo(v2.digest());
            assertThat(read(replicaData.resolve("backups/1/junctions/app.json"))).isEqualTo(APP);
            assertNoLeftovers();
        }

        @Test
        void anApplyInterruptedHalfwayIsFinishedAndKeepsTheOriginalBackups() throws Exception {
            // copy-1 and copy-2 share one staged object; the apply stops at copy-2, after copy-1 is in place
            write(master, "junctions/copy-1.json", API);
            write(master, "junctions/copy-2.json", API);
            Files.writeString(masterConf, MASTER_CONF.replace("greeting = hello", "greeting = bonjour"));
            PublishedVersion v2 = publish();
            write(replica, "junctions/copy-1.json", "edited on the replica\n");
            obstacle("junctions/copy-2.json");

            assertThatThrownBy(() -> syncThatDies(v2, v1.version())).isInstanceOf(IOException.class);
            assertThat(replicaData.resolve("apply-journal.json")).exists();
            assertThat(read(replica.resolve("junctions/copy-1.json"))).as("applied before the stop").isEqualTo(API);
            removeObstacle("junctions/copy-2.json");

            assertThat(replicaSync().recover()).contains(v2.version());

            assertThat(read(replica.resolve("junctions/copy-2.json"))).isEqualTo(API);
            assertThat(replicaStanzas().values("service", "greeting")).containsExactly("bonjour");
            assertThat(replicaStanzas().values("server", "name")).containsExactly("replica-1");
            assertThat(replicaDigest()).isEqualTo(v2.digest());
            assertThat(read(replicaData.resolve("backups/1/junctions/copy-1.json")))
                    .as("the replica's edit, not the content that replaced it")
                    .isEqualTo("edited on the replica\n");
            assertThat(read(replicaData.resolve("backups/1/server.conf"))).contains("greeting = hello");
            assertNoLeftovers();
        }

        @Test
        void aSecondRecoverIsANoOp() throws Exception {
            write(master, "junctions/new.json", API);
            PublishedVersion v2 = publish();
            obstacle("junctions/new.json");
            assertThatThrownBy(() -> syncThatDies(v2, v1.version())).isInstanceOf(IOException.class);
            removeObstacle("junctions/new.json");
            assertThat(replicaSync().recover()).contains(v2.version());
            Map<String, FileTime> before = mtimes(replica);

            assertThat(replicaSync().recover()).isEmpty();

            assertThat(mtimes(replica)).isEqualTo(before);
            assertThat(replicaDigest()).isEqualTo(v2.digest());
        }

        @Test
        void aSyncAfterAnInterruptedApplyFinishesThatApplyFirst() throws Exception {
            write(master, "banner.txt", "New banner\n");
            write(master, "junctions/new.json", API);
            PublishedVersion v2 = publish();
            obstacle("junctions/new.json");
            assertThatThrownBy(() -> syncThatDies(v2, v1.version())).isInstanceOf(IOException.class);
            assertThat(read(replica.resolve("banner.txt"))).as("half applied").isEqualTo("New banner\n");
            removeObstacle("junctions/new.json");
            IOException lost = new IOException("master unreachable");

            // the master is gone by now: the sync must not destroy what the journal needs
            Throwable thrown = catchThrowable(() -> syncWith(replicaSync(), v2, v1.version(), (sha, offset, length) -> {
                throw lost;
            }));
            Optional<Long> recovered = replicaSync().recover();

            assertThat(thrown).as("finishing the journal leaves nothing to fetch").isNull();
            assertThat(recovered).isEmpty();
            assertThat(read(replica.resolve("junctions/new.json"))).isEqualTo(API);
            assertThat(replicaDigest()).isEqualTo(v2.digest());
            assertNoLeftovers();
        }

        @Test
        void aSyncWhileAnInterruptedApplyStillCannotFinishKeepsItsJournal() throws Exception {
            write(master, "junctions/new.json", API);
            PublishedVersion v2 = publish();
            obstacle("junctions/new.json");
            assertThatThrownBy(() -> syncThatDies(v2, v1.version())).isInstanceOf(IOException.class);

            assertThatThrownBy(() -> syncThatDies(v2, v1.version())).isInstanceOf(IOException.class);

            assertThat(replicaData.resolve("apply-journal.json")).exists();
            removeObstacle("junctions/new.json");
            assertThat(replicaSync().recover()).contains(v2.version());
            assertThat(replicaDigest()).isEqualTo(v2.digest());
            assertNoLeftovers();
        }

        @Test
        void recoverWithNothingToDoIsANoOp() throws Exception {
            Map<String, FileTime> before = mtimes(replica);

            assertThat(replicaSync().recover()).isEmpty();

            assertThat(mtimes(replica)).isEqualTo(before);
        }

        @Test
        void aStagingFolderWithoutJournalIsDroppedAndTheConfigurationUntouched() throws Exception {
            write(master, "junctions/app.json", API);
            PublishedVersion v2 = publish();
            write(replicaData, "staging/objects/" + sha(v2, "junctions/app.json"), API);
            write(replicaData, "staging/server.conf.merged", "[half]\nwritten = yes\n");
            Map<String, String> before = contents(replica, false);

            assertThat(replicaSync().recover()).isEmpty();

            assertThat(replicaData.resolve("staging")).doesNotExist();
            assertThat(contents(replica, false)).isEqualTo(before);
            assertThat(replicaDigest()).isEqualTo(v1.digest());
        }

        @Test
        void aSyncAfterAFailedFetchStartsFromAFreshStagingFolder() throws Exception {
            write(master, "junctions/app.json", API);
            PublishedVersion v2 = publish();
            write(replicaData, "staging/objects/" + sha(v2, "junctions/app.json"), "left over, wrong\n");

            sync(v2, v1.version());

            assertThat(read(replica.resolve("junctions/app.json"))).isEqualTo(API);
            assertThat(replicaDigest()).isEqualTo(v2.digest());
            assertNoLeftovers();
        }
    }

    @Nested
    class FailedApplies {

        PublishedVersion v1;

        @BeforeEach
        void synced() throws Exception {
            v1 = publish();
            sync(v1, 0);
        }

        @Test
        void anApplyThatFailsHalfwayPutsTheOldVersionBackWhole() throws Exception {
            write(master, "banner.txt", "New banner\n");
            write(master, "junctions/app.json", API);
            write(master, "junctions/zz-new.json", APP);
            Files.writeString(masterConf, MASTER_CONF.replace("greeting = hello", "greeting = bonjour"));
            write(master, "junctions/zzz.json", API);
            PublishedVersion v2 = publish();
            Map<String, String> before = contents(replica, false);
            String digest = replicaDigest();
            // the last file's place is taken by a folder: the apply fails after the others were replaced
            write(replica, "junctions/zzz.json/in-the-way", "x\n");
            before.put("junctions/zzz.json/in-the-way", "x\n");

            Throwable thrown = catchThrowable(() -> sync(v2, v1.version()));

            assertThat(thrown).isInstanceOf(IOException.class)
                    .hasMessageContaining("Applying version " + v2.version() + " failed")
                    .hasMessageEndingWith("Version 1 was put back whole: nothing was changed.");
            assertThat(contents(replica, false)).isEqualTo(before);
            assertThat(replicaData.resolve("apply-journal.json")).doesNotExist();
            assertThat(replicaData.resolve("staging")).doesNotExist();
            Files.delete(replica.resolve("junctions/zzz.json/in-the-way"));
            Files.delete(replica.resolve("junctions/zzz.json"));
            assertThat(replicaDigest()).isEqualTo(digest);
        }

        @Test
        void onlyTheNewestBackupsAreKept() throws Exception {
            ConfigSync keepingTwo = replicaSync().keepingBackups(2);
            long version = v1.version();
            for (int i = 0; i < 4; i++) {
                write(master, "junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:" + (9100 + i) + "\"}\n");
                PublishedVersion next = publish();
                syncWith(keepingTwo, next, version, store::readObject);
                version = next.version();
            }

            try (Stream<Path> backups = Files.list(replicaData.resolve("backups"))) {
                assertThat(backups.map(p -> p.getFileName().toString()).sorted()).containsExactly("3", "4");
            }
        }
    }

    @Nested
    class OwnRules {

        @Test
        void anEntryTheReplicaDoesNotIncludeKeepsItsOwnValueAndIsListedAsIgnored() throws Exception {
            Files.writeString(replicaConf, REPLICA_CONF.replace("service::local-* = exclude",
                    "service::local-* = exclude\nservice::greeting = exclude"));
            PublishedVersion v1 = publish();

            SyncResult result = sync(v1, 0);

            assertThat(replicaStanzas().values("service", "greeting")).containsExactly("stale");
            assertThat(replicaStanzas().values("service", "banner-file")).containsExactly("banner.txt");
            assertThat(result.ignored()).containsExactly("service::greeting");
            assertThat(result.summary()).endsWith("; ignored by this server's rules: service::greeting");
            assertNoLeftovers();
        }

        @Test
        void whatNoRuleCanReplicateNeverReachesTheReplica() throws Exception {
            // a master whose rules include everything, and entries that would open the replica's doors
            Files.writeString(masterConf, MASTER_CONF.replace("cluster::* = exclude\n", "")
                    .replace("[cluster]\n", "[cluster]\nhealth-host = 0.0.0.0\n")
                    + "\n[jolokia]\naccess-file = junctions/roles.access\n\n[service]\ndb-password = hunter2\nbackend-port = 9\n");
            Files.writeString(replicaConf, REPLICA_CONF.replace("cluster::* = exclude\n", ""));
            String before = read(replicaConf);
            PublishedVersion v1 = publish();

            SyncResult result = sync(v1, 0);

            StanzaFile conf = replicaStanzas();
            assertThat(conf.values("cluster", "health-host")).isEmpty();
            assertThat(conf.values("cluster", "is-master")).containsExactly("no");
            assertThat(conf.values("jolokia", "access-file")).isEmpty();
            assertThat(conf.values("service", "db-password")).isEmpty();
            assertThat(conf.values("service", "backend-port")).isEmpty();
            assertThat(conf.values("service", "greeting")).containsExactly("hello");
            assertThat(read(replicaConf)).contains("master-url = http://127.0.0.1:8778/jolokia/");
            assertThat(before).contains("[cfg-db:entries]");
            assertThat(v1.entries()).anySatisfy(e -> assertThat(e.path()).isEqualTo(ReplicatedEntries.PATH));
            assertThat(new String(store.readObject(sha(v1, ReplicatedEntries.PATH), 0, 10_000), StandardCharsets.UTF_8))
                    .as("the master does not even publish them").doesNotContain("health-host", "access-file", "hunter2", "is-master");
            assertThat(result.ignored()).isEmpty();
        }

        @Test
        void aFileTheReplicaDoesNotNameIsIgnoredAndNeverWritten() throws Exception {
            Files.writeString(masterConf, MASTER_CONF + "files = extra/*.txt\n");
            write(master, "extra/notes.txt", "for some servers only\n");
            PublishedVersion v1 = publish();

            SyncResult result = sync(v1, 0);

            assertThat(replica.resolve("extra")).doesNotExist();
            assertThat(result.ignored()).containsExactly("extra/notes.txt");
            assertThat(read(replica.resolve("junctions/app.json"))).isEqualTo(APP);
            assertThat(Hashing.digest(result.accepted())).isNotEqualTo(v1.digest());
            assertNoLeftovers();
        }

        @Test
        void theReplicasOwnFilesAreNeverRemovedOnlyWhatASyncPlaced() throws Exception {
            placed.clear(); // old.json is the replica's own: no sync put it there
            PublishedVersion v1 = publish();
            sync(v1, 0);
            assertThat(replica.resolve("junctions/old.json")).exists();

            Files.delete(master.resolve("junctions/api.json"));
            SyncResult result = sync(publish(), v1.version());

            assertThat(result.deleted()).containsExactly("junctions/api.json");
            assertThat(replica.resolve("junctions/api.json")).doesNotExist();
            assertThat(read(replica.resolve("junctions/old.json"))).isEqualTo("{\"path\": \"/old\", \"backend\": \"http://old:2\"}\n");
        }
    }

    @Nested
    class UndoAfterTheFact {

        PublishedVersion v1;

        @BeforeEach
        void synced() throws Exception {
            v1 = publish();
            sync(v1, 0);
        }

        @Test
        void theLastApplyIsUndoneWholeAfterItCompleted() throws Exception {
            Map<String, String> before = contents(replica, false);
            String digest = replicaDigest();
            write(master, "junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9100\"}\n");
            write(master, "junctions/new.json", APP);
            Files.delete(master.resolve("junctions/api.json"));
            Files.writeString(masterConf, MASTER_CONF.replace("greeting = hello", "greeting = bonjour"));
            PublishedVersion v2 = publish();
            sync(v2, v1.version());
            assertThat(replicaDigest()).isEqualTo(v2.digest());

            Optional<Long> undone = replicaSync().undoLastApply(v2.version());

            assertThat(undone).contains(v2.version());
            assertThat(contents(replica, false)).isEqualTo(before);
            assertThat(replicaDigest()).isEqualTo(digest);
            assertThat(replicaData.resolve(ConfigSync.LAST_APPLY_FILE)).doesNotExist();
            assertThat(replicaSync().undoLastApply(v2.version())).as("an undo is done once").isEmpty();
        }

        @Test
        void anotherVersionThanTheLastAppliedIsNotUndone() throws Exception {
            write(master, "junctions/app.json", API);
            PublishedVersion v2 = publish();
            sync(v2, v1.version());
            Map<String, String> after = contents(replica, false);

            assertThat(replicaSync().undoLastApply(v1.version())).isEmpty();
            assertThat(contents(replica, false)).isEqualTo(after);
        }

        @Test
        void aPullTellsItsProgressUpToTheTotalOfWhatIsMissing() throws Exception {
            byte[] large = new byte[ConfigSync.CHUNK_BYTES * 2 + 100];
            java.util.Arrays.fill(large, (byte) 'x');
            write(master, "banner.txt", large);
            write(master, "junctions/app.json", API);
            PublishedVersion v2 = publish();
            List<long[]> told = new ArrayList<>();

            replicaSync().sync(v2, v1.version(), placed, store::readObject, (done, total) -> told.add(new long[] {done, total}));

            long total = large.length + API.length();
            assertThat(told).hasSizeGreaterThanOrEqualTo(3);
            assertThat(told).allSatisfy(t -> assertThat(t[1]).isEqualTo(total));
            assertThat(told.get(0)[0]).isPositive().isLessThan(total);
            assertThat(told.get(told.size() - 1)[0]).isEqualTo(total);
        }
    }

    @Nested
    class LocalEdits {

        @Test
        void anEditOfServerConfWhileThePullIsUnderWayIsNeverOverwritten() throws Exception {
            PublishedVersion v1 = publish();
            String edited = REPLICA_CONF.replace("local-cache = /var/cache/replica-1", "local-cache = /srv/cache");
            AtomicInteger reads = new AtomicInteger();
            ObjectSource editedMeanwhile = (sha256, offset, length) -> {
                if (reads.getAndIncrement() == 1) { // the first file after the master's entries: the pull is under way
                    Files.writeString(replicaConf, edited);
                }
                return store.readObject(sha256, offset, length);
            };

            Throwable thrown = catchThrowable(() -> syncWith(replicaSync(), v1, 0, editedMeanwhile));

            assertThat(read(replicaConf)).isEqualTo(edited);
            assertThat(thrown).isInstanceOf(ConfigException.class)
                    .hasMessage(replicaConf + " changed while version " + v1.version() + " was pulled: nothing was applied,"
                            + " so that the edit stands. Sync again to apply the version onto it.");
            assertNoLeftovers();
            assertThat(read(replica.resolve("junctions/app.json"))).contains("http://old:1");
        }
    }
}
