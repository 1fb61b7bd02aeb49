package io.ripple.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Reads a server's configuration database from disk: the included entries of its stanza file plus the included files. */
public final class ConfigScanner {

    /** Hears of every scan, by the stanza file it read: what tests count a replica turn's scans with. */
    private static volatile Consumer<Path> scanWatch = file -> { };

    private final Path confFile;
    private final Path confDir;
    private final Path excludedDir;

    /**
     * @param confFile    the server's stanza file
     * @param excludedDir a folder never scanned for files (Ripple's own data-dir), or null
     */
    public ConfigScanner(Path confFile, Path excludedDir) {
        this.confFile = confFile.toAbsolutePath().normalize();
        this.confDir = this.confFile.getParent();
        this.excludedDir = excludedDir == null ? null : excludedDir.toAbsolutePath().normalize();
    }

    public Path confDir() {
        return confDir;
    }

    public ScannedDatabase scan() throws ConfigException {
        StanzaFile conf = StanzaFile.read(confFile);
        return scan(conf);
    }

    /**
     * For tests: {@code watch} hears of every scan from now on (each one hashes every replicated file), by the stanza
     * file scanned; null stops it.
     */
    public static void watchScans(Consumer<Path> watch) {
        scanWatch = watch == null ? file -> { } : watch;
    }

    public ScannedDatabase scan(StanzaFile conf) throws ConfigException {
        scanWatch.accept(confFile);
        ReplicationRules rules = ReplicationRules.from(conf);
        byte[] entries = ReplicatedEntries.canonical(conf, rules);
        Map<String, Path> files = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (ReplicationRules.FileSpec spec : rules.fileSpecs()) {
            if (spec.isReference()) {
                for (String value : conf.values(spec.referencedStanza(), spec.referencedKey())) {
                    addExplicit(value, spec, files, missing);
                }
            } else if (isGlob(spec.text())) {
                addGlob(spec.text(), files);
            } else {
                addExplicit(spec.text(), spec, files, missing);
            }
        }
        List<ManifestEntry> manifest = new ArrayList<>();
        manifest.add(new ManifestEntry(ReplicatedEntries.PATH, entries.length, Hashing.sha256Hex(entries)));
        for (Map.Entry<String, Path> file : files.entrySet()) {
            manifest.add(hash(file.getKey(), file.getValue()));
        }
        return new ScannedDatabase(conf, rules, entries, files, List.copyOf(manifest), Hashing.digest(manifest), List.copyOf(missing));
    }

    static boolean isGlob(String spec) {
        return spec.indexOf('*') >= 0 || spec.indexOf('?') >= 0 || spec.indexOf('[') >= 0 || spec.indexOf('{') >= 0;
    }

    private void addExplicit(String path, ReplicationRules.FileSpec spec, Map<String, Path> files, List<String> missing)
            throws ConfigException {
        String normalized = normalize(path, spec);
        if (normalized.equals(ReplicatedEntries.PATH)) {
            throw new ConfigException("Replicated file '" + path + "' (files = " + spec.text() + ") has the name reserved for "
                    + "the replicated entries. Rename the file.");
        }
        Path file = ConfigPaths.resolveInside(confDir, normalized);
        if (file.equals(confFile) || (excludedDir != null && file.startsWith(excludedDir))) {
            throw new ConfigException("Replicated file '" + path + "' (files = " + spec.text() + ") is "
                    + (file.equals(confFile) ? "the server.conf itself, whose entries [cfg-db:entries] replicates" : "inside the data-dir")
                    + ". Remove it from [cfg-db:files].");
        }
        if (Files.isRegularFile(file)) {
            files.put(normalized, file);
        } else if (Files.isDirectory(file)) {
            // it is there, so "missing" alone would send the operator looking for a file that exists
            missing.add(normalized + " (" + (spec.isReference() ? spec.text() + ": " : "")
                    + "a folder, not a file: name its files, e.g. " + normalized + "/*)");
        } else {
            missing.add(normalized + (spec.isReference() ? " (" + spec.text() + ")" : ""));
        }
    }

    private String normalize(String path, ReplicationRules.FileSpec spec) throws ConfigException {
        String normalized = path.replace('\\', '/');
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        try {
            ConfigPaths.checkRelative(normalized);
        } catch (ConfigException e) {
            throw new ConfigException("Replicated file '" + path + "' (files = " + spec.text() + ") must be a relative path "
                    + "inside the configuration folder " + confDir + ".");
        }
        return normalized;
    }

    private void addGlob(String glob, Map<String, Path> files) throws ConfigException {
        String pattern = glob.startsWith("./") ? glob.substring(2) : glob;
        if (pattern.startsWith("/") || pattern.startsWith("../") || pattern.contains("/../")) {
            throw new ConfigException("Replicated files '" + glob + "' must stay inside the configuration folder " + confDir + ".");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(confDir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (excludedDir != null && p.startsWith(excludedDir)) {
                    continue;
                }
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || p.equals(confFile)) {
                    continue;
                }
                Path rel = confDir.relativize(p);
                String path = ConfigPaths.relative(confDir, p);
                if (matcher.matches(rel) && !path.equals(ReplicatedEntries.PATH)) {
                    files.put(path, p);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException("Cannot list the configuration folder " + confDir + ": " + e.getMessage());
        }
    }

    private static ManifestEntry hash(String path, Path file) throws ConfigException {
        MessageDigest md = Hashing.sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read replicated file " + file + ": " + e.getMessage());
        }
        return new ManifestEntry(path, size, Hashing.hex(md.digest()));
    }
}
