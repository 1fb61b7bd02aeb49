package io.ripple.remote;

import io.ripple.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

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

    public static Credentials load(Path file) throws ConfigException {
        String text;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                throw new ConfigException("Credentials file " + file + " must be readable by its owner only (chmod 600 " + file + ").");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Credentials file " + file + " does not exist.");
        } catch (UnsupportedOperationException e) {
            throw new ConfigException("Cannot check the permissions of credentials file " + file + ".");
        } catch (IOException e) {
            throw new ConfigException("Cannot read credentials file " + file + ": " + e.getMessage());
        }
        String user = null;
        String password = null;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
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
