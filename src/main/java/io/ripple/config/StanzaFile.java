package io.ripple.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A WebSEAL-style stanza file: {@code [stanza]} headers, {@code key = value} entries, {@code #} comments.
 * Repeated keys are kept as a list. The file keeps every line as written, so that {@link #text()} of a
 * parsed file is the file itself, comments, order and spacing included.
 */
public final class StanzaFile {

    /** One line of the file as written. */
    public sealed interface Line permits Other, Header, Entry {
        String raw();
    }

    /** A blank line or a comment. */
    public record Other(String raw) implements Line {
    }

    /** A {@code [name]} header. */
    public record Header(String name, String raw) implements Line {
    }

    /** A {@code key = value} entry of a stanza; {@code lineNumber} is 1-based. */
    public record Entry(String stanza, String key, String value, String raw, int lineNumber) implements Line {
        /** {@code stanza::key}, the form the cfg-db rules use. */
        public String qualifiedKey() {
            return stanza + "::" + key;
        }
    }

    private final String sourceName;
    private final List<Line> lines;

    private StanzaFile(String sourceName, List<Line> lines) {
        this.sourceName = sourceName;
        this.lines = List.copyOf(lines);
    }

    public static StanzaFile read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Configuration file " + file + " does not exist.");
        } catch (IOException e) {
            throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
        }
        String sourceName = file.getFileName().toString();
        return parse(Utf8Text.decode(bytes, sourceName), sourceName);
    }

    /** Parses text; {@code sourceName} is the file name used in error messages. */
    public static StanzaFile parse(String text, String sourceName) throws ConfigException {
        List<Line> lines = new ArrayList<>();
        String stanza = null;
        String[] rawLines = text.split("\n", -1);
        int count = text.isEmpty() ? 0 : text.endsWith("\n") ? rawLines.length - 1 : rawLines.length;
        for (int i = 0; i < count; i++) {
            String raw = rawLines[i];
            int lineNumber = i + 1;
            String content = stripComment(raw).strip();
            if (content.isEmpty()) {
                lines.add(new Other(raw));
            } else if (content.startsWith("[")) {
                if (!content.endsWith("]") || content.length() < 3 || content.substring(1, content.length() - 1).isBlank()
                        || content.indexOf('[', 1) >= 0 || content.indexOf(']') != content.length() - 1) {
                    throw new ConfigException("Invalid stanza header '" + content + "' at " + sourceName + ":" + lineNumber
                            + ". Expected '[name]'.");
                }
                stanza = content.substring(1, content.length() - 1).strip();
                lines.add(new Header(stanza, raw));
            } else {
                int eq = content.indexOf('=');
                if (eq < 0) {
                    throw new ConfigException("Invalid line '" + content + "' at " + sourceName + ":" + lineNumber
                            + ". Expected 'key = value', a [stanza] header or a # comment.");
                }
                String key = content.substring(0, eq).strip();
                if (key.isEmpty()) {
                    throw new ConfigException("Missing key before '=' at " + sourceName + ":" + lineNumber + ".");
                }
                if (stanza == null) {
                    throw new ConfigException("Entry '" + key + "' at " + sourceName + ":" + lineNumber
                            + " is outside any stanza. Expected a [stanza] header before it.");
                }
                lines.add(new Entry(stanza, key, content.substring(eq + 1).strip(), raw, lineNumber));
            }
        }
        return new StanzaFile(sourceName, lines);
    }

    /** A comment starts at a {@code #} at the start of the line or after white space. */
    private static String stripComment(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '#' && (i == 0 || Character.isWhitespace(raw.charAt(i - 1)))) {
                return raw.substring(0, i);
            }
        }
        return raw;
    }

    /** Builds a file from lines, for writers; entry line numbers are renumbered. */
    public static StanzaFile of(String sourceName, List<Line> lines) {
        List<Line> renumbered = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            renumbered.add(line instanceof Entry e ? new Entry(e.stanza(), e.key(), e.value(), e.raw(), i + 1) : line);
        }
        return new StanzaFile(sourceName, renumbered);
    }

    public String sourceName() {
        return sourceName;
    }

    public List<Line> lines() {
        return lines;
    }

    /** The file's text: for a parsed file, exactly what was read (with a final newline). */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            out.append(line.raw()).append('\n');
        }
        return out.toString();
    }

    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Line line : lines) {
            if (line instanceof Entry e) {
                entries.add(e);
            }
        }
        return Collections.unmodifiableList(entries);
    }

    /** The values of a key in a stanza, in file order (repeated keys form a list). */
    public List<String> values(String stanza, String key) {
        List<String> values = new ArrayList<>();
        for (Entry e : entries()) {
            if (e.stanza().equals(stanza) && e.key().equals(key)) {
                values.add(e.value());
            }
        }
        return values;
    }

    public Optional<Entry> entry(String stanza, String key) {
        return entries().stream().filter(e -> e.stanza().equals(stanza) && e.key().equals(key)).findFirst();
    }

    public Optional<String> value(String stanza, String key) {
        return entry(stanza, key).map(Entry::value);
    }

    public Set<String> stanzas() {
        Set<String> names = new LinkedHashSet<>();
        for (Line line : lines) {
            if (line instanceof Header h) {
                names.add(h.name());
            }
        }
        return names;
    }

    /** Where an entry is, for error messages: {@code server.conf:7}. */
    public String location(Entry entry) {
        return sourceName + ":" + entry.lineNumber();
    }
}
