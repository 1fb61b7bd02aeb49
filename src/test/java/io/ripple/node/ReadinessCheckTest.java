package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ReadinessCheckTest {

    private static final long INTERVAL_MILLIS = 5;

    /** Answers the given probes in order, then the last one forever. */
    private static BooleanSupplier answers(Boolean... probes) {
        Deque<Boolean> left = new ArrayDeque<>(List.of(probes));
        return () -> left.size() > 1 ? left.poll() : left.peek();
    }

    private static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aServerReadyForEveryProbeHolds() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();
        ReadinessCheck check = new ReadinessCheck(() -> probes.incrementAndGet() > 0, 3, 0, INTERVAL_MILLIS);
        assertThat(check.await(deadlineIn(5_000))).isEmpty();
        assertThat(probes).hasValue(3);
    }

    @Test
    void aServerSlowToComeUpIsWaitedFor() throws InterruptedException {
        ReadinessCheck check = new ReadinessCheck(answers(false, false, true), 2, 0, INTERVAL_MILLIS);
        assertThat(check.await(deadlineIn(5_000))).isEmpty();
    }

    @Test
    void aServerThatFallsOverAfterComingUpFails() throws InterruptedException {
        ReadinessCheck check = new ReadinessCheck(answers(true, true, false), 3, 0, INTERVAL_MILLIS);
        assertThat(check.await(deadlineIn(5_000))).hasValueSatisfying(why ->
                assertThat(why).startsWith("it was Ready, then not Ready").contains("after 2 of 3 Ready probes"));
    }

    @Test
    void aServerThatFailedOnItsOwnFailsAtOnceWithItsReason() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();
        String[] failure = {""};
        ReadinessCheck check = new ReadinessCheck(() -> {
            if (probes.incrementAndGet() == 2) {
                failure[0] = "the program's main threw java.lang.IllegalStateException: no";
            }
            return false;
        }, () -> failure[0], 1, 0, INTERVAL_MILLIS);
        long start = System.nanoTime();
        assertThat(check.await(deadlineIn(60_000))).hasValue("the program's main threw java.lang.IllegalStateException: no");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        assertThat(probes).hasValue(2);
    }

    @Test
    void theSoakTimeMustPassToo() throws InterruptedException {
        long start = System.nanoTime();
        ReadinessCheck check = new ReadinessCheck(() -> true, 1, 100, INTERVAL_MILLIS);
        assertThat(check.await(deadlineIn(5_000))).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100);
        assertThat(check.describe()).isEqualTo("1 Ready probe and 0 s of soak");
    }

    @Test
    void aServerNeverReadyFailsAtTheDeadline() throws InterruptedException {
        ReadinessCheck check = new ReadinessCheck(() -> false, 3, 0, INTERVAL_MILLIS);
        assertThat(check.await(deadlineIn(50))).hasValue("not Ready within max-wait-time");
    }

    @Test
    void aSoakLongerThanTheTimeLeftFailsAtTheDeadline() throws InterruptedException {
        ReadinessCheck check = new ReadinessCheck(() -> true, 3, 10_000, INTERVAL_MILLIS);
        assertThat(check.await(deadlineIn(50))).hasValueSatisfying(why -> assertThat(why).startsWith("max-wait-time ran out after"));
    }

    @Test
    void aProbeThatThrowsCountsAsNotReady() throws InterruptedException {
        ReadinessCheck check = new ReadinessCheck(() -> {
            throw new IllegalStateException("boom");
        }, 1, 0, INTERVAL_MILLIS);
        assertThat(check.await(deadlineIn(30))).hasValue("not Ready within max-wait-time");
    }
}
