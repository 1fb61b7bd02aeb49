package io.ripple.management;

import io.ripple.config.ConfigException;
import io.ripple.config.TrustedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Roles in the JDK's {@code jmxremote.access} format: {@code user readonly} or
 * {@code user readwrite} per line ({@code create} and {@code unregister} clauses after
 * {@code readwrite} are accepted and ignored), {@code #} comments and blank lines ignored.
 */
public final class AccessFile {

    /** What a user may do. */
    public enum Role {
        /** Read attributes, list and search MBeans. */
        READONLY,
        /** Also set attributes and invoke operations. */
        READWRITE
    }

    private final Map<String, Role> roles;

    private AccessFile(Map<String, Role> roles) {
        this.roles = roles;
    }

    /**
     * Reads an access file.
     *
     * @throws ManagementException if the file is missing or unreadable, another user could change it, or a line
     *     has no valid role
     */
    public static AccessFile load(Path path) throws ManagementException {
        checkTrusted(path, "Access file " + path);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManagementException("Access file " + path + " is missing or unreadable", e);
        }
        Map<String, Role> roles = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            String word = words.length > 1 ? words[1] : "";
            Role role = switch (word.toLowerCase(Locale.ROOT)) {
                case "readonly" -> Role.READONLY;
                case "readwrite" -> Role.READWRITE;
                default -> throw new ManagementException("Invalid role '" + word + "' at " + path + ":"
                        + (i + 1) + ". Must be 'readonly' or 'readwrite'.");
            };
            if (role == Role.READONLY && words.length > 2) {
                throw new ManagementException("Unexpected '" + words[2] + "' after readonly at " + path
                        + ":" + (i + 1) + ". Only readwrite takes create or unregister clauses.");
            }
            roles.put(words[0], role);
        }
        return new AccessFile(Map.copyOf(roles));
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
        return Optional.ofNullable(user == null ? null : roles.get(user));
    }
}
