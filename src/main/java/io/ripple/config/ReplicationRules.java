package io.ripple.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What of a server's configuration is replicated: the {@code [cfg-db:entries]} rules (first match wins,
 * no match means not replicated) and the {@code [cfg-db:files]} specs (paths, globs, {@code cfg(stanza::key)}).
 */
public final class ReplicationRules {

    public static final String ENTRIES_STANZA = "cfg-db:entries";
    public static final String FILES_STANZA = "cfg-db:files";

    /** One {@code stanza::key = include|exclude} line. */
    public record EntryRule(Glob stanza, Glob key, boolean include) {
        boolean matches(String stanzaName, String keyName) {
            return stanza.matches(stanzaName) && key.matches(keyName);
        }
    }

    /** A {@code files = …} value: a path or glob relative to the configuration folder, or a reference to an entry. */
    public record FileSpec(String text, String referencedStanza, String referencedKey) {
        public boolean isReference() {
            return referencedStanza != null;
        }
    }

    private final List<EntryRule> entryRules;
    private final List<FileSpec> fileSpecs;

    private ReplicationRules(List<EntryRule> entryRules, List<FileSpec> fileSpecs) {
        this.entryRules = List.copyOf(entryRules);
        this.fileSpecs = List.copyOf(fileSpecs);
    }

    public static ReplicationRules from(StanzaFile file) throws ConfigException {
        List<EntryRule> rules = new ArrayList<>();
        List<FileSpec> specs = new ArrayList<>();
        for (StanzaFile.Entry e : file.entries()) {
            if (e.stanza().equals(ENTRIES_STANZA)) {
                rules.add(entryRule(file, e));
            } else if (e.stanza().equals(FILES_STANZA)) {
                if (!e.key().equals("files")) {
                    throw new ConfigException("Unknown key '" + e.key() + "' in [" + FILES_STANZA + "] at "
                            + file.location(e) + ". Expected 'files = path-or-glob' or 'files = cfg(stanza::key)'.");
                }
                specs.add(fileSpec(file, e));
            }
        }
        return new ReplicationRules(rules, specs);
    }

    private static EntryRule entryRule(StanzaFile file, StanzaFile.Entry e) throws ConfigException {
        int sep = e.key().indexOf("::");
        if (sep < 0) {
            throw new ConfigException("Invalid rule '" + e.key() + "' at " + file.location(e)
                    + ". Expected 'stanza::entry = include|exclude'.");
        }
        boolean include = switch (e.value()) {
            case "include" -> true;
            case "exclude" -> false;
            default -> throw new ConfigException("Invalid rule value '" + e.value() + "' at " + file.location(e)
                    + ". Must be 'include' or 'exclude'.");
        };
        return new EntryRule(Glob.of(e.key().substring(0, sep)), Glob.of(e.key().substring(sep + 2)), include);
    }

    private static FileSpec fileSpec(StanzaFile file, StanzaFile.Entry e) throws ConfigException {
        String value = e.value();
        if (value.isEmpty()) {
            throw new ConfigException("Empty 'files' value at " + file.location(e) + ". Expected a path, a glob or cfg(stanza::key).");
        }
        if (value.startsWith("cfg(")) {
            int sep = value.indexOf("::");
            if (!value.endsWith(")") || sep <= 4 || sep + 2 >= value.length() - 1) {
                throw new ConfigException("Invalid file reference '" + value + "' at " + file.location(e)
                        + ". Expected cfg(stanza::key).");
            }
            return new FileSpec(value, value.substring(4, sep).strip(), value.substring(sep + 2, value.length() - 1).strip());
        }
        return new FileSpec(value, null, null);
    }

    /**
     * Whether the entry {@code stanza::key} is replicated: never for what {@link NeverReplicated} covers; otherwise the
     * first matching rule decides, and no match means no.
     */
    public boolean includes(String stanza, String key) {
        return !NeverReplicated.covers(stanza, key) && ruleIncludes(stanza, key);
    }

    /** What the rules alone say of {@code stanza::key}: the first matching rule decides, no match means no. */
    boolean ruleIncludes(String stanza, String key) {
        for (EntryRule rule : entryRules) {
            if (rule.matches(stanza, key)) {
                return rule.include();
            }
        }
        return false;
    }

    public List<FileSpec> fileSpecs() {
        return fileSpecs;
    }

    /**
     * The rules themselves as one text ({@code [cfg-db:entries]} and {@code [cfg-db:files]} in file order), so that a
     * replica can tell whether its rules changed since it last took a version.
     */
    public static String fingerprint(StanzaFile file) {
        StringBuilder text = new StringBuilder();
        for (StanzaFile.Entry e : file.entries()) {
            if (e.stanza().equals(ENTRIES_STANZA) || e.stanza().equals(FILES_STANZA)) {
                text.append(e.qualifiedKey()).append(" = ").append(e.value()).append('\n');
            }
        }
        return Hashing.sha256Hex(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
