package io.ripple.node;

import io.ripple.MemberInfo;
import io.ripple.config.AtomicFiles;
import io.ripple.config.ConfigException;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's own copy of the cluster's membership, as its master last published it with a version: every server's
 * name and URL, and the master's name and term. Kept in {@value #FILE} of its data-dir, so that after the master is
 * lost a replica still knows its peers (the promotion of issue #21 reaches them from here).
 */
final class ClusterMembers {

    private static final Logger log = LoggerFactory.getLogger(ClusterMembers.class);
    static final String FILE = "cluster-members.json";
    /** More members than this is not a membership a master publishes: refused, the copy kept. */
    static final int MAX_MEMBERS = 1000;
    static final int MAX_URL_CHARS = 1000;
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern URL = Pattern.compile("(service:jmx:|https?://)[\\x21-\\x7e]*");

    /** What the file holds. */
    record Record(String master, long term, List<MemberInfo> members) {
        static final Record NONE = new Record("", 0, List.of());

        Record {
            master = master == null ? "" : master;
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    private final Path file;
    private volatile Record record;

    private ClusterMembers(Path file, Record record) {
        this.file = file;
        this.record = record;
    }

    /** Loads the copy; none before the first sync that brought one. An unreadable file is a ConfigException naming it. */
    static ClusterMembers load(Path dataDir) throws ConfigException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return new ClusterMembers(file, Record.NONE);
        }
        try {
            return new ClusterMembers(file, JsonMappers.files().readValue(file.toFile(), Record.class));
        } catch (IOException e) {
            throw new ConfigException("Invalid membership file " + file + ": " + e.getMessage().lines().findFirst().orElse("")
                    + ". Remove it: the next sync brings the master's membership again.");
        }
    }

    Record get() {
        return record;
    }

    /**
     * Keeps what the master published, when it differs from the copy.
     *
     * @throws ConfigException the membership is not one a master publishes (too many members, a name or URL that
     *     cannot be one, a name twice); the copy is kept then
     */
    synchronized boolean keep(String master, long term, List<MemberInfo> members) throws ConfigException, IOException {
        check(members);
        Record next = new Record(master, term, members);
        if (next.equals(record)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, JsonMappers.files().writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
        record = next;
        log.info("Cluster membership of master '{}' (term {}): {}", master, term,
                members.stream().map(MemberInfo::getName).toList());
        return true;
    }

    static void check(List<MemberInfo> members) throws ConfigException {
        if (members.size() > MAX_MEMBERS) {
            throw new ConfigException("The master published " + members.size() + " members, more than " + MAX_MEMBERS
                    + ": membership not kept.");
        }
        Set<String> names = new HashSet<>();
        for (MemberInfo m : members) {
            if (!NAME.matcher(m.getName()).matches() || !names.add(m.getName())) {
                throw new ConfigException("The master published a member name that is empty, unprintable, longer than 128"
                        + " characters or repeated: membership not kept.");
            }
            if (m.getUrl().length() > MAX_URL_CHARS || !URL.matcher(m.getUrl()).matches()) {
                throw new ConfigException("The master published for member '" + m.getName() + "' a URL that is not a JMX"
                        + " service URL or an http(s) URL of at most " + MAX_URL_CHARS + " characters: membership not kept.");
            }
        }
    }

    /** The members as {@code Server.Members} lists them: {@code name url}. */
    static String[] lines(List<MemberInfo> members) {
        List<String> lines = new ArrayList<>();
        members.forEach(m -> lines.add(m.toString()));
        return lines.toArray(String[]::new);
    }
}
