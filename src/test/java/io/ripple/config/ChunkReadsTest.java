package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large file's chunks are read several at a time, and put together in order whatever comes back short. */
class ChunkReadsTest {

    @TempDir
    Path dir;

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static ManifestEntry entry(byte[] content) {
        return new ManifestEntry("data/large.bin", content.length, Hashing.sha256Hex(content));
    }

    @Test
    void readsOfOneFileAreUnderWayTogether() throws Exception {
        byte[] content = content(6 * ConfigSync.CHUNK_BYTES + 123);
        CountDownLatch together = new CountDownLatch(ObjectFetcher.ChunkReads.READS_IN_FLIGHT);
        AtomicInteger reads = new AtomicInteger();
        ObjectSource source = (sha, offset, length) -> {
            if (reads.incrementAndGet() <= ObjectFetcher.ChunkReads.READS_IN_FLIGHT) {
                together.countDown();
                try {
                    // one read at a time would never get past this
                    if (!together.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("the reads were not under way together");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return Arrays.copyOfRange(content, (int) offset, (int) offset + length);
        };

        new ObjectFetcher(dir).fetch(entry(content), source, 1, ObjectFetcher.Pulled.UNCOUNTED);

        assertThat(Files.readAllBytes(dir.resolve(entry(content).sha256()))).isEqualTo(content);
        assertThat(reads.get()).isEqualTo(7);
    }

    @Test
    void aShortChunkMakesTheReadsAfterItStartFromWhereItEnded() throws Exception {
        byte[] content = content(5 * ConfigSync.CHUNK_BYTES);
        AtomicInteger reads = new AtomicInteger();
        ObjectSource source = (sha, offset, length) -> {
            reads.incrementAndGet();
            // the master sends less than asked once, for the second chunk
            int n = offset == ConfigSync.CHUNK_BYTES ? length / 3 : length;
            return Arrays.copyOfRange(content, (int) offset, (int) offset + n);
        };

        new ObjectFetcher(dir).fetch(entry(content), source, 1, ObjectFetcher.Pulled.UNCOUNTED);

        assertThat(Files.readAllBytes(dir.resolve(entry(content).sha256()))).isEqualTo(content);
    }

    @Test
    void aChunkLongerThanAskedIsRefused() {
        byte[] content = content(3 * ConfigSync.CHUNK_BYTES);
        ObjectSource source = (sha, offset, length) -> new byte[length + 1];

        assertThatThrownBy(() -> new ObjectFetcher(dir).fetch(entry(content), source, 1, ObjectFetcher.Pulled.UNCOUNTED))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The master sent " + (ConfigSync.CHUNK_BYTES + 1) + " bytes of 'data/large.bin' at offset 0 where "
                        + ConfigSync.CHUNK_BYTES + " were asked for.");
    }

    @Test
    void aFailedReadFailsThePullWithItsOwnError() {
        byte[] content = content(3 * ConfigSync.CHUNK_BYTES);
        ObjectSource source = (sha, offset, length) -> {
            if (offset > 0) {
                throw new IllegalStateException("the master is gone");
            }
            return Arrays.copyOfRange(content, 0, length);
        };

        assertThatThrownBy(() -> new ObjectFetcher(dir).fetch(entry(content), source, 1, ObjectFetcher.Pulled.UNCOUNTED))
                .isInstanceOf(IllegalStateException.class).hasMessage("the master is gone");
    }
}
