package io.ripple.management;

import io.ripple.config.ConfigException;
import io.ripple.config.SecretFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users and passwords in the JDK's {@code jmxremote.password} format: one {@code user password}
 * pair per line, {@code #} comments and blank lines ignored. It is a {@link SecretFile}: owned by
 * this process's user, with no access for group or others.
 */
public final class PasswordFile {

    // Every password is compared through its digest so that the comparison takes the same time
    // whatever the lengths, and unknown users cost as much as known ones.
    private static final byte[] UNKNOWN_USER_DIGEST = digest("\u0000unknown-user\u0000");

    private final Path path;
    private final Map<String, byte[]> digests;
    // What a server proves itself with (PeerProof): derived from each password, never the password itself
    private final ClusterKeys clusterKeys;
    private final byte[] unknownUserKey = PeerProof.newNonce();

    private PasswordFile(Path path, Map<String, byte[]> digests, ClusterKeys clusterKeys) {
        this.path = path;
        this.digests = digests;
        this.clusterKeys = clusterKeys;
    }

    /**
     * Reads and checks a password file.
     *
     * @throws ManagementException if the file is missing, unreadable, malformed, or another
     *     user could read or change it
     */
    public static PasswordFile load(Path path) throws ManagementException {
        List<String> lines;
        try {
            // whose file it is and who else may touch it comes first: that says more than "unreadable"
            SecretFile.check(path, "Password file " + path);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new ManagementException("Password file " + path + " is missing or unreadable");
            }
            lines = SecretFile.readLines(path, "Password file " + path);
        } catch (ConfigException e) {
            throw new ManagementException(e.getMessage(), e);
        }
        Map<String, byte[]> digests = new HashMap<>();
        Map<String, String> passwords = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2) {
                throw new ManagementException("Invalid line at " + path + ":" + (i + 1)
                        + ". Must be 'user password'.");
            }
            digests.put(words[0], digest(words[1]));
            passwords.put(words[0], words[1]);
        }
        return new PasswordFile(path, Map.copyOf(digests), ClusterKeys.deriveInBackground(passwords));
    }

    /** True when the user is in the file with exactly this password; takes constant time. */
    public boolean authenticate(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        byte[] expected = digests.get(user);
        boolean known = expected != null;
        boolean match = MessageDigest.isEqual(known ? expected : UNKNOWN_USER_DIGEST, digest(password));
        return known & match;
    }

    /**
     * The {@link PeerProof#clusterKey key} this server proves itself with to a caller that will authenticate as
     * {@code user}. For a user not in the file, a random key of this instance: the proof is then wrong, and a stranger
     * asking cannot tell which users exist.
     */
    byte[] clusterKey(String user) {
        byte[] key = clusterKeys.get(user);
        return (key == null ? unknownUserKey : key).clone();
    }

    /** The file this was read from. */
    public Path path() {
        return path;
    }

    /** The users named in the file. */
    public Set<String> users() {
        return digests.keySet();
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
