package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionStoreTest {

    static final String CONF = """
            [server]
            name = master
            data-dir = data
            [service]
            http-port = 8080
            banner-file = banner.txt
            [cfg-db:entries]
            server::* = exclude
            service::http-port = exclude
            *::* = include
            [cfg-db:files]
            files = junctions/*.json
            files = cfg(service::banner-file)
            """;

    @TempDir
    Path dir;

    Path dataDir;
    VersionStore store;
    ConfigScanner scanner;

    @BeforeEach
    void folder() throws IOException {
        write("server.conf", CONF);
        write("banner.txt", "Welcome\n");
        write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9000\"}\n");
        dataDir = dir.resolve("data");
        store = new VersionStore(dataDir);
        scanner = new ConfigScanner(dir.resolve("server.conf"), dataDir);
    }

    Path write(String path, String content) throws IOException {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String path, byte[] content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    PublishedVersion publish(long timestamp) throws Exception {
        return store.publish(scanner.scan(), timestamp);
    }

    byte[] readAll(ManifestEntry entry, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            byte[] part = store.read(entry, offset, chunk);
            assertThat(part.length).isLessThanOrEqualTo(chunk);
            if (part.length == 0) {
                return out.toByteArray();
            }
            out.write(part);
            offset += part.length;
        }
    }

    Set<String> storedObjects() throws IOException {
        Path objects = dataDir.resolve("store/objects");
        if (!Files.isDirectory(objects)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    Set<String> usedBy(List<Long> versions) throws IOException {
        Set<String> used = new HashSet<>();
        for (long v : versions) {
            store.version(v).orElseThrow().entries().forEach(e -> used.add(e.sha256()));
        }
        return used;
    }

    @Nested
    class Publishing {

        @Test
        void emptyStoreHasNoVersion() throws Exception {
            assertThat(store.latest()).isEmpty();
            assertThat(store.versionNumbers()).isEmpty();
            assertThat(store.version(1)).isEmpty();
        }

        @Test
        void firstPublishIsVersionOne() throws Exception {
            ScannedDatabase db = scanner.scan();

            PublishedVersion v1 = store.publish(db, 1_000L);

            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.timestamp()).isEqualTo(1_000L);
            assertThat(v1.digest()).isEqualTo(db.digest());
            assertThat(v1.entries()).isEqualTo(db.manifest());
            assertThat(v1.fileCount()).isEqualTo(3);
            assertThat(v1.totalBytes()).isEqualTo(db.totalBytes());
            assertThat(store.latest()).contains(v1);
            assertThat(store.version(1)).contains(v1);
            assertThat(store.versionNumbers()).containsExactly(1L);
        }

        @Test
        void publishingTheSameScanAgainMakesNoNewVersion() throws Exception {
            ScannedDatabase db = scanner.scan();
            PublishedVersion v1 = store.publish(db, 1_000L);

            assertThat(store.publish(db, 2_000L)).isEqualTo(v1);
            assertThat(store.publish(scanner.scan(), 3_000L)).isEqualTo(v1);
            assertThat(store.versionNumbers()).containsExactly(1L);
            assertThat(store.latest().orElseThrow().timestamp()).isEqualTo(1_000L);
        }

        @Test
        void editsThatDoNotChangeTheDigestMakeNoNewVersion() throws Exception {
            PublishedVersion v1 = publish(1_000L);
            write("server.conf", "# comment\n" + CONF.replace("8080", "9090"));
            write("junctions/readme.txt", "not replicated\n");

            assertThat(publish(2_000L)).isEqualTo(v1);
        }

        @Test
        void changedFileGivesVersionTwoWithANewDigest() throws Exception {
            PublishedVersion v1 = publish(1_000L);
            write("banner.txt", "Welcome back\n");

            PublishedVersion v2 = publish(2_000L);

            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.timestamp()).isEqualTo(2_000L);
            assertThat(v2.digest()).isNotEqualTo(v1.digest()).isEqualTo(scanner.scan().digest());
            assertThat(v2.entry("banner.txt").orElseThrow().sha256()).isNotEqualTo(v1.entry("banner.txt").orElseThrow().sha256());
            assertThat(v2.entry("junctions/app.json")).isEqualTo(v1.entry("junctions/app.json"));
            assertThat(store.versionNumbers()).containsExactly(1L, 2L);
            assertThat(store.version(1)).contains(v1);
            assertThat(store.latest()).contains(v2);
        }

        @Test
        void goingBackToEarlierContentIsANewVersion() throws Exception {
            PublishedVersion v1 = publish(1_000L);
            write("banner.txt", "Welcome back\n");
            publish(2_000L);
            write("banner.txt", "Welcome\n");

            PublishedVersion v3 = publish(3_000L);

            assertThat(v3.version()).isEqualTo(3);
            assertThat(v3.digest()).isEqualTo(v1.digest());
            assertThat(v3.entries()).isEqualTo(v1.entries());
        }

        @Test
        void fileChangedBetweenScanAndPublishIsRefusedAndNothingIsPublished() throws Exception {
            ScannedDatabase db = scanner.scan();
            write("junctions/app.json", "{\"path\": \"/changed\", \"backend\": \"http://127.0.0.1:9000\"}\n");

            assertThatThrownBy(() -> store.publish(db, 1_000L))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Replicated file 'junctions/app.json' changed while it was being published.");
            assertThat(store.versionNumbers()).isEmpty();
            assertThat(storedObjects()).doesNotContain(db.manifest().get(2).sha256(), Hashing.sha256Hex(
                    Files.readAllBytes(dir.resolve("junctions/app.json"))));
            try (Stream<Path> temp = Files.list(dataDir.resolve("store/tmp"))) {
                assertThat(temp).isEmpty();
            }
        }
    }

    @Nested
    class Objects {

        @Test
        void filesAreStoredUnderTheirSha256() throws Exception {
            PublishedVersion v1 = publish(1_000L);

            for (ManifestEntry entry : v1.entries()) {
                Path object = store.objectFile(entry.sha256());
                assertThat(object).isEqualTo(dataDir.resolve("store/objects").resolve(entry.sha256().substring(0, 2)).resolve(entry.sha256()));
                assertThat(Hashing.sha256Hex(Files.readAllBytes(object))).isEqualTo(entry.sha256());
                assertThat(Files.size(object)).isEqualTo(entry.size());
            }
            assertThat(storedObjects()).containsExactlyInAnyOrderElementsOf(usedBy(List.of(1L)));
        }

        @Test
        void entriesPseudoFileIsStoredToo() throws Exception {
            ScannedDatabase db = scanner.scan();
            PublishedVersion v1 = store.publish(db, 1_000L);

            ManifestEntry entries = v1.entry(ReplicatedEntries.PATH).orElseThrow();

            assertThat(readAll(entries, 1024)).isEqualTo(db.entries());
            assertThat(new String(readAll(entries, 7), StandardCharsets.UTF_8)).isEqualTo("""
                    [service]
                    banner-file = banner.txt
                    """);
        }

        @Test
        void identicalFilesShareOneObject() throws Exception {
            write("junctions/copy.json", Files.readAllBytes(dir.resolve("junctions/app.json")));

            PublishedVersion v1 = publish(1_000L);

            assertThat(v1.entry("junctions/copy.json").orElseThrow().sha256())
                    .isEqualTo(v1.entry("junctions/app.json").orElseThrow().sha256());
            assertThat(storedObjects()).hasSize(3);
        }

        @ParameterizedTest(name = "chunk {0}")
        @ValueSource(ints = {1, 7, 4096, 65_536, 100_000, 1_000_000})
        void chunksReassembleTheFile(int chunk) throws Exception {
            byte[] content = new byte[100_000];
            new Random(42).nextBytes(content);
            write("junctions/big.json", content);

            PublishedVersion v1 = publish(1_000L);
            ManifestEntry big = v1.entry("junctions/big.json").orElseThrow();

            assertThat(big.size()).isEqualTo(content.length);
            assertThat(readAll(big, chunk)).isEqualTo(content);
        }

        @Test
        void readInTheMiddleAndAtTheEnd() throws Exception {
            write("banner.txt", "0123456789");
            ManifestEntry banner = publish(1_000L).entry("banner.txt").orElseThrow();

            assertThat(store.read(banner, 3, 4)).asString(StandardCharsets.UTF_8).isEqualTo("3456");
            assertThat(store.read(banner, 8, 100)).asString(StandardCharsets.UTF_8).isEqualTo("89");
            assertThat(store.read(banner, 10, 100)).isEmpty();
            assertThat(store.read(banner, 0, 0)).isEmpty();
        }

        @ParameterizedTest(name = "offset {0}, length {1}")
        @CsvSource({"-1, 1", "11, 1", "1000, 0", "0, -1", "-5, -5", "9223372036854775807, 1"})
        void readOutOfRangeIsRejected(long offset, int length) throws Exception {
            write("banner.txt", "0123456789");
            ManifestEntry banner = publish(1_000L).entry("banner.txt").orElseThrow();

            assertThatThrownBy(() -> store.read(banner, offset, length))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("offset " + offset + " and length " + length + " are outside 'banner.txt' (10 bytes)");
        }

        @Test
        void publishedVersionIsImmutable() throws Exception {
            PublishedVersion v1 = publish(1_000L);
            ManifestEntry app = v1.entry("junctions/app.json").orElseThrow();
            byte[] original = readAll(app, 4096);
            write("junctions/app.json", "{\"path\": \"/edited\", \"backend\": \"http://127.0.0.1:9999\"}\n");
            Files.delete(dir.resolve("banner.txt"));

            assertThat(readAll(app, 4096)).isEqualTo(original).asString(StandardCharsets.UTF_8).contains("/app");
            assertThat(readAll(v1.entry("banner.txt").orElseThrow(), 4096)).asString(StandardCharsets.UTF_8).isEqualTo("Welcome\n");
            assertThat(store.latest()).contains(v1);
            assertThat(store.version(1)).contains(v1);
        }
    }

    @Nested
    class Pruning {

        @Test
        void onlyTheLastVersionsAndTheirObjectsAreKept() throws Exception {
            write("shared.json", "{\"shared\": true}\n");
            write("server.conf", CONF + "files = shared.json\nfiles = counter.txt\n");
            int total = VersionStore.KEPT_VERSIONS + 3;
            String sharedSha = Hashing.sha256Hex(Files.readAllBytes(dir.resolve("shared.json")));
            Set<String> prunedOnly = new HashSet<>();
            for (int i = 1; i <= total; i++) {
                byte[] counter = ("counter " + i + "\n").getBytes(StandardCharsets.UTF_8);
                write("counter.txt", counter);
                assertThat(publish(i).version()).isEqualTo(i);
                if (i <= total - VersionStore.KEPT_VERSIONS) {
                    prunedOnly.add(Hashing.sha256Hex(counter));
                }
            }

            List<Long> kept = store.versionNumbers();

            assertThat(kept).hasSize(VersionStore.KEPT_VERSIONS).containsExactly(4L, 5L, 6L, 7L, 8L);
            assertThat(store.version(3)).isEmpty();
            assertThat(store.latest().orElseThrow().version()).isEqualTo(total);
            assertThat(storedObjects())
                    .containsExactlyInAnyOrderElementsOf(usedBy(kept))
                    .contains(sharedSha)
                    .doesNotContainAnyElementsOf(prunedOnly);
            for (long v : kept) {
                for (ManifestEntry entry : store.version(v).orElseThrow().entries()) {
                    assertThat(Hashing.sha256Hex(readAll(entry, 4096))).isEqualTo(entry.sha256());
                }
            }
        }

        @Test
        void upToKeptVersionsNothingIsPruned() throws Exception {
            for (int i = 1; i <= VersionStore.KEPT_VERSIONS; i++) {
                write("banner.txt", "banner " + i + "\n");
                publish(i);
            }

            assertThat(store.versionNumbers()).hasSize(VersionStore.KEPT_VERSIONS).first().isEqualTo(1L);
            assertThat(storedObjects()).containsExactlyInAnyOrderElementsOf(usedBy(store.versionNumbers()));
            assertThat(usedBy(List.of(1L))).isSubsetOf(storedObjects());
        }

        @Test
        void anObjectOfAPrunedVersionThatCameBackIsKept() throws Exception {
            for (int i = 1; i <= VersionStore.KEPT_VERSIONS; i++) {
                write("banner.txt", "banner " + i + "\n");
                publish(i);
            }
            String firstBanner = Hashing.sha256Hex("banner 1\n".getBytes(StandardCharsets.UTF_8));
            write("banner.txt", "banner 1\n");

            PublishedVersion back = publish(100);

            assertThat(store.versionNumbers()).doesNotContain(1L);
            assertThat(back.entry("banner.txt").orElseThrow().sha256()).isEqualTo(firstBanner);
            assertThat(storedObjects()).contains(firstBanner);
            assertThat(readAll(back.entry("banner.txt").orElseThrow(), 3)).asString(StandardCharsets.UTF_8).isEqualTo("banner 1\n");
        }
    }

    @Nested
    class Persistence {

        @Test
        void aNewStoreOnTheSameFolderSeesTheSameVersions() throws Exception {
            PublishedVersion v1 = publish(1_000L);
            write("banner.txt", "Welcome back\n");
            PublishedVersion v2 = publish(2_000L);

            VersionStore reopened = new VersionStore(dataDir);

            assertThat(reopened.latest()).contains(v2);
            assertThat(reopened.version(1)).contains(v1);
            assertThat(reopened.versionNumbers()).containsExactly(1L, 2L);
            assertThat(reopened.read(v2.entry("banner.txt").orElseThrow(), 0, 100))
                    .asString(StandardCharsets.UTF_8).isEqualTo("Welcome back\n");
        }

        @Test
        void aNewStoreContinuesTheNumbering() throws Exception {
            PublishedVersion v1 = publish(1_000L);
            VersionStore reopened = new VersionStore(dataDir);

            assertThat(reopened.publish(scanner.scan(), 5_000L)).isEqualTo(v1);
            write("banner.txt", "Welcome back\n");
            assertThat(reopened.publish(scanner.scan(), 6_000L).version()).isEqualTo(2);
        }

        @Test
        void strayFilesInTheVersionsFolderAreIgnored() throws Exception {
            PublishedVersion v1 = publish(1_000L);
            Path versions = dataDir.resolve("store/versions");
            Files.writeString(versions.resolve(".0000000002.json123.tmp"), "partial");
            Files.writeString(versions.resolve("notes.txt"), "x");

            VersionStore reopened = new VersionStore(dataDir);

            assertThat(reopened.versionNumbers()).containsExactly(1L);
            assertThat(reopened.latest()).contains(v1);
        }
    }

    /** Published objects never change: a replica's chunk read does not wait for a publish that copies and fsyncs. */
    @Nested
    class ReadsDuringAPublish {

        @Test
        void aReadAndTheListsAnswerWhileAPublishIsHeldHalfWay() throws Exception {
            PublishedVersion v1 = publish(1_000L);
            ManifestEntry banner = v1.entry("banner.txt").orElseThrow();
            write("banner.txt", "Welcome back\n");
            ScannedDatabase scanned = scanner.scan();
            java.util.concurrent.CountDownLatch copying = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            ScannedDatabase held = new ScannedDatabase(scanned.conf(), scanned.rules(), scanned.entries(),
                    new HoldingFiles(scanned.files(), copying, release), scanned.manifest(), scanned.digest(),
                    scanned.missing());
            java.util.concurrent.ExecutorService publisher = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<PublishedVersion> v2 = publisher.submit(() -> store.publish(held, 2_000L));
                assertThat(copying.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("publish reached the copy").isTrue();

                java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return store.readObject(banner.sha256(), 0, 100);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThat(read.get(5, java.util.concurrent.TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8)
                        .isEqualTo("Welcome\n");
                java.util.concurrent.CompletableFuture<List<Long>> numbers = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return store.versionNumbers();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThat(numbers.get(5, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(1L);
                assertThat(v2.isDone()).isFalse();

                release.countDown();
                assertThat(v2.get(10, java.util.concurrent.TimeUnit.SECONDS).version()).isEqualTo(2);
            } finally {
                release.countDown();
                publisher.shutdownNow();
            }
        }
    }

    /** The scanned files of a database, whose first look-up waits for the test: a publish held while it copies. */
    static final class HoldingFiles extends java.util.AbstractMap<String, Path> {
        private final java.util.Map<String, Path> files;
        private final java.util.concurrent.CountDownLatch copying;
        private final java.util.concurrent.CountDownLatch release;

        HoldingFiles(java.util.Map<String, Path> files, java.util.concurrent.CountDownLatch copying,
                     java.util.concurrent.CountDownLatch release) {
            this.files = files;
            this.copying = copying;
            this.release = release;
        }

        @Override
        public Path get(Object key) {
            copying.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return files.get(key);
        }

        @Override
        public Set<Entry<String, Path>> entrySet() {
            return files.entrySet();
        }
    }
}
