package io.ripple.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file that decides who may do what, without being secret: the access file and the Jolokia policy file. Anyone may
 * read it; only its owner (this process's user or root) may change it or the folder it is in. A symbolic link is
 * judged by its target. Where the file system keeps no POSIX permissions nothing is checked.
 */
public final class TrustedFile {

    private TrustedFile() {
    }

    /**
     * Checks that no other user can change the file; a missing file passes (reading it says so).
     *
     * @param description the file as messages name it, e.g. {@code Access file /etc/ripple/jmxremote.access}
     * @throws ConfigException naming the file and the fix when another user could change it
     */
    public static void check(Path file, String description) throws ConfigException {
        Optional<FileJudge.Judged> judged = FileJudge.judged(file, description);
        if (judged.isEmpty()) {
            return;
        }
        FileJudge judge = judged.get().judge();
        FileOwner facts = judged.get().facts();
        String user = FileOwner.processUser();
        if (!facts.mine() && !facts.root()) {
            throw new ConfigException(judge.named() + " must be owned by " + user + " or root (chown " + user + " "
                    + judge.realPath() + "). It is owned by " + facts.owner() + ".");
        }
        if ((facts.mode() & FileOwner.GROUP_OR_OTHERS_WRITE) != 0) {
            throw new ConfigException(judge.named() + " must not be writable by group or others (chmod go-w "
                    + judge.realPath() + "). Its mode is " + facts.octal() + ".");
        }
        judge.checkFolders();
    }
}
