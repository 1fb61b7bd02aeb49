package io.ripple.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated entries of a stanza file as one canonical text: stanzas in name order, entries of a stanza in file
 * order. Comments, spacing and stanza order are not part of it, so they never make a new version.
 */
public final class ReplicatedEntries {

    /** The manifest path of the entries pseudo-file; no real file may have it. */
    public static final String PATH = "<entries>";

    private ReplicatedEntries() {
    }

    public static List<StanzaFile.Entry> select(StanzaFile file, ReplicationRules rules) {
        List<StanzaFile.Entry> selected = new ArrayList<>();
        for (StanzaFile.Entry e : file.entries()) {
            if (rules.includes(e.stanza(), e.key())) {
                selected.add(e);
            }
        }
        return selected;
    }

    public static byte[] canonical(StanzaFile file, ReplicationRules rules) {
        Map<String, StringBuilder> byStanza = new TreeMap<>();
        for (StanzaFile.Entry e : select(file, rules)) {
            byStanza.computeIfAbsent(e.stanza(), s -> new StringBuilder())
                    .append(e.key()).append(" = ").append(e.value()).append('\n');
        }
        StringBuilder out = new StringBuilder();
        byStanza.forEach((stanza, body) -> {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append('[').append(stanza).append("]\n").append(body);
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses the canonical text back into entries (it is itself a stanza file). */
    public static List<StanzaFile.Entry> parse(byte[] canonical) throws ConfigException {
        return StanzaFile.parse(new String(canonical, StandardCharsets.UTF_8), PATH).entries();
    }
}
