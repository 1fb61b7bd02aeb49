package io.ripple.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FutureWaitsTest {

    private static final Function<Throwable, IOException> AS_IO = FutureWaits.thrownAs(IOException.class, IOException::new);

    private static CompletableFuture<String> failedWith(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }

    @Test
    void theResultOfATaskThatEnded() throws Exception {
        assertThat(FutureWaits.result(CompletableFuture.completedFuture("done"), AS_IO)).isEqualTo("done");
        assertThat(FutureWaits.result(CompletableFuture.completedFuture("done"), 1, TimeUnit.SECONDS, AS_IO)).isEqualTo("done");
    }

    @Test
    void whatTheTaskThrewIsGivenToTheFailureNotAnExecutionException() {
        IllegalStateException thrown = new IllegalStateException("no");

        assertThatThrownBy(() -> FutureWaits.result(failedWith(thrown), cause -> new IOException("wrapped", cause)))
                .isInstanceOf(IOException.class).hasMessage("wrapped").hasCause(thrown);
    }

    @Test
    void aTaskThatDoesNotEndInTimeIsATimeOut() {
        CompletableFuture<String> never = new CompletableFuture<>();

        assertThatThrownBy(() -> FutureWaits.result(never, 50, TimeUnit.MILLISECONDS, AS_IO))
                .isInstanceOf(TimeoutException.class);
        assertThat(never).isNotDone();
    }

    @Test
    void anInterruptedWaitEndsAtOnce() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> FutureWaits.result(new CompletableFuture<String>(), AS_IO))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void thrownAsLetsItsTypeUncheckedOnesAndErrorsThroughAsTheyWere() {
        IOException io = new IOException("io");
        IllegalArgumentException runtime = new IllegalArgumentException("runtime");
        AssertionError error = new AssertionError("error");

        assertThatThrownBy(() -> FutureWaits.result(failedWith(io), AS_IO)).isSameAs(io);
        assertThatThrownBy(() -> FutureWaits.result(failedWith(runtime), AS_IO)).isSameAs(runtime);
        assertThatThrownBy(() -> FutureWaits.result(failedWith(error), AS_IO)).isSameAs(error);
    }

    @Test
    void thrownAsWrapsAnyOtherCheckedException() {
        Exception other = new Exception("other");

        assertThatThrownBy(() -> FutureWaits.result(failedWith(other), AS_IO)).isInstanceOf(IOException.class).hasCause(other);
    }
}
