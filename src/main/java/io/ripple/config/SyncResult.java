package io.ripple.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sync did.
 *
 * @param changed   files written (the server.conf when replicated entries changed)
 * @param deleted   files removed because the master no longer has them
 * @param backupDir where the replaced and removed files were kept; null when nothing changed
 * @param bytesFetched bytes pulled from the master
 */
public record SyncResult(List<String> changed, List<String> deleted, Path backupDir, long bytesFetched) {

    public static final SyncResult UNCHANGED = new SyncResult(List.of(), List.of(), null, 0);

    public boolean anything() {
        return !changed.isEmpty() || !deleted.isEmpty();
    }

    /** A line for the run status: "3 files changed, 1 deleted". */
    public String summary() {
        if (!anything()) {
            return "up to date";
        }
        int n = changed.size();
        String text = n + (n == 1 ? " file changed" : " files changed");
        return deleted.isEmpty() ? text : text + ", " + deleted.size() + " deleted";
    }
}
