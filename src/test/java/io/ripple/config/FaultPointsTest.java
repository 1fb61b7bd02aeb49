package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault points act only in a JVM the tests started with fault injection enabled. */
class FaultPointsTest {

    private static Properties properties(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    @Test
    void noPropertiesMeanNoFaults() {
        assertThat(FaultPoints.Plan.of(properties())).isEqualTo(FaultPoints.Plan.NONE);
    }

    @Test
    void pauseAndSkipWithoutTheEnablingPropertyAreIgnored() {
        FaultPoints.Plan plan = FaultPoints.Plan.of(properties(FaultPoints.PAUSE_PROPERTY, FaultPoints.STAGED,
                FaultPoints.SKIP_PROPERTY, FaultPoints.REPORT));

        assertThat(plan).isEqualTo(FaultPoints.Plan.NONE);
    }

    @Test
    void anEnablingValueOtherThanTrueLeavesThemOff() {
        assertThat(FaultPoints.Plan.of(properties(FaultPoints.ENABLED_PROPERTY, "yes",
                FaultPoints.SKIP_PROPERTY, FaultPoints.REPORT))).isEqualTo(FaultPoints.Plan.NONE);
    }

    @Test
    void enabledTheyPauseAndSkipWhatTheTestsNamed() {
        FaultPoints.Plan plan = FaultPoints.Plan.of(properties(FaultPoints.ENABLED_PROPERTY, "true",
                FaultPoints.PAUSE_PROPERTY, " staged, applying ", FaultPoints.SKIP_PROPERTY, FaultPoints.REPORT));

        assertThat(plan.paused()).isEqualTo(Set.of(FaultPoints.STAGED, FaultPoints.APPLYING));
        assertThat(plan.skipped()).isEqualTo(Set.of(FaultPoints.REPORT));
    }

    @Test
    void thisTestJvmHasNoFaultPoints() {
        assertThat(FaultPoints.skip(FaultPoints.REPORT)).isFalse();
    }
}
