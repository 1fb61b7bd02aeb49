package io.ripple.config;

import java.util.Random;

/** Published files for the tests of a pull: random bytes of a size, and their manifest entries. */
final class TestContents {

    private TestContents() {
    }

    /** {@code size} random bytes, the same for the same {@code seed}. */
    static byte[] content(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The manifest entry of {@code content} published at {@code path}. */
    static ManifestEntry entry(String path, byte[] content) {
        return new ManifestEntry(path, content.length, Hashing.sha256Hex(content));
    }
}
