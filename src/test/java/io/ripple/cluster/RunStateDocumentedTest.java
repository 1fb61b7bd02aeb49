package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.ClusterMXBean;
import io.ripple.management.Description;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JConsole's text for {@code LastRunState} names every state a run can end in. */
class RunStateDocumentedTest {

    @ParameterizedTest
    @EnumSource(RunState.class)
    void theLastRunStateDescriptionNamesEveryState(RunState state) throws NoSuchMethodException {
        Description description = ClusterMXBean.class.getMethod("getLastRunState").getAnnotation(Description.class);

        assertThat(description.value()).contains(state.name());
    }
}
