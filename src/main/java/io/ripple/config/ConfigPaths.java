package io.ripple.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Keeps replicated paths inside the configuration folder, whatever a manifest or a glob says. */
public final class ConfigPaths {

    private ConfigPaths() {
    }

    /**
     * Checks a manifest path: relative, '/'-separated, no empty, '.' or '..' segment, no backslash or NUL.
     *
     * @throws ConfigException naming the path and the rule it breaks
     */
    public static void checkRelative(String path) throws ConfigException {
        if (path == null || path.isEmpty()) {
            throw new ConfigException("Empty path in the configuration database.");
        }
        if (path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0 || path.matches("^[A-Za-z]:.*")) {
            throw new ConfigException("Path '" + path + "' must be relative to the configuration folder.");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new ConfigException("Path '" + path + "' leaves the configuration folder or is not normalized.");
            }
        }
    }

    /**
     * Resolves a checked relative path against the folder and makes sure that no existing part of it is a link
     * that leads outside the folder.
     */
    public static Path resolveInside(Path root, String path) throws ConfigException {
        checkRelative(path);
        Path base = root.toAbsolutePath().normalize();
        Path target = base.resolve(path).normalize();
        if (!target.startsWith(base)) {
            throw new ConfigException("Path '" + path + "' leaves the configuration folder " + base + ".");
        }
        Path existing = target;
        try {
            Path realBase = base.toRealPath();
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(realBase)) {
                throw new ConfigException("Path '" + path + "' goes through a link that leaves the configuration folder " + base + ".");
            }
        } catch (IOException e) {
            throw new ConfigException(danglingLink(path, base, target, existing)
                    .orElse("Cannot check path '" + path + "' in " + base + ": " + e.getMessage()));
        }
        return target;
    }

    /** What to say of a link on the path that leads nowhere: toRealPath's own message is the link's path alone. */
    private static java.util.Optional<String> danglingLink(String path, Path base, Path target, Path existing) {
        if (existing == null || !Files.isSymbolicLink(existing) || Files.exists(existing)) {
            return java.util.Optional.empty();
        }
        try {
            Path to = existing.getParent().resolve(Files.readSymbolicLink(existing)).normalize();
            return java.util.Optional.of("Path '" + path + "' in " + base + (existing.equals(target) ? " is a link to "
                    : " goes through the link " + existing + " to ") + to + ", which does not exist: remove the link,"
                    + " or make it point at a file inside the configuration folder.");
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The manifest form of a path below the folder: relative, with '/' separators. */
    public static String relative(Path root, Path file) {
        Path rel = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
