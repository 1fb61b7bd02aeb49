package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.cluster.RunState;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code cluster status}'s exit code for each state of the latest run: what scripts gate on. */
class StatusExitCodeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            COMPLETED,   0
            FAILED,      1
            REVERTED,    1
            CANCELLED,   1
            INTERRUPTED, 1
            IN_PROGRESS, 4
            none,        0
            null,        0
            SOMETHING,   1
            """)
    void eachRunStateHasItsExitCode(String state, int exitCode) {
        assertThat(ClusterStatusCommand.exitCode(state)).isEqualTo(exitCode);
    }

    @ParameterizedTest
    @EnumSource(RunState.class)
    void everyRunStateIsCoveredAndOnlyCompletedIsZero(RunState state) {
        int code = ClusterStatusCommand.exitCode(state.name());
        assertThat(code).isEqualTo(state == RunState.COMPLETED ? ExitCodes.OK
                : state == RunState.IN_PROGRESS ? ExitCodes.IN_PROGRESS : ExitCodes.FAILED);
        assertThat(Arrays.asList(ExitCodes.OK, ExitCodes.FAILED, ExitCodes.IN_PROGRESS)).contains(code);
    }
}
