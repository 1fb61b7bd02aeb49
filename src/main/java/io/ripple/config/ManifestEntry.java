package io.ripple.config;

/** One item of a configuration database: a replicated file, or the replicated entries as one pseudo-file. */
public record ManifestEntry(String path, long size, String sha256) {
}
