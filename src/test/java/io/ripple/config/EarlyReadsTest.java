package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull's first reads, asked before the replica's own work: the pull takes them instead of asking again. */
class EarlyReadsTest {

    @TempDir
    Path root;

    Path masterConf;
    VersionStore store;
    byte[] banner;

    @BeforeEach
    void master() throws IOException {
        Path master = root.resolve("master");
        masterConf = ConfigSyncTest.write(master, "server.conf", ConfigSyncTest.MASTER_CONF);
        banner = new byte[5 * 1024 * 1024 + 123];
        Random random = new Random(7);
        for (int i = 0; i < banner.length; i++) {
            banner[i] = (byte) ('a' + random.nextInt(26));
        }
        ConfigSyncTest.write(master, "banner.txt", banner);
        ConfigSyncTest.write(master, "junctions/app.json", ConfigSyncTest.APP);
        store = new VersionStore(master.resolve("data"));
    }

    PublishedVersion publish() throws Exception {
        return store.publish(new ConfigScanner(masterConf, masterConf.getParent().resolve("data")).scan(), 1_700_000_000_000L);
    }

    /** A replica's folder with its own server.conf; {@code banner} for a banner it already has, or null. */
    ConfigSync replica(String name, byte[] banner) throws IOException {
        Path dir = root.resolve(name);
        Path conf = ConfigSyncTest.write(dir, "server.conf", banner == null ? ConfigSyncTest.REPLICA_CONF
                : ConfigSyncTest.REPLICA_CONF.replace("[service]\n", "[service]\nbanner-file = banner.txt\n"));
        if (banner != null) {
            ConfigSyncTest.write(dir, "banner.txt", banner);
        }
        return new ConfigSync(conf, dir.resolve("data"), SyncLimits.DEFAULT);
    }

    /** The master's store, each call recorded as it is asked. */
    final class Recording implements ObjectSource {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public byte[] read(String sha256, long offset, int length) throws IOException {
            calls.add(sha256 + "@" + offset + "+" + length);
            return store.readObject(sha256, offset, length);
        }
    }

    @Test
    void theReadsAskedEarlyAreThePullsFirstReadsAndItTakesEachOnceInsteadOfAskingAgain() throws Exception {
        PublishedVersion target = publish();
        Recording plain = new Recording();
        replica("plain", null).sync(target, 0, Set.of(), plain);

        Recording source = new Recording();
        ConfigSync sync = replica("early", null);
        try (EarlyReads early = EarlyReads.begin(target, List.of(), Set.of(), source)) {
            // <entries>, then the 5 MiB banner in five chunks of 1 MiB and its last 123 bytes + app.json in one chunk each
            await().atMost(Duration.ofSeconds(10)).until(() -> source.calls.size() == 8);
            List<String> askedEarly = List.copyOf(source.calls);
            SyncResult result = sync.sync(target, 0, Set.of(), early);

            assertThat(result.changed()).contains("banner.txt", "junctions/app.json");
            assertThat(Files.readAllBytes(root.resolve("early/banner.txt"))).isEqualTo(banner);
            assertThat(early.taken()).isEqualTo(8);
            assertThat(early.waiting()).isEmpty();
            assertThat(source.calls).as("no read asked twice, none asked that the pull did not ask without them")
                    .containsExactlyInAnyOrderElementsOf(plain.calls).doesNotHaveDuplicates();
            assertThat(plain.calls).containsAll(askedEarly);
        }
    }

