package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "7", "7.revert", "12345678901234567890", "run_7-b.c",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsWhatTheMasterMakes(String runId) {
        assertThat(RunId.check(runId)).isEqualTo(runId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "7 ", "7\n", "7\r\nforged", "7;rm", "../7", "7/revert", "é", "7\u001b[31m",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void refusesAnythingElse(String runId) {
        assertThatThrownBy(() -> RunId.check(runId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("': a run id is 1 to 64 letters, digits, '.', '_' or '-', as the master makes them (7, 7.revert).")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u001b"));
    }

    @org.junit.jupiter.api.Test
    void aHugeRunIdIsNamedShortly() {
        String huge = "1".repeat(1 << 20);
        assertThatThrownBy(() -> RunId.check(huge))
                .hasMessage("Invalid run id '" + "1".repeat(80) + "…(1048576 chars)': a run id is 1 to 64 letters, digits, '.', '_'"
                        + " or '-', as the master makes them (7, 7.revert).");
        assertThatThrownBy(() -> RunId.check(null)).hasMessageStartingWith("Invalid run id 'null'");
    }
}
