package io.ripple.management;

import io.ripple.config.ConfigException;
import io.ripple.config.TrustedFile;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roles in the JDK's {@code jmxremote.access} format: {@code user readonly} or {@code user readwrite} per line,
 * {@code #} comments and blank lines ignored. A {@code readwrite} line may add {@value #JVM_CONTROL}: that user may
 * also invoke operations and write attributes of the MBeans outside the {@code ripple} domain (the JVM's own, such as
 * {@code gc} or {@code HotSpotDiagnostic.dumpHeap}), which {@link ManagementPolicy} refuses to everyone else. The
 * JDK's {@code create} and {@code unregister} clauses are accepted with a warning and grant nothing: no remote caller
 * may create or unregister MBeans.
 */
public final class AccessFile {

    /** The clause after {@code readwrite} that opens the JVM's own MBeans to a user. */
    public static final String JVM_CONTROL = "jvm-control";

    private static final Logger LOG = LoggerFactory.getLogger(AccessFile.class);

    /** What a user may do. */
    public enum Role {
        /** Read attributes, list and search MBeans. */
        READONLY,
        /** Also set attributes and invoke operations. */
        READWRITE
    }

    /**
     * A user's line of the access file.
     *
     * @param role readonly or readwrite
     * @param jvmControl whether the line grants {@value #JVM_CONTROL}
     */
    public record Grant(Role role, boolean jvmControl) {
        /** What anonymous callers of a channel opened with {@code authenticate = no} get. */
        public static final Grant ANONYMOUS = new Grant(Role.READWRITE, false);
    }

    private final Map<String, Grant> grants;

    private AccessFile(Map<String, Grant> grants) {
        this.grants = grants;
    }

    /**
     * Reads an access file.
     *
     * @throws ManagementException if the file is missing or unreadable, another user could change it, or a line
     *     has no valid role or an unknown clause
     */
    public static AccessFile load(Path path) throws ManagementException {
        checkTrusted(path, "Access file " + path);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManagementException("Access file " + path + " is missing or unreadable", e);
        }
        Map<String, Grant> grants = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            grants.put(words[0], grant(words, path + ":" + (i + 1)));
        }
        return new AccessFile(Map.copyOf(grants));
    }

    private static Grant grant(String[] words, String where) throws ManagementException {
        String word = words.length > 1 ? words[1] : "";
        Role role = switch (word.toLowerCase(Locale.ROOT)) {
            case "readonly" -> Role.READONLY;
            case "readwrite" -> Role.READWRITE;
            default -> throw new ManagementException("Invalid role '" + word + "' at " + where
                    + ". Must be 'readonly' or 'readwrite'.");
        };
        if (role == Role.READONLY && words.length > 2) {
            throw new ManagementException("Unexpected '" + words[2] + "' after readonly at " + where
                    + ". Only readwrite takes clauses (" + JVM_CONTROL + ").");
        }
        boolean jvmControl = false;
        for (int w = 2; w < words.length; w++) {
            String clause = words[w].toLowerCase(Locale.ROOT);
            switch (clause) {
                case JVM_CONTROL -> jvmControl = true;
                case "create", "unregister" -> {
                    LOG.warn(MessageId.ACCESS_ENTRY_IGNORED.line("Access file {}: '{}' is ignored: no remote caller may create or unregister MBeans."
                            + " Remove it."), where, clause);
                    if (clause.equals("create") && w + 1 < words.length) {
                        w++; // its list of class names
                    }
                }
                default -> throw new ManagementException("Unknown clause '" + words[w] + "' at " + where
                        + ". After readwrite only '" + JVM_CONTROL + "' is allowed.");
            }
        }
        return new Grant(role, jvmControl);
    }

    /** The user's line, or empty when the user has none (and may do nothing). */
    public Optional<Grant> grantOf(String user) {
        return Optional.ofNullable(user == null ? null : grants.get(user));
    }

    /**
     * Who gets what on a channel: on an anonymous channel (no password file) every caller is
     * {@link Grant#ANONYMOUS}; otherwise a user gets the line of the access file, and nothing without an access file.
     */
    static Function<String, Optional<Grant>> grants(boolean anonymous, AccessFile access) {
        if (anonymous) {
            return user -> Optional.of(Grant.ANONYMOUS);
        }
        return access == null ? user -> Optional.empty() : access::grantOf;
    }

    /** Refuses a file that another user could change: who may do what is only this user's (or root's) to say. */
    static void checkTrusted(Path path, String description) throws ManagementException {
        try {
            TrustedFile.check(path, description);
        } catch (ConfigException e) {
            throw new ManagementException(e.getMessage(), e);
        }
    }

    /** The user's role, or empty when the user has none (and may do nothing). */
    public Optional<Role> roleOf(String user) {
        return grantOf(user).map(Grant::role);
    }
}
