package io.ripple.config;

/** The most a replica accepts from a master: per file and for the whole configuration. */
public record SyncLimits(long maxFileBytes, long maxTotalBytes) {

    public static final SyncLimits DEFAULT = new SyncLimits(256L * 1024 * 1024, 2L * 1024 * 1024 * 1024);
}
