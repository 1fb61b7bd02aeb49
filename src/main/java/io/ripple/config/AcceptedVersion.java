package io.ripple.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What a replica takes of a published version: the master's rules decided what was published, the replica's own rules
 * decide what it accepts. The master's entries that the replica's {@code [cfg-db:entries]} do not include, and its
 * files that the replica's {@code [cfg-db:files]} do not name, are ignored and listed.
 *
 * @param mergedConf the replica's stanza file with the accepted entries merged in
 * @param entries    the canonical text of the accepted entries, the replica's {@code <entries>} once applied
 * @param files      the master's files the replica accepts, as the master's manifest lists them
 * @param ignored    what was left out: {@code stanza::key} for entries, the path for files
 */
public record AcceptedVersion(StanzaFile mergedConf, byte[] entries, List<ManifestEntry> files, List<String> ignored) {

    public AcceptedVersion {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
    }

    /**
     * The part of a published version that {@code local}'s own rules accept.
     *
     * @param masterEntries the master's {@code <entries>} pseudo-file
     * @param manifest      the published version's manifest
     */
    public static AcceptedVersion byOwnRules(StanzaFile local, byte[] masterEntries, List<ManifestEntry> manifest)
            throws ConfigException {
        ReplicationRules rules = ReplicationRules.from(local);
        List<String> ignored = new ArrayList<>();
        List<StanzaFile.Entry> accepted = new ArrayList<>();
        for (StanzaFile.Entry e : ReplicatedEntries.parse(masterEntries)) {
            if (rules.includes(e.stanza(), e.key())) {
                accepted.add(e);
            } else {
                ignored.add(e.qualifiedKey());
            }
        }
        StanzaFile merged = StanzaMerge.merge(local, rules, accepted);
        List<ManifestEntry> files = new ArrayList<>();
        for (ManifestEntry entry : manifest) {
            if (entry.path().equals(ReplicatedEntries.PATH)) {
                continue;
            }
            if (names(rules, merged, entry.path())) {
                files.add(entry);
            } else {
                ignored.add(entry.path());
            }
        }
        return new AcceptedVersion(merged, ReplicatedEntries.canonical(merged, rules), files, ignored);
    }

    /**
     * All of a published version, as the master restoring its own earlier version takes it: every entry its rules
     * replicate now is replaced by the version's, every file is the version's.
     */
    public static AcceptedVersion whole(StanzaFile local, byte[] masterEntries, List<ManifestEntry> manifest)
            throws ConfigException {
        ReplicationRules rules = ReplicationRules.from(local);
        StanzaFile merged = StanzaMerge.merge(local, rules, ReplicatedEntries.parse(masterEntries));
        List<ManifestEntry> files = manifest.stream().filter(e -> !e.path().equals(ReplicatedEntries.PATH)).toList();
        return new AcceptedVersion(merged, ReplicatedEntries.canonical(merged, rules), files, List.of());
    }

    /** The manifest of what was accepted, {@code <entries>} first: what the replica holds once it is applied. */
    public List<ManifestEntry> manifest() {
        List<ManifestEntry> all = new ArrayList<>(files.size() + 1);
        all.add(new ManifestEntry(ReplicatedEntries.PATH, entries.length, Hashing.sha256Hex(entries)));
        all.addAll(files);
        return all;
    }

    /** Whether a {@code [cfg-db:files]} spec of the replica names {@code path}: a glob, a path, or a {@code cfg(…)}. */
    private static boolean names(ReplicationRules rules, StanzaFile conf, String path) {
        for (ReplicationRules.FileSpec spec : rules.fileSpecs()) {
            if (spec.isReference()) {
                if (conf.values(spec.referencedStanza(), spec.referencedKey()).stream().map(AcceptedVersion::normalize)
                        .anyMatch(path::equals)) {
                    return true;
                }
            } else if (ConfigScanner.isGlob(spec.text())) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalize(spec.text()));
                if (matcher.matches(Path.of(path))) {
                    return true;
                }
            } else if (normalize(spec.text()).equals(path)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String path) {
        String normalized = path.replace('\\', '/');
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        return normalized;
    }
}
