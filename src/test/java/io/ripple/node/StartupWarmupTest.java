package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class StartupWarmupTest {

    @Test
    void everyStepWorksOnThisJvm() throws Exception {
        for (Callable<?> step : StartupWarmup.steps()) {
            step.call();
        }
    }

    @Test
    void aFailedStepIsLeftForTheStartAndTheLaterStepsStillRun() {
        List<String> ran = new ArrayList<>();
        List<Callable<?>> steps = List.of(
                () -> ran.add("first"),
                () -> {
                    throw new IllegalStateException("no such provider");
                },
                () -> {
                    throw new NoClassDefFoundError("javax/crypto/Mac");
                },
                () -> ran.add("last"));
        assertThatCode(() -> StartupWarmup.run(steps)).doesNotThrowAnyException();
        assertThat(ran).containsExactly("first", "last");
    }

    @Test
    void onlyTheFirstBeginStartsTheWarmup() {
        StartupWarmup.begin(); // another test's Ripple.start may have been the first in this JVM
        assertThat(StartupWarmup.begin()).isFalse();
        assertThat(StartupWarmup.begin()).isFalse();
    }
}
