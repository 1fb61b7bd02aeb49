package io.ripple.config;

import static io.ripple.config.TestContents.content;
import static io.ripple.config.TestContents.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull keeps several reads under way across files, grows its chunks up to the replica's cap, puts each file together
 * in order, and holds the master's answers to what was asked: their length, and each file's SHA-256.
 */
class ObjectFetcherTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;


    /** Serves the given files by SHA-256, and notes every read's length. */
    private static final class Files2 implements ObjectSource {
        final List<byte[]> contents;
        final List<Integer> lengths = Collections.synchronizedList(new ArrayList<>());

        Files2(byte[]... contents) {
            this.contents = List.of(contents);
        }

        byte[] bySha(String sha) {
            return contents.stream().filter(c -> Hashing.sha256Hex(c).equals(sha)).findFirst().orElseThrow();
        }

        @Override
        public byte[] read(String sha256, long offset, int length) throws IOException {
            lengths.add(length);
            byte[] c = bySha(sha256);
            return Arrays.copyOfRange(c, (int) offset, (int) Math.min(c.length, offset + length));
        }
    }

    /** Serves {@code files}, but the first read at {@code offset} comes back as {@code change} makes it. */
    private static ObjectSource changedOnceAt(Files2 files, long offset, UnaryOperator<byte[]> change) {
        AtomicBoolean changed = new AtomicBoolean();
        return (sha, at, length) -> {
            byte[] chunk = files.read(sha, at, length);
            return at == offset && changed.compareAndSet(false, true) ? change.apply(chunk) : chunk;
        };
    }

    /** Pulls {@code content} as the one file data/large.bin from {@code source}, one read at a time. */
    private void fetchOne(byte[] content, ObjectSource source) throws Exception {
        new ObjectFetcher(dir).fetch(entry("data/large.bin", content), source, 1, ObjectFetcher.Pulled.UNCOUNTED);
    }

    private byte[] staged(ManifestEntry e) throws IOException {
        return Files.readAllBytes(dir.resolve(e.sha256()));
    }

    @Test
    void readsOfSeveralFilesAreUnderWayTogether() throws Exception {
        // one chunk each: one read at a time would never get past the latch
        List<byte[]> contents = new ArrayList<>();
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < ChunkSizer.MAX_READS; i++) {
            contents.add(content(ObjectFetcher.SMALL_FILE_BYTES + 1, i));
            entries.add(entry("data/file-" + i + ".bin", contents.get(i)));
        }
        Files2 files = new Files2(contents.toArray(byte[][]::new));
        CountDownLatch together = new CountDownLatch(ChunkSizer.MAX_READS);
        ObjectSource source = (sha, offset, length) -> {
            together.countDown();
            try {
                if (!together.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the reads were not under way together");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return files.read(sha, offset, length);
        };

        new ObjectFetcher(dir).fetchAll(entries, source, ObjectFetcher.Pulled.UNCOUNTED);

        for (int i = 0; i < entries.size(); i++) {
            assertThat(staged(entries.get(i))).isEqualTo(contents.get(i));
        }
    }

    @Test
    void aSlowOldestReadDoesNotHoldBackTheNextReads() throws Exception {
        // the first chunk answers only once a read beyond the first window was asked: taking answers strictly in
        // order, a pull would ask nothing more until the first one came, and never get past this. Chunks capped at
        // 256 KiB, so that the first window holds less than the bytes in flight allow
        int chunk = 256 * 1024;
        byte[] big = content(4 * ChunkSizer.MAX_READS * chunk, 7);
        Files2 files = new Files2(big);
        CountDownLatch beyondTheFirstWindow = new CountDownLatch(ChunkSizer.MAX_READS + 1);
        ObjectSource source = (sha, offset, length) -> {
            beyondTheFirstWindow.countDown();
            if (offset == 0) {
                try {
                    if (!beyondTheFirstWindow.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("no read was asked while the first one was under way");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return files.read(sha, offset, length);
        };

        new ObjectFetcher(dir, chunk).fetch(entry("data/big.bin", big), source, 1, ObjectFetcher.Pulled.UNCOUNTED);

        assertThat(staged(entry("data/big.bin", big))).isEqualTo(big);
    }

    @Test
    void chunksGrowFromTheFirstSizeUpToTheCapAndNeverBeyond() throws Exception {
        byte[] big = content(8 * ConfigSync.CHUNK_BYTES + 123, 1);
        Files2 files = new Files2(big);

        fetchOne(big, files);

        assertThat(staged(entry("data/large.bin", big))).isEqualTo(big);
        assertThat(files.lengths.get(0)).isEqualTo(ChunkSizer.FIRST_BYTES);
        assertThat(files.lengths).contains(ConfigSync.CHUNK_BYTES).allSatisfy(n -> assertThat(n).isBetween(1, ConfigSync.CHUNK_BYTES));
        // reads planned before the first answers came are of the first size: a pull under way together asks up to
        // BYTES_IN_FLIGHT of them before it learns the link; still fewer calls than at the first size alone
        assertThat(files.lengths.size()).as("fewer calls than at the first size").isLessThan(big.length / ChunkSizer.FIRST_BYTES);
    }

    @Test
    void smallFilesTravelSeveralToACallAndLargeOnesInChunksInTheSamePull() throws Exception {
        byte[] a = content(1000, 1);
        byte[] b = content(2 * MIB, 2);
        byte[] c = content(2000, 3);
        byte[] empty = new byte[0];
        AtomicInteger batches = new AtomicInteger();
        Files2 files = new Files2(a, b, c, empty);
        ObjectSource source = new ObjectSource() {
            @Override
            public byte[] read(String sha256, long offset, int length) throws IOException {
                return files.read(sha256, offset, length);
            }

            @Override
            public List<byte[]> readAll(List<ManifestEntry> entries) throws IOException {
                batches.incrementAndGet();
                return ObjectSource.super.readAll(entries);
            }
        };
        List<ManifestEntry> entries = List.of(entry("a", a), entry("b", b), entry("c", c), entry("empty", empty));

        List<Path> staged = new ObjectFetcher(dir).fetchAll(entries, source, ObjectFetcher.Pulled.UNCOUNTED);

        assertThat(staged).hasSize(4);
        assertThat(staged(entries.get(0))).isEqualTo(a);
        assertThat(staged(entries.get(1))).isEqualTo(b);
        assertThat(staged(entries.get(2))).isEqualTo(c);
        assertThat(staged(entries.get(3))).isEmpty();
        assertThat(batches).hasValue(2);
    }

    @Test
    void aShortChunkIsCompletedByAReadOfTheRestAndTheReadsAfterItStayRight() throws Exception {
        byte[] big = content(5 * MIB, 4);
        Files2 files = new Files2(big);
        // the master sends a third of the second chunk once
        ObjectSource source = changedOnceAt(files, ChunkSizer.FIRST_BYTES, chunk -> Arrays.copyOf(chunk, chunk.length / 3));

        fetchOne(big, source);

        assertThat(staged(entry("data/large.bin", big))).isEqualTo(big);
    }

    @Test
    void aChunkLongerThanAskedIsRefused() {
        byte[] big = content(3 * MIB, 5);
        ObjectSource source = (sha, offset, length) -> new byte[length + 1];

        assertThatThrownBy(() -> fetchOne(big, source))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The master sent " + (ChunkSizer.FIRST_BYTES + 1) + " bytes of 'data/large.bin' at offset 0 where "
                        + ChunkSizer.FIRST_BYTES + " were asked for.");
    }

    @Test
    void bytesBeyondTheEndOfTheFileAreRefused() {
        byte[] big = content(ChunkSizer.FIRST_BYTES + 10, 6);
        Files2 files = new Files2(big);
        // the last chunk asks for 10 bytes; the master sends them and more, as if the file were longer
        ObjectSource source = (sha, offset, length) -> offset == 0 ? files.read(sha, offset, length) : new byte[ChunkSizer.FIRST_BYTES];

        assertThatThrownBy(() -> fetchOne(big, source))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The master sent " + ChunkSizer.FIRST_BYTES + " bytes of 'data/large.bin' at offset "
                        + ChunkSizer.FIRST_BYTES + " where 10 were asked for.");
    }

    @Test
    void anEmptyChunkIsRefused() {
        byte[] big = content(2 * MIB, 7);
        ObjectSource source = (sha, offset, length) -> new byte[0];

        assertThatThrownBy(() -> fetchOne(big, source))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The master sent 0 bytes of 'data/large.bin' at offset 0 where " + ChunkSizer.FIRST_BYTES
                        + " were asked for.");
    }

    @Test
    void aWrongHashAfterAllChunksIsFetchedAgainThenRefused() {
        byte[] big = content(3 * MIB, 8);
        Files2 files = new Files2(big);
        AtomicInteger firstChunks = new AtomicInteger();
        // every chunk of the right length, one byte changed near the end: only the hash of the whole file shows it
        ObjectSource source = (sha, offset, length) -> {
            byte[] chunk = files.read(sha, offset, length);
            if (offset == 0) {
                firstChunks.incrementAndGet();
            }
            if (offset + length == big.length) {
                chunk[chunk.length - 1] ^= 1;
            }
            return chunk;
        };

        assertThatThrownBy(() -> fetchOne(big, source))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("'data/large.bin' arrived corrupted " + ConfigSync.FETCH_ATTEMPTS + " times: SHA-256 ")
                .hasMessageEndingWith(" instead of " + Hashing.sha256Hex(big) + ". Nothing was applied.");
        assertThat(firstChunks).hasValue(ConfigSync.FETCH_ATTEMPTS);
    }

    @Test
    void aFileCorruptedOnceArrivesOnItsSecondAttemptAndCountsOnce() throws Exception {
        byte[] big = content(2 * MIB, 9);
        Files2 files = new Files2(big);
        ObjectSource source = changedOnceAt(files, 0, chunk -> {
            chunk[0] ^= 1;
            return chunk;
        });
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        ManifestEntry e = entry("data/large.bin", big);

        new ObjectFetcher(dir).fetchAll(List.of(e), source, new ObjectFetcher.Pulled(List.of(e), (done, total) -> progress.add(done)));

        assertThat(staged(e)).isEqualTo(big);
        assertThat(progress).last().isEqualTo((long) big.length);
    }

    @Test
    void aReadOutOfRangeFailsThePullWithTheMastersError() {
        byte[] big = content(3 * MIB, 10);
        Files2 files = new Files2(big);
        ObjectSource source = (sha, offset, length) -> {
            if (offset > 0) {
                throw new IllegalArgumentException("offset " + offset + " is outside the file");
            }
            return files.read(sha, offset, length);
        };

        assertThatThrownBy(() -> fetchOne(big, source))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("offset ").hasMessageEndingWith(" is outside the file");
    }

    @Test
    void aBatchAnsweredWithTheWrongNumberOfFilesIsRefused() {
        byte[] a = content(100, 11);
        byte[] b = content(200, 12);
        ObjectSource source = new ObjectSource() {
            @Override
            public byte[] read(String sha256, long offset, int length) {
                throw new AssertionError("not asked");
            }

            @Override
            public List<byte[]> readAll(List<ManifestEntry> entries) {
                return List.of(a, b, a);
            }
        };

        assertThatThrownBy(() -> new ObjectFetcher(dir).fetchAll(List.of(entry("a", a), entry("b", b)), source,
                ObjectFetcher.Pulled.UNCOUNTED))
                .isInstanceOf(ConfigException.class).hasMessage("The master sent 3 files where 2 were asked for.");
    }
}
