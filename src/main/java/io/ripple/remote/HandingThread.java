package io.ripple.remote;

import java.util.concurrent.Executor;

/**
 * The executor of Ripple's JDK HTTP clients: a task runs on the thread that hands it on, the client's selector thread
 * included. The JDK's default gives every client a pool, and each answer then crosses one more thread before it reaches
 * the caller: at 100 replicas in a row, on two busy cores, that hand-off was a large share of a turn's time (see
 * BENCHMARKS.md, issue #20). Nothing blocks inside these tasks: every call is a blocking {@code send} whose caller reads
 * the body itself, and the body is handed over without waiting ({@code BodyHandlers.ofInputStream} asks for the next
 * buffer only once the caller took the last).
 */
final class HandingThread {

    static final Executor EXECUTOR = Runnable::run;

    private HandingThread() {
    }
}
