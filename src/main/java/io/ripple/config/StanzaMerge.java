package io.ripple.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the master's replicated entries into a replica's stanza file: the replica keeps its own (excluded) entries,
 * its comments and its layout; every replicated entry is replaced by the master's.
 */
public final class StanzaMerge {

    private StanzaMerge() {
    }

    /**
     * @param local         the replica's stanza file as it is
     * @param localRules    the replica's rules, which say which of its entries are replicated (and so replaced)
     * @param masterEntries the master's replicated entries
     */
    public static StanzaFile merge(StanzaFile local, ReplicationRules localRules, List<StanzaFile.Entry> masterEntries) {
        List<StanzaFile.Line> lines = new ArrayList<>();
        for (StanzaFile.Line line : local.lines()) {
            if (!(line instanceof StanzaFile.Entry e) || !localRules.includes(e.stanza(), e.key())) {
                lines.add(line);
            }
        }
        Map<String, List<StanzaFile.Entry>> byStanza = new LinkedHashMap<>();
        for (StanzaFile.Entry e : masterEntries) {
            byStanza.computeIfAbsent(e.stanza(), s -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<StanzaFile.Entry>> stanza : byStanza.entrySet()) {
            List<StanzaFile.Line> added = new ArrayList<>();
            for (StanzaFile.Entry e : stanza.getValue()) {
                added.add(new StanzaFile.Entry(e.stanza(), e.key(), e.value(), e.key() + " = " + e.value(), 0));
            }
            int at = insertionPoint(lines, stanza.getKey());
            if (at < 0) {
                if (!lines.isEmpty() && !lines.get(lines.size() - 1).raw().isBlank()) {
                    lines.add(new StanzaFile.Other(""));
                }
                lines.add(new StanzaFile.Header(stanza.getKey(), "[" + stanza.getKey() + "]"));
                lines.addAll(added);
            } else {
                lines.addAll(at, added);
            }
        }
        return StanzaFile.of(local.sourceName(), lines);
    }

    /** After the last entry (or the header) of the stanza's last section; -1 when the file has no such stanza. */
    private static int insertionPoint(List<StanzaFile.Line> lines, String stanza) {
        int at = -1;
        boolean inside = false;
        for (int i = 0; i < lines.size(); i++) {
            StanzaFile.Line line = lines.get(i);
            if (line instanceof StanzaFile.Header h) {
                inside = h.name().equals(stanza);
                if (inside) {
                    at = i + 1;
                }
            } else if (inside && line instanceof StanzaFile.Entry) {
                at = i + 1;
            }
        }
        return at;
    }
}
