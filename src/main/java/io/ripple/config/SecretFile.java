package io.ripple.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one reader of every file that holds a secret: the JMX and Jolokia password file, the cluster credentials file,
 * the key stores' password files, the command line's {@code --password-file}. Before it reads a line it checks that
 * nobody but this process's user can read or change the file: owned by that user, no permission bits at all for group
 * or others, in a folder that only its owner (this user or root) can write. A symbolic link is judged by its target,
 * and both folders are checked. Each refusal is one line naming the file and the command that fixes it. Where the file
 * system keeps no POSIX permissions nothing is checked.
 */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * Checks the file, then reads all its lines.
     *
     * @param description the file as messages name it, e.g. {@code Password file /etc/ripple/jmxremote.password}
     * @throws ConfigException the file is missing, unreadable, or others could read or change it
     */
    public static List<String> readLines(Path file, String description) throws ConfigException {
        check(file, description);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(description + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(description + " cannot be read: permission denied.", e);
        } catch (IOException e) {
            throw new ConfigException(description + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Checks the file, then returns its first line: a password. @throws ConfigException as {@link #readLines}, or when it is empty */
    public static String firstLine(Path file, String description) throws ConfigException {
        List<String> lines = readLines(file, description);
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new ConfigException(description + " is empty: its first line must be the password.");
        }
        return lines.get(0);
    }

    /**
     * Checks that only this process's user can read or change the file; a missing file passes (reading it says so).
     *
     * @throws ConfigException naming the file and the fix when another user could read or change it
     */
    public static void check(Path file, String description) throws ConfigException {
        Optional<FileJudge.Judged> judged = FileJudge.judged(file, description);
        if (judged.isEmpty()) {
            return;
        }
        FileJudge judge = judged.get().judge();
        FileOwner facts = judged.get().facts();
        String user = FileOwner.processUser();
        if (!facts.mine()) {
            throw new ConfigException(judge.named() + " must be owned by " + user + ", the user this process runs as (chown "
                    + user + " " + judge.realPath() + "). It is owned by " + facts.owner() + ".");
        }
        if ((facts.mode() & FileOwner.GROUP_OR_OTHERS) != 0) {
            throw new ConfigException(judge.named() + " must be readable by its owner only (chmod 600 " + judge.realPath()
                    + "). Its mode " + facts.octal() + " gives group or others access to it.");
        }
        judge.checkFolders();
    }
}