    @Test
    void theEarlyReadsStayWithinThePullsFirstWindow() throws Exception {
        byte[] large = new byte[20 * 1024 * 1024];
        ConfigSyncTest.write(masterConf.getParent(), "banner.txt", large);
        PublishedVersion target = publish();
        Recording source = new Recording();
        try (EarlyReads early = EarlyReads.begin(target, List.of(), Set.of(), source)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> source.calls.size() == 1 + ChunkSizer.MAX_READS);
            long bytes = source.calls.stream().mapToLong(c -> Long.parseLong(c.substring(c.indexOf('+') + 1))).sum();
            assertThat(bytes).isLessThanOrEqualTo(ChunkSizer.BYTES_IN_FLIGHT + target.entry(ReplicatedEntries.PATH).orElseThrow().size());
        }
    }

    @Test
    void contentHeldAfterTheLastSyncIsNotAskedForOnlyTheEntriesAre() throws Exception {
        PublishedVersion target = publish();
        Recording source = new Recording();
        try (EarlyReads early = EarlyReads.begin(target, target.entries(), Set.of(), source)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> source.calls.size() == 1);
            assertThat(source.calls.get(0)).startsWith(target.entry(ReplicatedEntries.PATH).orElseThrow().sha256() + "@0+");
        }
    }

    @Test
    void contentAtHandIsNotAskedForEarlyAndThePullStillGetsItFromTheSource() throws Exception {
        PublishedVersion target = publish();
        ManifestEntry entries = target.entry(ReplicatedEntries.PATH).orElseThrow();
        ManifestEntry app = target.entry("junctions/app.json").orElseThrow();
        Recording source = new Recording();
        ConfigSync sync = replica("inline", null);
        try (EarlyReads early = EarlyReads.begin(target, List.of(), Set.of(entries.sha256(), app.sha256()), source)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> source.calls.size() == 6);
            assertThat(source.calls).allMatch(c -> c.startsWith(target.entry("banner.txt").orElseThrow().sha256()));
            sync.sync(target, 0, Set.of(), early);
            assertThat(early.taken()).isEqualTo(6);
        }
        assertThat(Files.readAllBytes(root.resolve("inline/banner.txt"))).isEqualTo(banner);
    }

    @Test
    void aWrongGuessCostsOnlyTheReadsDroppedTheFilesAreThoseThePullFoundMissing() throws Exception {
        PublishedVersion target = publish();
        Recording source = new Recording();
        ConfigSync sync = replica("holds-the-banner", banner); // the same banner came by other means
        try (EarlyReads early = EarlyReads.begin(target, List.of(), Set.of(), source)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> source.calls.size() == 8);
            SyncResult result = sync.sync(target, 0, Set.of(), early);

            assertThat(result.changed()).contains("junctions/app.json").doesNotContain("banner.txt");
            assertThat(early.waiting()).hasSize(6); // the banner's chunks, never taken
            assertThat(source.calls).hasSize(8);
            early.close();
            assertThat(early.waiting()).isEmpty();
        }
    }

    /** A fresh replica synced to {@code target} through early reads of {@code source}; it got the banner whole. */
    private void syncWithEarlyReads(PublishedVersion target, String name, ObjectSource source) throws Exception {
        ConfigSync sync = replica(name, null);
        try (EarlyReads early = EarlyReads.begin(target, List.of(), Set.of(), source)) {
            sync.sync(target, 0, Set.of(), early);
        }
        assertThat(Files.readAllBytes(root.resolve(name + "/banner.txt"))).isEqualTo(banner);
    }

    @Test
    void aFailedEarlyReadIsAskedAgainByThePullWhichDecides() throws Exception {
        PublishedVersion target = publish();
        String bannerSha = target.entry("banner.txt").orElseThrow().sha256();
        AtomicBoolean failed = new AtomicBoolean();
        Recording store = new Recording();
        ObjectSource source = (sha, offset, length) -> {
            if (sha.equals(bannerSha) && offset == 0 && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("connection reset");
            }
            return store.read(sha, offset, length);
        };
        syncWithEarlyReads(target, "retried", source);
        assertThat(failed).isTrue();
        assertThat(store.calls).containsOnlyOnce(bannerSha + "@0+" + ChunkSizer.FIRST_BYTES);
    }

    @Test
    void aChunkCorruptedOnTheWayEarlyIsFetchedAgainFromTheSourceNotFromTheEarlyAnswers() throws Exception {
        PublishedVersion target = publish();
        String bannerSha = target.entry("banner.txt").orElseThrow().sha256();
        AtomicBoolean corrupted = new AtomicBoolean();
        Recording store = new Recording();
        ObjectSource source = (sha, offset, length) -> {
            byte[] chunk = store.read(sha, offset, length);
            if (sha.equals(bannerSha) && offset == 0 && corrupted.compareAndSet(false, true)) {
                chunk[0] ^= 1;
            }
            return chunk;
        };
        syncWithEarlyReads(target, "corrupted", source);
        assertThat(corrupted).isTrue();
        assertThat(store.calls.stream().filter(c -> c.startsWith(bannerSha + "@0+"))).hasSize(2);
    }

    @Test
    void readsAfterCloseGoToTheSource() throws Exception {
        PublishedVersion target = publish();
        Recording source = new Recording();
        EarlyReads early = EarlyReads.begin(target, List.of(), Set.of(), source);
        await().atMost(Duration.ofSeconds(10)).until(() -> source.calls.size() == 8);
        early.close();
        ConfigSync sync = replica("after-close", null);
        sync.sync(target, 0, Set.of(), early);
        assertThat(source.calls).hasSize(16);
        assertThat(new String(Files.readAllBytes(root.resolve("after-close/junctions/app.json")), StandardCharsets.UTF_8))
                .isEqualTo(ConfigSyncTest.APP);
    }
}
