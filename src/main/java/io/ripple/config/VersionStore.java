package io.ripple.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's published versions: a content-addressed store of files (by SHA-256) and one manifest per version.
 * What is in here never changes, so replicas are only ever sent complete, published content.
 *
 * <p>Only publishing takes the lock. Every object and manifest reaches its final name by a rename after it was written
 * and forced to disk, and never changes after that, so reads need no lock: a replica's chunk read does not wait for a
 * publish that copies, hashes and fsyncs a whole database. A reader may find a file pruned since it listed it; that
 * reads as unknown, as it would have a moment later.
 */
public final class VersionStore {

    /** Published versions kept for rollback; older ones are pruned with the files only they used. */
    public static final int KEPT_VERSIONS = 5;

    private static final Logger log = LoggerFactory.getLogger(VersionStore.class);
    private static final ObjectMapper JSON = JsonMappers.files();

    private final Path objects;
    private final Path versions;
    private final Path temp;

    public VersionStore(Path dataDir) {
        Path root = dataDir.resolve("store");
        this.objects = root.resolve("objects");
        this.versions = root.resolve("versions");
        this.temp = root.resolve("tmp");
    }

    public Optional<PublishedVersion> latest() throws IOException {
        List<Long> all = versionNumbers();
        return all.isEmpty() ? Optional.empty() : version(all.get(all.size() - 1));
    }

    public Optional<PublishedVersion> version(long version) throws IOException {
        byte[] manifest;
        try {
            manifest = Files.readAllBytes(manifestFile(version));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(manifest, PublishedVersion.class));
    }

