package io.ripple.config;

import java.util.List;

/** An immutable snapshot of the master's configuration database, as replicas receive it. */
public record PublishedVersion(long version, long timestamp, String digest, List<ManifestEntry> entries, String publishedBy) {

    public PublishedVersion {
        entries = List.copyOf(entries);
        publishedBy = publishedBy == null ? "" : publishedBy;
    }

    public PublishedVersion(long version, long timestamp, String digest, List<ManifestEntry> entries) {
        this(version, timestamp, digest, entries, "");
    }

    public long totalBytes() {
        return entries.stream().mapToLong(ManifestEntry::size).sum();
    }

    public int fileCount() {
        return entries.size();
    }

    public java.util.Optional<ManifestEntry> entry(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }
}
