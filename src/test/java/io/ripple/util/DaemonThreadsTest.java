package io.ripple.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    private static final Runnable NOTHING = () -> { };

    @Test
    void namedThreadsAreDaemonsWithThatName() {
        ThreadFactory factory = DaemonThreads.named("ripple-test");

        assertThat(factory.newThread(NOTHING)).satisfies(t -> {
            assertThat(t.getName()).isEqualTo("ripple-test");
            assertThat(t.isDaemon()).isTrue();
        });
        assertThat(factory.newThread(NOTHING).getName()).isEqualTo("ripple-test");
    }

    @Test
    void numberedThreadsCountFromOnePerFactory() {
        ThreadFactory pool = DaemonThreads.numbered("ripple-pool");

        assertThat(pool.newThread(NOTHING).getName()).isEqualTo("ripple-pool-1");
        assertThat(pool.newThread(NOTHING).getName()).isEqualTo("ripple-pool-2");
        assertThat(pool.newThread(NOTHING).isDaemon()).isTrue();
        assertThat(DaemonThreads.numbered("ripple-pool").newThread(NOTHING).getName()).isEqualTo("ripple-pool-1");
    }

    @Test
    void startRunsTheTaskOnAStartedDaemonThread() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();

        Thread thread = DaemonThreads.start("ripple-once", () -> ranOn.complete(Thread.currentThread()));

        assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(thread);
        assertThat(thread.getName()).isEqualTo("ripple-once");
        assertThat(thread.isDaemon()).isTrue();
    }
}
