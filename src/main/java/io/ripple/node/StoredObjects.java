package io.ripple.node;

import io.ripple.management.PublishedObjects;
import java.io.IOException;
import java.util.function.Supplier;

/** The published files of this server's configuration of the moment (a promotion gives it another), by SHA-256. */
final class StoredObjects implements PublishedObjects {

    private final Supplier<LocalConfiguration> configuration;

    StoredObjects(Supplier<LocalConfiguration> configuration) {
        this.configuration = configuration;
    }

    @Override
    public long size(String sha256) throws IOException {
        return configuration.get().store().objectSize(sha256);
    }

    @Override
    public byte[] read(String sha256, long offset, int length) throws IOException {
        return configuration.get().store().readObject(sha256, offset, length);
    }
}
