package io.ripple.config;

/**
 * The most a replica takes from its master in one version; a larger version is refused before anything is written.
 *
 * @param maxFileBytes  the largest file
 * @param maxTotalBytes all files together
 * @param maxFiles      the number of files ({@code <entries>} not counted)
 */
public record SyncLimits(long maxFileBytes, long maxTotalBytes, int maxFiles) {

    /** 10,000 files and 256 MiB: far above a configuration, far below what would fill a disk or a heap. */
    public static final SyncLimits DEFAULT = new SyncLimits(256L * 1024 * 1024, 256L * 1024 * 1024, 10_000);

    public SyncLimits(long maxFileBytes, long maxTotalBytes) {
        this(maxFileBytes, maxTotalBytes, DEFAULT.maxFiles());
    }
}
