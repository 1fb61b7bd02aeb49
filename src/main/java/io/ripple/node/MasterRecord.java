package io.ripple.node;

import io.ripple.config.AtomicFiles;
import io.ripple.config.ConfigException;
import io.ripple.management.ClusterClaim;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The durable record of who the cluster's master is since a promotion: {@value #FILE} in the data-dir, three lines
 * {@code master = NAME}, {@code url = URL}, {@code term = N}. A promoted replica writes it naming itself; a member told
 * of the promotion writes it naming the new master. At every start a record of a term at least the one in
 * {@link ClusterTerm#FILE} overrides {@code [cluster]} is-master, master-name and master-url of server.conf, so that a
 * restart keeps the master the cluster follows, whatever server.conf still says.
 *
 * @param master the master's name
 * @param url    the URL its peers reach it at (a JMX service URL or a Jolokia http(s) URL)
 * @param term   the term the master holds
 */
public record MasterRecord(String master, String url, long term) {

    static final String FILE = "cluster-master";
    /** A record is three short lines: anything longer is not one, and is not read further. */
    static final int MAX_BYTES = 2048;
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern URL = Pattern.compile("(service:jmx:|https?://)[\\x21-\\x7e]{1,990}");
    private static final String FIX = "Expected three lines 'master = NAME', 'url = URL' and 'term = N'. Remove the file to"
            + " start as server.conf's [cluster] says (the current master's next run or a new promotion writes it again).";

    public MasterRecord {
        if (master == null || !NAME.matcher(master).matches()) {
            throw new IllegalArgumentException("master name '" + printable(master) + "' is empty, unprintable or longer than 128 characters");
        }
        if (url == null || !URL.matcher(url).matches()) {
            throw new IllegalArgumentException("url '" + printable(url) + "' is not a JMX service URL or an http(s) URL of at most 1000"
                    + " characters");
        }
        if (term < ClusterTerm.FIRST) {
            throw new IllegalArgumentException("term " + term + " is not 1 or more");
        }
    }

    /** Where the record of a server with this data-dir is kept. */
    static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /**
     * Reads the record of a data-dir: empty when there is none.
     *
     * @throws ConfigException the file is not a record (too long, not UTF-8, a missing, repeated or unknown key, a value
     *     that cannot be one), naming the file and the fix
     */
    static Optional<MasterRecord> read(Path dataDir) throws ConfigException, IOException {
        Path file = file(dataDir);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            throw invalid(file, "longer than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid(file, "not UTF-8 text");
        }
        return Optional.of(parse(file, text));
    }

    /** Parses the text of a record; {@code file} is named in the error. */
    static MasterRecord parse(Path file, String text) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            int eq = content.indexOf('=');
            if (eq < 0) {
                throw invalid(file, "line " + lineNumber + " is not 'key = value'");
            }
            String key = content.substring(0, eq).strip();
            if (!key.equals("master") && !key.equals("url") && !key.equals("term")) {
                throw invalid(file, "line " + lineNumber + " has the unknown key '" + printable(key) + "'");
            }
            if (values.putIfAbsent(key, content.substring(eq + 1).strip()) != null) {
                throw invalid(file, "'" + key + "' is given twice (line " + lineNumber + ")");
            }
        }
        for (String key : new String[] {"master", "url", "term"}) {
            if (!values.containsKey(key)) {
                throw invalid(file, "'" + key + "' is missing");
            }
        }
        long term = ClusterClaim.parseTerm(values.get("term"));
        if (term < ClusterTerm.FIRST) {
            throw invalid(file, "term '" + printable(values.get("term")) + "' is not a whole number of 1 to 18 digits");
        }
        try {
            return new MasterRecord(values.get("master"), values.get("url"), term);
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage());
        }
    }

    /** Writes this record to the data-dir, all or nothing. */
    void write(Path dataDir) throws IOException {
        AtomicFiles.write(file(dataDir), text().getBytes(StandardCharsets.UTF_8));
    }

    /** The file's content. */
    String text() {
        return "master = " + master + "\nurl = " + url + "\nterm = " + term + "\n";
    }

    /** Whether this record names the server called {@code name}. */
    boolean names(String name) {
        return master.equals(name);
    }

    private static ConfigException invalid(Path file, String why) {
        return new ConfigException("Invalid master record " + file + ": " + why + ". " + FIX);
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.codePoints().limit(80)
                .map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return value.length() > 80 ? shown + "..." : shown;
    }
}
