package io.ripple.config;

import java.io.IOException;

/** Where a replica reads published files from: the master, addressed by SHA-256. */
@FunctionalInterface
public interface ObjectSource {

    /** Up to {@code length} bytes of the file with this SHA-256, from {@code offset}; fewer only at its end. */
    byte[] read(String sha256, long offset, int length) throws IOException;
}
