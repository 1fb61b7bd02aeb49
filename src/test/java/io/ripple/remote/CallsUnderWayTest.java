package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallsUnderWayTest {

    private final CallsUnderWay calls = new CallsUnderWay();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Supplier<RemoteException> abandoned = () -> new RemoteException(RemoteException.Kind.TIMEOUT, "abandoned", null);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** The call and, after it, whether its thread was left interrupted. */
    private record Ended(String answer, RemoteException failure, boolean interruptedAfter) {
    }

    private Future<Ended> start(Supplier<String> call) {
        return pool.submit(() -> {
            try {
                return new Ended(calls.run(call, abandoned), null, Thread.currentThread().isInterrupted());
            } catch (RemoteException e) {
                return new Ended(null, e, Thread.currentThread().isInterrupted());
            }
        });
    }

    @Test
    void aCallWaitingWhenTheConnectionClosesIsInterruptedAndFailsAndItsThreadGoesOnUninterrupted() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Ended> call = start(() -> {
            waiting.countDown();
            try {
                new CountDownLatch(1).await(); // a call that never answers: only the interrupt ends it
                return "late answer";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as the Jolokia client does, before it throws
                throw new IllegalStateException("interrupted");
            }
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.waiting() == 1);

        calls.abandonAll();

        Ended ended = call.get(5, TimeUnit.SECONDS);
        assertThat(ended.failure()).hasMessage("abandoned");
        assertThat(ended.failure().getSuppressed()).singleElement().satisfies(e -> assertThat(e).hasMessage("interrupted"));
        assertThat(ended.interruptedAfter()).isFalse();
        assertThat(calls.waiting()).isZero();
    }

    @Test
    void anAnswerThatComesAfterTheConnectionClosedIsNotUsed() throws Exception {
        AtomicBoolean answerNow = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Ended> call = start(() -> {
            waiting.countDown();
            while (!answerNow.get()) {
                Thread.onSpinWait(); // deaf to interrupts: it answers anyway
            }
            return "late answer";
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.waiting() == 1);

        calls.abandonAll();
        answerNow.set(true);

        Ended ended = call.get(15, TimeUnit.SECONDS);
        assertThat(ended.answer()).isNull();
        assertThat(ended.failure()).hasMessage("abandoned");
        assertThat(ended.interruptedAfter()).isFalse();
    }

    @Test
    void afterTheConnectionClosedNoCallIsMade() {
        calls.abandonAll();
        AtomicBoolean made = new AtomicBoolean();

        assertThatThrownBy(() -> calls.run(() -> {
            made.set(true);
            return "answer";
        }, abandoned)).hasMessage("abandoned");
        assertThat(made).isFalse();
    }

    @Test
    void callsThatEndedBeforeTheCloseKeepTheirAnswersAndTheirThreadsAreNotInterruptedLater() throws Exception {
        assertThat(calls.run(() -> "answer", abandoned)).isEqualTo("answer");
        assertThatThrownBy(() -> calls.run(() -> {
            throw new IllegalStateException("remote error");
        }, abandoned)).hasMessage("remote error");

        CompletableFuture<Boolean> interruptedLater = new CompletableFuture<>();
        CountDownLatch ran = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        pool.execute(() -> {
            calls.run(() -> "answer", abandoned);
            ran.countDown();
            try {
                closed.await();
                interruptedLater.complete(Thread.currentThread().isInterrupted());
            } catch (InterruptedException e) {
                interruptedLater.complete(true);
            }
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        calls.abandonAll();
        closed.countDown();

        assertThat(interruptedLater.get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void anErrorThatIsNotAboutTheCloseIsThrownAsItIs() {
        assertThatThrownBy(() -> calls.run(() -> {
            throw new RemoteException(RemoteException.Kind.REMOTE_ERROR, "the replica refused", null);
        }, abandoned)).hasMessage("the replica refused");
    }
}
