package io.ripple.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Published files that came with the request that offered their version (small changed files, already checked against
 * their manifest entries), in front of the source that reads the rest from the master: a file here costs no call.
 */
public final class InlineObjects implements ObjectSource {

    private final Map<String, byte[]> inline;
    private final ObjectSource rest;

    /** @param inline content by SHA-256 */
    public InlineObjects(Map<String, byte[]> inline, ObjectSource rest) {
        this.inline = Map.copyOf(inline);
        this.rest = rest;
    }

    @Override
    public byte[] read(String sha256, long offset, int length) throws IOException {
        byte[] content = inline.get(sha256);
        if (content == null) {
            return rest.read(sha256, offset, length);
        }
        int from = (int) Math.min(offset, content.length);
        return Arrays.copyOfRange(content, from, (int) Math.min(content.length, (long) from + length));
    }

    @Override
    public List<byte[]> readAll(List<ManifestEntry> entries) throws IOException {
        List<ManifestEntry> missing = entries.stream().filter(e -> !inline.containsKey(e.sha256())).toList();
        List<byte[]> fetched = missing.isEmpty() ? List.of() : rest.readAll(missing);
        if (fetched.size() != missing.size()) {
            throw new IOException("the master answered " + fetched.size() + " files for " + missing.size() + " asked");
        }
        List<byte[]> contents = new ArrayList<>(entries.size());
        int next = 0;
        for (ManifestEntry e : entries) {
            byte[] content = inline.get(e.sha256());
            contents.add(content != null ? content : fetched.get(next++));
        }
        return contents;
    }
}
