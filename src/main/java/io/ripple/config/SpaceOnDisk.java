package io.ripple.config;

import java.io.IOException;
import java.nio.file.FileStore;

/**
 * What files take on a file system: whole blocks, so that six hundred files of twenty bytes take six hundred blocks,
 * not twelve kilobytes.
 */
record SpaceOnDisk(long blockSize) {

    /** The block most file systems use, for one that does not say. */
    static final long COMMON_BLOCK_BYTES = 4096;

    static SpaceOnDisk of(FileStore store) {
        try {
            long block = store.getBlockSize();
            return new SpaceOnDisk(block > 0 ? block : COMMON_BLOCK_BYTES);
        } catch (IOException | UnsupportedOperationException e) {
            return new SpaceOnDisk(COMMON_BLOCK_BYTES);
        }
    }

    /** The bytes a file of {@code size} bytes takes. */
    long of(long size) {
        return (size + blockSize - 1) / blockSize * blockSize;
    }
}
