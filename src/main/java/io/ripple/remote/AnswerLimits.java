package io.ripple.remote;

import io.ripple.util.JsonMappers;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * Limits on an answer from another server, checked before anything converts, stores or prints it. Jolokia's client
 * parses JSON without recursion, but everything after it (Jackson's conversion, {@code toString}) recurses, so an
 * answer nested a few hundred thousand levels deep would end the calling thread with a {@link StackOverflowError}.
 * No answer of a Ripple MBean is nested more than a few levels deep, and the largest, a manifest, holds a few values
 * per file.
 */
final class AnswerLimits {

    /** Deeper than any answer of a Ripple MBean (a manifest is a list of objects: 3 levels). */
    static final int MAX_DEPTH = JsonMappers.ANSWER_MAX_DEPTH;
    /** Values in one answer: a manifest of 100,000 files has about 400,000. */
    static final int MAX_VALUES = 1_000_000;
    /** Characters of an answer quoted in an error message. */
    private static final int PREVIEW_CHARS = 200;

    private AnswerLimits() {
    }

    /**
     * Walks the answer (maps, collections and scalars, as Jolokia's parser builds them) without recursion.
     *
     * @throws RemoteException REMOTE_ERROR when the answer is nested deeper than {@link #MAX_DEPTH} or holds more than
     *     {@link #MAX_VALUES} values
     */
    static void check(Object answer, String url, String what) {
        Deque<Object> pending = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        pending.push(answer == null ? "" : answer);
        depths.push(1);
        long values = 0;
        while (!pending.isEmpty()) {
            Object value = pending.pop();
            int depth = depths.pop();
            if (++values > MAX_VALUES) {
                throw RemoteFailures.remoteError(url, "the answer of " + what + " holds more than " + MAX_VALUES
                        + " values; refused", null);
            }
            Collection<?> children = value instanceof Map<?, ?> map ? map.values()
                    : value instanceof Collection<?> list ? list : null;
            if (children == null) {
                continue;
            }
            if (depth >= MAX_DEPTH && !children.isEmpty()) {
                throw RemoteFailures.remoteError(url, "the answer of " + what + " is nested deeper than " + MAX_DEPTH
                        + " levels; refused", null);
            }
            for (Object child : children) {
                pending.push(child == null ? "" : child);
                depths.push(depth + 1);
            }
        }
    }

    /** The start of an answer that passed {@link #check}, for an error message. */
    static String preview(Object answer) {
        String text = String.valueOf(answer);
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "… (" + text.length() + " characters)";
    }
}