    public List<Long> versionNumbers() throws IOException {
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(versions)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+\\.json"))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - 5)))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Publishes what was scanned as a new version when its digest differs from the latest one; otherwise returns the
     * latest version unchanged.
     *
     * @throws ConfigException when a file changed while it was copied (scan again) or cannot be read
     */
    public PublishedVersion publish(ScannedDatabase db, long timestampMillis) throws ConfigException, IOException {
        return publish(db, timestampMillis, "");
    }

    /** As {@link #publish(ScannedDatabase, long)}, recording who or what published the version. */
    public PublishedVersion publish(ScannedDatabase db, long timestampMillis, String publishedBy)
            throws ConfigException, IOException {
        return publish(db, timestampMillis, publishedBy, 0);
    }

    /**
     * As {@link #publish(ScannedDatabase, long, String)}, numbering the new version above {@code after} too: a promoted
     * replica's first version follows the last one its old master published, even at the same digest, so that the
     * replicas, whose versions only go forward, take it (and, at the same digest, restart for nothing).
     */
    public synchronized PublishedVersion publish(ScannedDatabase db, long timestampMillis, String publishedBy, long after)
            throws ConfigException, IOException {
        Optional<PublishedVersion> latest = latest();
        if (latest.isPresent() && latest.get().digest().equals(db.digest()) && latest.get().version() > after) {
            return latest.get();
        }
        long number = Math.max(latest.map(PublishedVersion::version).orElse(0L), after) + 1;
        String step = "";
        PublishedVersion published = new PublishedVersion(number, timestampMillis, db.digest(), db.manifest(), publishedBy);
        try {
            Map<Path, Path> staged = new LinkedHashMap<>();
            java.util.Set<Path> stagedTargets = new java.util.HashSet<>();
            try {
                for (ManifestEntry entry : db.manifest()) {
                    Path target = objectFile(entry.sha256());
                    if (!Files.exists(target) && stagedTargets.add(target)) {
                        step = " storing '" + entry.path() + "'";
                        staged.put(stageObject(entry, db), target);
                    }
                }
                step = "";
                // every file on disk before any rename, and every rename before the manifest that names them
                AtomicFiles.fsyncAll(staged.keySet());
                java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
                for (Map.Entry<Path, Path> move : staged.entrySet()) {
                    Path dir = move.getValue().getParent();
                    if (!Files.isDirectory(dir)) {
                        Files.createDirectories(dir);
                        dirs.add(dir.getParent()); // a new folder's name is durable once the folder that holds it is forced
                    }
                    AtomicFiles.move(move.getKey(), move.getValue());
                    dirs.add(dir);
                }
                for (Path dir : dirs) {
                    AtomicFiles.fsyncDirectory(dir);
                }
            } finally {
                for (Path leftover : staged.keySet()) {
                    Files.deleteIfExists(leftover);
                }
            }
            step = " writing its manifest";
            AtomicFiles.write(manifestFile(number), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(published));
        } catch (IOException e) {
            // a bare "No space left on device" would say neither where nor that the published versions are intact
            throw new IOException("Publishing version " + number + " in " + objects.getParent() + " failed" + step + ": "
                    + e.getMessage() + ". Nothing was published" + latest.map(v -> ": version " + v.version()
                    + " stays the latest.").orElse("."), e);
        }
        prune();
        return published;
    }

    /** Copies one file into the store's temporary folder, checking on the way that it is what was scanned. */
    private Path stageObject(ManifestEntry entry, ScannedDatabase db) throws ConfigException, IOException {
        Files.createDirectories(temp);
        Path staged = Files.createTempFile(temp, "object", ".tmp");
        boolean kept = false;
        try {
            MessageDigest md = Hashing.sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(staged, StandardOpenOption.WRITE), md)) {
                if (entry.path().equals(ReplicatedEntries.PATH)) {
                    out.write(db.entries());
                } else {
                    try (InputStream in = Files.newInputStream(db.files().get(entry.path()))) {
                        in.transferTo(out);
                    }
                }
            }
            if (!Hashing.hex(md.digest()).equals(entry.sha256())) {
                throw new ConfigException("Replicated file '" + entry.path() + "' changed while it was being published.");
            }
            kept = true;
            return staged;
        } finally {
            if (!kept) {
                Files.deleteIfExists(staged);
            }
        }
    }

    /** The stored content of one manifest entry. */
    public Path objectFile(String sha256) {
        return objects.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private Path manifestFile(long version) {
        return versions.resolve(String.format("%010d.json", version));
    }

    private void prune() throws IOException {
        List<Long> all = versionNumbers();
        if (all.size() <= KEPT_VERSIONS) {
            return;
        }
        for (Long old : all.subList(0, all.size() - KEPT_VERSIONS)) {
            Files.deleteIfExists(manifestFile(old));
        }
        Set<String> used = new HashSet<>();
        for (Long kept : versionNumbers()) {
            version(kept).ifPresent(v -> v.entries().forEach(e -> used.add(e.sha256())));
        }
        try (Stream<Path> files = Files.walk(objects)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p) && !used.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                    log.debug("Pruned stored file {}", p.getFileName());
                }
            }
        }
    }

    /** Reads part of a published file; the result is shorter than {@code length} only at the end of the file. */
    public byte[] read(ManifestEntry entry, long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > entry.size()) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length + " are outside '"
                    + entry.path() + "' (" + entry.size() + " bytes)");
        }
        return readObject(entry.sha256(), offset, (int) Math.min(length, entry.size() - offset));
    }

    /** The size of a stored file; an unknown or malformed hash is an IllegalArgumentException. */
    public long objectSize(String sha256) throws IOException {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 hex digest");
        }
        Path file = objectFile(sha256);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No published file has SHA-256 " + sha256);
        }
        return Files.size(file);
    }

    /**
     * Reads part of a stored file by its SHA-256; shorter than {@code length} only at its end.
     *
     * @throws IllegalArgumentException for a malformed hash, an unknown one, or an offset past the end
     */
    public byte[] readObject(String sha256, long offset, int length) throws IOException {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 hex digest");
        }
        Path file = objectFile(sha256);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No published file has SHA-256 " + sha256);
        }
        try (FileChannel ch = openObject(file, sha256)) {
            long size = ch.size();
            if (offset < 0 || length < 0 || offset > size) {
                throw new IllegalArgumentException("offset " + offset + " and length " + length
                        + " are outside the file " + sha256 + " (" + size + " bytes)");
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(length, size - offset));
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("stored file " + sha256 + " ended early");
                }
            }
            return buffer.array();
        }
    }

    /** An object pruned between the check and the open is as unknown as one never published. */
    private static FileChannel openObject(Path file, String sha256) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("No published file has SHA-256 " + sha256);
        }
    }
}
