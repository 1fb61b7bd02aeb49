package io.ripple.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sync did.
 *
 * @param changed   files written (the server.conf when replicated entries changed)
 * @param deleted   files removed because the master no longer has them (only files an earlier sync placed)
 * @param backupDir where the replaced and removed files were kept; null when nothing changed
 * @param bytesFetched bytes pulled from the master
 * @param ignored   the master's entries ({@code stanza::key}) and files that this server's own rules do not accept
 * @param accepted  the manifest this server holds of the version, once applied; empty when not known
 */
public record SyncResult(List<String> changed, List<String> deleted, Path backupDir, long bytesFetched,
                         List<String> ignored, List<ManifestEntry> accepted) {

    public static final SyncResult UNCHANGED = new SyncResult(List.of(), List.of(), null, 0, List.of(), List.of());
    /** Ignored names a summary lists before it only counts the rest. */
    private static final int IGNORED_LISTED = 5;

    public SyncResult {
        changed = List.copyOf(changed);
        deleted = List.copyOf(deleted);
        ignored = List.copyOf(ignored);
        accepted = List.copyOf(accepted);
    }

    public SyncResult(List<String> changed, List<String> deleted, Path backupDir, long bytesFetched) {
        this(changed, deleted, backupDir, bytesFetched, List.of(), List.of());
    }

    /** Nothing to change; what was accepted and ignored of the version all the same. */
    public static SyncResult unchanged(List<String> ignored, List<ManifestEntry> accepted) {
        return new SyncResult(List.of(), List.of(), null, 0, ignored, accepted);
    }

    public boolean anything() {
        return !changed.isEmpty() || !deleted.isEmpty();
    }

    /** A line for the run status: "3 files changed, 1 deleted; ignored by this server's rules: cluster::health-host". */
    public String summary() {
        String text;
        if (!anything()) {
            text = "up to date";
        } else {
            int n = changed.size();
            text = n + (n == 1 ? " file changed" : " files changed");
            text = deleted.isEmpty() ? text : text + ", " + deleted.size() + " deleted";
        }
        if (ignored.isEmpty()) {
            return text;
        }
        String listed = String.join(", ", ignored.subList(0, Math.min(IGNORED_LISTED, ignored.size())));
        return text + "; ignored by this server's rules: " + listed
                + (ignored.size() > IGNORED_LISTED ? " and " + (ignored.size() - IGNORED_LISTED) + " more" : "");
    }
}
