package io.ripple.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A server's configuration database as found on disk: the stanza file, its replicated entries, the replicated files,
 * and the manifest and digest of all of it.
 *
 * @param files   manifest path to file on disk, for every real file of the manifest
 * @param missing files named by a {@code [cfg-db:files]} path or reference that do not exist
 */
public record ScannedDatabase(StanzaFile conf, ReplicationRules rules, byte[] entries, Map<String, Path> files,
                              List<ManifestEntry> manifest, String digest, List<String> missing) {

    public long totalBytes() {
        return manifest.stream().mapToLong(ManifestEntry::size).sum();
    }
}
