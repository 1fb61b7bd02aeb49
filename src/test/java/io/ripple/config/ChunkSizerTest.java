package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The chunk size grows with a fast link up to the replica's cap, shrinks on a slow one, and bounds the bytes in flight. */
class ChunkSizerTest {

    private static final int MIB = 1024 * 1024;
    private static final long FAST = 10_000_000L;
    private static final long SLOW = ChunkSizer.SHRINK_ABOVE_NANOS + 1;

    @Test
    void theFirstReadsTogetherFillTheBytesInFlight() {
        ChunkSizer sizer = new ChunkSizer(ConfigSync.CHUNK_BYTES);
        assertThat((long) sizer.readsInFlight() * sizer.chunkBytes()).isEqualTo(ChunkSizer.BYTES_IN_FLIGHT);
    }

    @Test
    void startsSmallAndDoublesWhileFullAnswersComeQuicklyUpToTheCap() {
        ChunkSizer sizer = new ChunkSizer(4 * MIB);
        assertThat(sizer.chunkBytes()).isEqualTo(ChunkSizer.FIRST_BYTES);
        for (int expected = 2 * ChunkSizer.FIRST_BYTES; expected <= 8 * MIB; expected *= 2) { // a cap of 4 MiB here
            sizer.answered(sizer.chunkBytes(), true, FAST);
            assertThat(sizer.chunkBytes()).isEqualTo(Math.min(expected, 4 * MIB));
        }
    }

    @Test
    void theCapIsTheReplicasEvenWhenItIsBelowTheFirstSize() {
        ChunkSizer sizer = new ChunkSizer(ChunkSizer.MIN_BYTES);
        sizer.answered(sizer.chunkBytes(), true, FAST);
        assertThat(sizer.chunkBytes()).isEqualTo(ChunkSizer.MIN_BYTES);
        assertThatThrownBy(() -> new ChunkSizer(ChunkSizer.MIN_BYTES - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEndOfAFileDoesNotGrowItButEachFullQuickAnswerDoes() {
        ChunkSizer sizer = new ChunkSizer(4 * MIB);
        sizer.answered(sizer.chunkBytes(), false, FAST);
        assertThat(sizer.chunkBytes()).isEqualTo(ChunkSizer.FIRST_BYTES);
        sizer.answered(ChunkSizer.FIRST_BYTES, true, FAST);
        sizer.answered(ChunkSizer.FIRST_BYTES, true, FAST); // planned before the first doubling, under way together
        assertThat(sizer.chunkBytes()).isEqualTo(4 * ChunkSizer.FIRST_BYTES);
    }

    @Test
    void anAnswerThatTakesLongerThanTheBoundNeitherGrowsNorKeepsIt() {
        ChunkSizer sizer = new ChunkSizer(4 * MIB);
        sizer.answered(sizer.chunkBytes(), true, ChunkSizer.GROW_BELOW_NANOS);
        assertThat(sizer.chunkBytes()).isEqualTo(ChunkSizer.FIRST_BYTES);
        sizer.answered(sizer.chunkBytes(), true, SLOW);
        assertThat(sizer.chunkBytes()).isEqualTo(ChunkSizer.FIRST_BYTES / 2);
        // the other reads planned at the old size, slow too, shrink it only once
        sizer.answered(ChunkSizer.FIRST_BYTES, true, SLOW);
        assertThat(sizer.chunkBytes()).isEqualTo(ChunkSizer.FIRST_BYTES / 2);
        for (int i = 0; i < 10; i++) {
            sizer.answered(sizer.chunkBytes(), true, SLOW);
        }
        assertThat(sizer.chunkBytes()).isEqualTo(ChunkSizer.MIN_BYTES);
    }

    @Test
    void theReadsInFlightHoldAtMostTheBoundTogether() {
        ChunkSizer sizer = new ChunkSizer(4 * MIB);
        assertThat(sizer.readsInFlight()).isEqualTo(ChunkSizer.MAX_READS);
        while (sizer.chunkBytes() < 4 * MIB) {
            sizer.answered(sizer.chunkBytes(), true, FAST);
            assertThat((long) sizer.readsInFlight() * sizer.chunkBytes()).isLessThanOrEqualTo(ChunkSizer.BYTES_IN_FLIGHT);
        }
        assertThat(sizer.readsInFlight()).isEqualTo(ChunkSizer.MIN_READS);
    }

    @Test
    void anotherReadStartsOnlyWithinTheBytesInFlightButTwoAlwaysMay() {
        ChunkSizer sizer = new ChunkSizer(2 * MIB);
        assertThat(sizer.mayAsk(0, 0, 0)).isTrue();
        int most = ChunkSizer.MAX_READS;
        assertThat(sizer.mayAsk(most - 1, most - 1, (most - 1) * (long) ChunkSizer.FIRST_BYTES)).isTrue();
        assertThat(sizer.mayAsk(most, most, most * (long) ChunkSizer.FIRST_BYTES)).isFalse();
        // answers waiting behind an older read free their calls: more may start, within the bytes
        assertThat(sizer.mayAsk(1, most, ChunkSizer.BYTES_IN_FLIGHT - ChunkSizer.FIRST_BYTES)).isTrue();
        assertThat(sizer.mayAsk(1, 32, ChunkSizer.BYTES_IN_FLIGHT)).isFalse();
        for (int i = 0; i < 3; i++) {
            sizer.answered(sizer.chunkBytes(), true, FAST);
        }
        assertThat(sizer.chunkBytes()).isEqualTo(2 * MIB);
        // reads of 2 MiB: four together fill the bound
        assertThat(sizer.mayAsk(3, 3, 6L * MIB)).isTrue();
        assertThat(sizer.mayAsk(4, 4, 8L * MIB)).isFalse();
        // reads planned before the growth count as they are
        assertThat(sizer.mayAsk(3, 3, 7L * MIB)).isFalse();
        assertThat(sizer.mayAsk(1, 1, 7L * MIB)).as("fewer than two asked").isTrue();
    }
}
