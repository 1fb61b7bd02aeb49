package io.ripple.remote;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The calls waiting on one connection, so that closing the connection abandons them. Each waiting thread is
 * interrupted (the JDK's HTTP client then cancels its exchange, where a closed client alone would let it run on until
 * its time-out) and gets a {@link RemoteException} instead of any answer that still comes: whoever closed the
 * connection (the master, on the deadline of a replica's turn) has given up on that server, and a late answer must not
 * act.
 */
final class CallsUnderWay {

    private final Set<Thread> waiting = new HashSet<>();
    private boolean abandoned;

    /**
     * Runs {@code call} on this thread, unless the connection was closed.
     *
     * @param whenAbandoned the failure to throw when the connection is (or gets) closed before the call ends
     * @throws RemoteException {@code whenAbandoned}'s, or whatever {@code call} throws
     */
    <T> T run(Supplier<T> call, Supplier<RemoteException> whenAbandoned) {
        Thread self = Thread.currentThread();
        synchronized (this) {
            if (abandoned) {
                throw whenAbandoned.get();
            }
            waiting.add(self);
        }
        T answer;
        try {
            answer = call.get();
        } catch (RuntimeException | Error e) {
            if (leave(self)) {
                RemoteException gaveUp = whenAbandoned.get();
                gaveUp.addSuppressed(e);
                throw gaveUp;
            }
            throw e;
        }
        if (leave(self)) {
            throw whenAbandoned.get();
        }
        return answer;
    }

    /** True when the connection was closed while {@code self} waited; then the interrupt was ours, and is cleared. */
    private synchronized boolean leave(Thread self) {
        waiting.remove(self);
        if (abandoned) {
            // abandonAll() interrupted this thread while it waited (under this lock): the interrupt was ours, the
            // caller's thread goes on (a pool thread writes files next, which an interrupt would break)
            Thread.interrupted();
            return true;
        }
        return false;
    }

    /** Closes for good: every call waiting now is interrupted and fails; every later one fails at once. */
    synchronized void abandonAll() {
        abandoned = true;
        waiting.forEach(Thread::interrupt);
    }

    /** Calls waiting now (for tests). */
    synchronized int waiting() {
        return waiting.size();
    }
}
