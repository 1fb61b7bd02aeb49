package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import io.ripple.config.StanzaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Start never runs beside a stop that is still ending; a host's failing isReady() is logged once, not per probe. */
class HostLifecycleStopAndReadyTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(HostLifecycle.class);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    private HostLifecycle lifecycle(RippleHost host) throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, "[server]\nname = r1\n[cluster]\nis-master = yes\nstop-timeout = 1\n");
        HostLifecycle lifecycle = new HostLifecycle(NodeSettings.from(conf, StanzaFile.read(conf)), host);
        lifecycle.start(1);
        return lifecycle;
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Nested
    class AStopThatOutlastsStopTimeout {

        @Test
        void endingAfterItsInterruptEndsBeforeTheStartBegins() throws Exception {
            AtomicBoolean stopping = new AtomicBoolean();
            AtomicBoolean startedWhileStopping = new AtomicBoolean();
            AtomicInteger starts = new AtomicInteger();
            RippleHost host = new RippleHost() {
                @Override
                public void start(HostConfiguration configuration) {
                    starts.incrementAndGet();
                    startedWhileStopping.compareAndSet(false, stopping.get());
                }

                @Override
                public void stop() {
                    stopping.set(true);
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        // closing what it holds takes a moment after the interrupt
                        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    } finally {
                        stopping.set(false);
                    }
                }
            };
            HostLifecycle lifecycle = lifecycle(host);

            String note = lifecycle.restart(2, "test");

            assertThat(note).isEqualTo("stop forced after stop-timeout 1 s");
            assertThat(starts).hasValue(2);
            assertThat(startedWhileStopping).as("start() ran while stop() was still ending").isFalse();
            assertThat(lifecycle.state()).isEqualTo(ServerState.RUNNING);
        }

        @Test
        void ignoringItsInterruptIsAbandonedAndTheNoteAndALogSaySo() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            RippleHost host = new RippleHost() {
                @Override
                public void start(HostConfiguration configuration) {
                }

                @Override
                public void stop() {
                    while (true) {
                        try {
                            if (release.await(10, TimeUnit.SECONDS)) {
                                return;
                            }
                        } catch (InterruptedException ignored) {
                            // a stop that will not be interrupted
                        }
                    }
                }
            };
            HostLifecycle lifecycle = lifecycle(host);
            try {
                String note = lifecycle.restart(2, "test");

                assertThat(note).isEqualTo("stop forced after stop-timeout 1 s; stop() abandoned while it still runs");
                assertThat(lifecycle.state()).isEqualTo(ServerState.RUNNING);
                assertThat(warnings()).anyMatch(w -> w.contains("abandoned; the start goes on while it runs"));
            } finally {
                release.countDown();
            }
        }
    }

    @Nested
    class AFailingIsReady {

        @Test
        void isNotReadyAndLoggedOncePerFailureUntilItAnswersAgain() throws Exception {
            AtomicReference<RuntimeException> failure = new AtomicReference<>(new IllegalStateException("pool closed"));
            RippleHost host = new RippleHost() {
                @Override
                public void start(HostConfiguration configuration) {
                }

                @Override
                public void stop() {
                }

                @Override
                public boolean isReady() {
                    RuntimeException e = failure.get();
                    if (e != null) {
                        throw e;
                    }
                    return true;
                }
            };
            HostLifecycle lifecycle = lifecycle(host);

            for (int i = 0; i < 20; i++) {
                assertThat(lifecycle.ready()).isFalse();
            }
            failure.set(new IllegalArgumentException("no port"));
            assertThat(lifecycle.ready()).isFalse();
            assertThat(lifecycle.ready()).isFalse();
            failure.set(null);
            assertThat(lifecycle.ready()).isTrue();
            failure.set(new IllegalStateException("pool closed"));
            assertThat(lifecycle.ready()).isFalse();

            assertThat(warnings()).containsExactly(
                    "RPL6006W The hosted server's isReady() failed: java.lang.IllegalStateException: pool closed; it counts as not Ready",
                    "RPL6006W The hosted server's isReady() failed: java.lang.IllegalArgumentException: no port; it counts as not Ready",
                    "RPL6006W The hosted server's isReady() failed: java.lang.IllegalStateException: pool closed; it counts as not Ready");
            assertThat(logged.list).allMatch(e -> e.getThrowableProxy() == null);
        }
    }
}
