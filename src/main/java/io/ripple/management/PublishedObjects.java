package io.ripple.management;

import java.io.IOException;

/**
 * The published files a server holds, by SHA-256: what the Jolokia endpoint's {@value #PATH} context serves to the
 * other Ripple servers of its cluster as raw bytes, outside Jolokia's JSON ({@link JolokiaEndpoint#serveObjects}).
 */
public interface PublishedObjects {

    /** The context path beside {@code /jolokia}: {@code GET /ripple-object/SHA256?offset=N&length=N}. */
    String PATH = "/ripple-object";
    /**
     * A response header that every answer of that context carries: a 404 without it comes from a server that has no such
     * context (an earlier release), which is read the old way.
     */
    String SERVED_HEADER = "X-Ripple-Object-Reads";

    /**
     * The size of a published file.
     *
     * @throws IllegalArgumentException when no published file has that SHA-256
     */
    long size(String sha256) throws IOException;

    /** Up to {@code length} bytes of it from {@code offset}; fewer only at its end. */
    byte[] read(String sha256, long offset, int length) throws IOException;
}
