package io.ripple;

import java.beans.ConstructorProperties;

/** One item of a configuration database, as {@code ConfigStore.manifest()} lists it. */
public final class FileInfo {

    private final String path;
    private final long size;
    private final String sha256;

    @ConstructorProperties({"path", "size", "sha256"})
    public FileInfo(String path, long size, String sha256) {
        this.path = path;
        this.size = size;
        this.sha256 = sha256;
    }

    /** Path relative to the server's configuration folder; {@code <entries>} is the replicated stanza entries. */
    public String getPath() {
        return path;
    }

    public long getSize() {
        return size;
    }

    public String getSha256() {
        return sha256;
    }

    @Override
    public String toString() {
        return path + " " + size + " " + sha256;
    }
}
