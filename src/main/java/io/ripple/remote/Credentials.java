package io.ripple.remote;

import io.ripple.config.ConfigException;
import io.ripple.config.SecretFile;
import java.nio.file.Path;
import java.util.List;

/**
 * The user and password a server presents when it calls another server, from a {@code credentials-file} of
 * {@code user = NAME} and {@code password = SECRET} lines. {@link #toString()} never shows the password.
 */
public final class Credentials {

    /** No credentials: for endpoints that need none. */
    public static final Credentials NONE = new Credentials(null, null);

    private final String user;
    private final String password;

    public Credentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** Reads a credentials file, a {@link SecretFile}. @throws ConfigException naming the file and what is wrong */
    public static Credentials load(Path file) throws ConfigException {
        List<String> lines = SecretFile.readLines(file, "Credentials file " + file);
        String user = null;
        String password = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            switch (key) {
                case "user" -> user = line.substring(eq + 1).strip();
                case "password" -> password = line.substring(eq + 1).strip();
                default -> throw new ConfigException("Invalid line at " + file.getFileName() + ":" + (i + 1)
                        + ". Expected 'user = NAME' or 'password = SECRET'.");
            }
        }
        if (user == null || user.isEmpty() || password == null) {
            throw new ConfigException("Credentials file " + file + " must have a 'user = NAME' and a 'password = SECRET' line.");
        }
        return new Credentials(user, password);
    }

    /** The user, or null for none. */
    public String user() {
        return user;
    }

    /** The password, or null for none. Never log it. */
    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return user == null ? "(no credentials)" : user + " (password hidden)";
    }
}
