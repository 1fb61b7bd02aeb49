package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncingDetailTest {

    long clock = 1_000_000;
    final List<String> recorded = new ArrayList<>();
    final SyncingDetail detail = new SyncingDetail(recorded::add, () -> clock);

    @Test
    void saysTheBytesDoneOfTheTotalInMebibytesAndBytes() {
        detail.pulled(13_107_200, 41_943_040);

        assertThat(recorded).containsExactly("syncing: 12.5 MiB of 40.0 MiB (13107200 of 41943040 bytes)");
    }

    @Test
    void recordsTheFirstPieceThenAtMostOnceASecond() {
        detail.pulled(1, 100);
        clock += 400;
        detail.pulled(50, 100);
        clock += 599;
        detail.pulled(60, 100);
        clock += 1;
        detail.pulled(70, 100);

        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(1)).contains("(70 of 100 bytes)");
    }
}
