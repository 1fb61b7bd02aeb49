package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RowStateTest {

    @Test
    void finalStatesAreTheOutcomes() {
        assertThat(Arrays.stream(RowState.values()).filter(RowState::isFinal))
                .containsExactlyInAnyOrder(RowState.RESTARTED, RowState.UP_TO_DATE, RowState.FAILED, RowState.TIMED_OUT,
                        RowState.SKIPPED);
    }

    @Test
    void failuresAreFailedAndTimedOutOnly() {
        assertThat(Arrays.stream(RowState.values()).filter(RowState::isFailure))
                .containsExactlyInAnyOrder(RowState.FAILED, RowState.TIMED_OUT);
    }

    @Test
    void activeStatesAreTheWorkingOnes() {
        assertThat(Arrays.stream(RowState.values()).filter(RowState::isActive))
                .containsExactlyInAnyOrder(RowState.REQUESTED, RowState.CHECKING, RowState.SYNCING, RowState.RESTARTING);
    }

    @ParameterizedTest
    @EnumSource(RowState.class)
    void everyStateIsExactlyOneOfPendingActiveOrFinal(RowState state) {
        int kinds = (state == RowState.PENDING ? 1 : 0) + (state.isActive() ? 1 : 0) + (state.isFinal() ? 1 : 0);
        assertThat(kinds).isEqualTo(1);
        if (state.isFailure()) {
            assertThat(state.isFinal()).isTrue();
        }
    }

    @Test
    void namesAreTheContractsServerStates() {
        assertThat(EnumSet.allOf(RowState.class)).extracting(Enum::name).containsExactly("PENDING", "REQUESTED", "CHECKING",
                "SYNCING", "RESTARTING", "RESTARTED", "UP_TO_DATE", "FAILED", "TIMED_OUT", "SKIPPED");
        assertThat(EnumSet.allOf(RunState.class)).extracting(Enum::name)
                .containsExactly("IN_PROGRESS", "COMPLETED", "FAILED", "CANCELLED", "INTERRUPTED", "REVERTED");
    }
}
