package io.ripple.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checks {@link SecretFile} and {@link TrustedFile} share: a symbolic link resolved to the file it names, and the
 * folders that hold them. A folder that group or others can write lets them replace the file; a sticky one (such as
 * /tmp) keeps them from replacing an existing file but not from creating the name first, as their own file or as a
 * link to one of ours, so it is refused too.
 */
final class FileJudge {

    private final Path file;
    private final Path realPath;
    private final String named;

    private FileJudge(Path file, Path realPath, String named) {
        this.file = file;
        this.realPath = realPath;
        this.named = named;
    }

    /** The file as judged, or null when it does not exist (its reader names that). */
    /**
     * The judge of an existing file on a POSIX file system and the facts of its target; empty when there is nothing to
     * judge (a missing file, whose reading then says so, or a file system without owners and modes).
     */
    static Optional<Judged> judged(Path file, String description) throws ConfigException {
        FileJudge judge = of(file, description);
        if (judge == null) {
            return Optional.empty();
        }
        return judge.target().map(facts -> new Judged(judge, facts));
    }

    /** A file's judge and its target's owner and mode. */
    record Judged(FileJudge judge, FileOwner facts) {
    }

    static FileJudge of(Path file, String description) throws ConfigException {
        if (!Files.exists(file)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            // judged as a file, its mode would ask for a chmod that cannot help
            throw new ConfigException(description + " is a folder, not a file. Name the file itself.");
        }
        try {
            Path real = file.toRealPath();
            boolean link = Files.isSymbolicLink(file);
            return new FileJudge(file, real, link ? description + " (a symbolic link, judged by its target " + real + ")" : description);
        } catch (IOException e) {
            throw new ConfigException(description + " cannot be checked: " + e.getMessage(), e);
        }
    }

    /** The description, with the link's target when the file is a symbolic link. */
    String named() {
        return named;
    }

    /** The file itself, with every link resolved: what the fix applies to. */
    Path realPath() {
        return realPath;
    }

    /** The owner and mode of the file itself, or empty on a file system without POSIX permissions. */
    Optional<FileOwner> target() throws ConfigException {
        return facts(realPath);
    }

    /** Checks the folder the file is named in and, for a link, the folder of its target. */
    void checkFolders() throws ConfigException {
        Path named = file.toAbsolutePath().getParent();
        checkFolder(named);
        Path real = realPath.getParent();
        if (real != null && !real.equals(realFolder(named))) {
            checkFolder(real);
        }
    }

    private void checkFolder(Path folder) throws ConfigException {
        if (folder == null) {
            return;
        }
        Optional<FileOwner> facts = facts(folder);
        if (facts.isEmpty()) {
            return;
        }
        String user = FileOwner.processUser();
        if (!facts.get().mine() && !facts.get().root()) {
            throw new ConfigException(named + " must be in a folder owned by " + user + " or root (chown " + user + " "
                    + folder + "). The folder is owned by " + facts.get().owner() + ".");
        }
        if ((facts.get().mode() & FileOwner.GROUP_OR_OTHERS_WRITE) != 0) {
            throw new ConfigException(named + " must be in a folder that group and others cannot write " + (facts.get().sticky()
                    ? "(move it out of " + folder + "). Its mode " + facts.get().octal()
                            + " lets anyone create a file or link there first, sticky bit or not."
                    : "(chmod go-w " + folder + "). Its mode " + facts.get().octal() + " lets them replace the file."));
        }
    }

    private Optional<FileOwner> facts(Path path) throws ConfigException {
        try {
            return FileOwner.of(path);
        } catch (IOException e) {
            throw new ConfigException(named + " cannot be checked: " + e.getMessage(), e);
        }
    }

    private static Path realFolder(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder;
        }
    }
}
