package io.ripple.config;

import java.io.IOException;

/** Where a replica reads published files from: the master, addressed by SHA-256. */
@FunctionalInterface
public interface ObjectSource {

    /** Up to {@code length} bytes of the file with this SHA-256, from {@code offset}; fewer only at its end. */
    byte[] read(String sha256, long offset, int length) throws IOException;

    /**
     * Several whole small files in one call, in the order asked; a source that cannot do that reads them one by one.
     * What arrives is verified by the caller.
     */
    default java.util.List<byte[]> readAll(java.util.List<ManifestEntry> entries) throws IOException {
        java.util.List<byte[]> contents = new java.util.ArrayList<>();
        for (ManifestEntry e : entries) {
            contents.add(read(e.sha256(), 0, (int) e.size()));
        }
        return contents;
    }
}
