package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one line {@code --wait} prints while a run waits out its {@code -pause} between batches. */
class BatchPauseTest {

    private static final long ENDED = Instant.parse("2026-11-30T15:40:00Z").toEpochMilli();

    private static Map<String, String> states(String... nameState) {
        Map<String, String> states = new LinkedHashMap<>();
        for (int i = 0; i < nameState.length; i += 2) {
            states.put(nameState[i], nameState[i + 1]);
        }
        return states;
    }

    @Test
    void betweenBatchesItNamesThePauseAndItsEndOnce() {
        BatchPause pause = BatchPause.of("plan: batch 1, pause 10 s, min-ready 0, max-failures none");
        Map<String, String> between = states("r1", "RESTARTED", "r2", "PENDING");
        assertThat(pause.line(between, ENDED)).isEqualTo(
                "Waiting out the pause between batches (-pause 10): the next batch starts at 15:40:10 UTC.");
        assertThat(pause.line(between, ENDED)).isNull();
    }

    @Test
    void eachPauseIsNamedOnceTheNextBatchHasStarted() {
        BatchPause pause = BatchPause.of("plan: batch 1, pause 5 s, min-ready 0, max-failures 1");
        assertThat(pause.line(states("r1", "RESTARTED", "r2", "PENDING", "r3", "PENDING"), ENDED)).isNotNull();
        assertThat(pause.line(states("r1", "RESTARTED", "r2", "REQUESTED", "r3", "PENDING"), ENDED)).isNull();
        assertThat(pause.line(states("r1", "RESTARTED", "r2", "RESTARTED", "r3", "PENDING"), ENDED + 30_000))
                .endsWith("starts at 15:40:35 UTC.");
    }

    @Test
    void noLineWithoutAPauseWhileABatchWorksBeforeTheFirstOrAfterTheLast() {
        assertThat(BatchPause.of("ripple").line(states("r1", "RESTARTED", "r2", "PENDING"), ENDED)).isNull();
        assertThat(BatchPause.of(null).line(states("r1", "RESTARTED", "r2", "PENDING"), ENDED)).isNull();
        BatchPause pause = BatchPause.of("plan: batch 1, pause 10 s, min-ready 0, max-failures none");
        assertThat(pause.line(states("r1", "PENDING", "r2", "PENDING"), 0)).isNull();
        assertThat(pause.line(states("r1", "SYNCING", "r2", "PENDING"), ENDED)).isNull();
        assertThat(pause.line(states("r1", "RESTARTED", "r2", "RESTARTED"), ENDED)).isNull();
    }
}
