package io.ripple.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Waiting for a task that runs on another thread: its result, or what it threw as the waiting caller's own exception
 * instead of an {@link ExecutionException} around it.
 */
public final class FutureWaits {

    private FutureWaits() {
    }

    /**
     * What {@code task} returned, waiting as long as it takes.
     *
     * @param failure what to throw for what the task threw
     * @throws X the task failed: what {@code failure} made of its exception
     * @throws InterruptedException this thread was interrupted while it waited (the flag cleared, as by Future.get)
     */
    public static <T, X extends Exception> T result(Future<T> task, Function<Throwable, X> failure)
            throws X, InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw failure.apply(e.getCause());
        }
    }

    /**
     * What {@code task} returned, waiting at most {@code timeout}; the task goes on when the wait ends.
     *
     * @param failure what to throw for what the task threw
     * @throws X the task failed: what {@code failure} made of its exception
     * @throws TimeoutException the task did not end in time
     * @throws InterruptedException this thread was interrupted while it waited (the flag cleared, as by Future.get)
     */
    public static <T, X extends Exception> T result(Future<T> task, long timeout, TimeUnit unit, Function<Throwable, X> failure)
            throws X, TimeoutException, InterruptedException {
        try {
            return task.get(timeout, unit);
        } catch (ExecutionException e) {
            throw failure.apply(e.getCause());
        }
    }

    /**
     * A {@code failure} that lets what the task threw through as it was when it is a {@code type}, a RuntimeException
     * or an Error, and wraps any other (checked) exception with {@code wrap}.
     */
    public static <X extends Exception> Function<Throwable, X> thrownAs(Class<X> type, Function<Throwable, X> wrap) {
        return cause -> {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return wrap.apply(cause);
        };
    }
}
