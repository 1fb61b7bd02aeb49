package io.ripple;

import java.beans.ConstructorProperties;
import java.util.List;

/** A published version of the master's configuration database: what a replica syncs to. */
public final class VersionInfo {

    private final long version;
    private final long timestamp;
    private final String digest;
    private final List<FileInfo> files;

    @ConstructorProperties({"version", "timestamp", "digest", "files"})
    public VersionInfo(long version, long timestamp, String digest, List<FileInfo> files) {
        this.version = version;
        this.timestamp = timestamp;
        this.digest = digest;
        this.files = List.copyOf(files);
    }

    public long getVersion() {
        return version;
    }

    /** When the master made this version, in epoch milliseconds. */
    public long getTimestamp() {
        return timestamp;
    }

    /** SHA-256 hex over the files in path order. */
    public String getDigest() {
        return digest;
    }

    /** Every file, the replicated entries as {@code <entries>}. */
    public List<FileInfo> getFiles() {
        return files;
    }
}
