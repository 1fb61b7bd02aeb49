package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import io.ripple.config.StanzaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drain before a restart's stop, and the stop-timeout that forces a stop that hangs. */
class HostLifecycleDrainTest {

    @TempDir
    Path dir;

    private HostLifecycle lifecycle(String cluster, RippleHost host) throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, "[server]\nname = r1\n[cluster]\nis-master = yes\n" + cluster);
        HostLifecycle lifecycle = new HostLifecycle(NodeSettings.from(conf, StanzaFile.read(conf)), host);
        lifecycle.start(1);
        return lifecycle;
    }

    /** A host whose drain says "idle" at once and records what Ripple showed while it drained. */
    static final class IdleHost implements RippleHost {
        final AtomicInteger drains = new AtomicInteger();
        final AtomicBoolean readyDuringDrain = new AtomicBoolean(true);
        final AtomicBoolean drainingDuringDrain = new AtomicBoolean();
        final AtomicReference<Duration> budget = new AtomicReference<>();
        HostLifecycle lifecycle;

        @Override
        public void start(HostConfiguration configuration) {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean drain(Duration budget) {
            drains.incrementAndGet();
            this.budget.set(budget);
            readyDuringDrain.set(lifecycle.ready());
            drainingDuringDrain.set(lifecycle.draining());
            return true;
        }
    }

    @Test
    void noDrainTimeMeansNoDrainAndAnEmptyNote() throws Exception {
        IdleHost host = new IdleHost();
        HostLifecycle lifecycle = lifecycle("", host);
        host.lifecycle = lifecycle;
        assertThat(lifecycle.restart(2, "test")).isEmpty();
        assertThat(host.drains).hasValue(0);
        assertThat(lifecycle.state()).isEqualTo(ServerState.RUNNING);
    }

    @Test
    void anIdleHostIsStoppedBeforeTheDrainTimeIsOverAndWasNotReadyMeanwhile() throws Exception {
        IdleHost host = new IdleHost();
        HostLifecycle lifecycle = lifecycle("drain-time = 5\n", host);
        host.lifecycle = lifecycle;
        long start = System.nanoTime();
        String note = lifecycle.restart(2, "test");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4000);
        assertThat(note).matches("drained \\d+ ms \\(host idle\\)");
        assertThat(host.budget.get()).isEqualTo(Duration.ofSeconds(5));
        assertThat(host.readyDuringDrain).isFalse();
        assertThat(host.drainingDuringDrain).isTrue();
        assertThat(lifecycle.draining()).isFalse();
        assertThat(lifecycle.ready()).isTrue();
    }

    @Test
    void aHostWithoutADrainHookIsGivenTheWholeDrainTime() throws Exception {
        RippleHost host = new RippleHost() {
            @Override
            public void start(HostConfiguration configuration) {
            }

            @Override
            public void stop() {
            }
        };
        HostLifecycle lifecycle = lifecycle("drain-time = 1\n", host);
        long start = System.nanoTime();
        String note = lifecycle.restart(2, "test");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1000);
        assertThat(note).matches("drained \\d{4,} ms");
    }

    @Test
    void aStopThatOutlastsStopTimeoutIsInterruptedAbandonedAndReported() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger starts = new AtomicInteger();
        RippleHost host = new RippleHost() {
            @Override
            public void start(HostConfiguration configuration) {
                starts.incrementAndGet();
            }

            @Override
            public void stop() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        };
        HostLifecycle lifecycle = lifecycle("stop-timeout = 1\n", host);
        String note = lifecycle.restart(2, "test");
        assertThat(note).isEqualTo("stop forced after stop-timeout 1 s");
        assertThat(starts).hasValue(2);
        assertThat(lifecycle.state()).isEqualTo(ServerState.RUNNING);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
    }
}
