package io.ripple.management;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A request body read whole only when it is small: one a client declares longer than the bound is refused before a byte
 * of it is read, and one sent without a length (chunked) is read no further than one byte past the bound.
 */
final class BoundedBody {

    /** The largest body the agent reads; a bulk request of a few hundred reads fits in far less. */
    static final int LIMIT_BYTES = 256 * 1024;

    private BoundedBody() {
    }

    /**
     * The body, or empty when it is longer than {@code limitBytes}.
     *
     * @param contentLength the request's {@code Content-Length} header, or {@code null} when it has none
     */
    static Optional<byte[]> read(InputStream body, String contentLength, int limitBytes) throws IOException {
        if (declaredLength(contentLength) > limitBytes) {
            return Optional.empty();
        }
        byte[] read = body.readNBytes(limitBytes + 1);
        return read.length > limitBytes ? Optional.empty() : Optional.of(read);
    }

    /** The declared length; -1 when there is none or it is not a number (the bounded read then decides). */
    private static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
