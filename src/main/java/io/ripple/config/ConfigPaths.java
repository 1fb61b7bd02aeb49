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
        try {
            Path realBase = base.toRealPath();
            Path existing = target;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(realBase)) {
                throw new ConfigException("Path '" + path + "' goes through a link that leaves the configuration folder " + base + ".");
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot check path '" + path + "' in " + base + ": " + e.getMessage());
        }
        return target;
    }

    /** The manifest form of a path below the folder: relative, with '/' separators. */
    public static String relative(Path root, Path file) {
        Path rel = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
