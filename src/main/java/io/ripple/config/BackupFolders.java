package io.ripple.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A replica's {@code data-dir/backups}: one folder of replaced and removed files per sync, the newest few kept. */
final class BackupFolders {

    private static final Logger log = LoggerFactory.getLogger(BackupFolders.class);

    private final Path folder;
    private final int keep;

    /** @param keep the backup folders kept; older ones are removed after a sync */
    BackupFolders(Path folder, int keep) {
        this.folder = folder;
        this.keep = keep;
    }

    /** A folder for this sync's backups that no earlier sync used: {@code 7}, else {@code 7.2}, {@code 7.3}, … */
    Path fresh(long localVersion) {
        Path dir = folder.resolve(Long.toString(localVersion));
        for (int n = 2; Files.exists(dir); n++) {
            dir = folder.resolve(localVersion + "." + n);
        }
        return dir;
    }

    /** Keeps the newest {@code keep} backup folders, this sync's among them. */
    void prune(Path current) {
        if (!Files.isDirectory(folder)) {
            return; // nothing was ever replaced
        }
        try (Stream<Path> folders = Files.list(folder)) {
            List<Path> stale = folders.filter(Files::isDirectory).filter(p -> !p.equals(current))
                    .filter(p -> BACKUP_NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(BackupFolders::backupOrder).reversed()).skip(Math.max(0, keep - 1)).toList();
            for (Path old : stale) {
                ConfigSync.deleteTree(old);
                log.info("Removed the backup {} (keeping the newest {})", old.getFileName(), keep);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            log.warn("Could not prune the backups in {}: {}", folder, e.getMessage());
        }
    }

    /** Backup folders are named by the version they replaced, {@code 7}, then {@code 7.2}, {@code 7.3}: newer is larger. */
    private static final java.util.regex.Pattern BACKUP_NAME = java.util.regex.Pattern.compile("(\\d{1,18})(?:\\.(\\d{1,9}))?");

    private static java.math.BigDecimal backupOrder(Path folder) {
        java.util.regex.Matcher m = BACKUP_NAME.matcher(folder.getFileName().toString());
        if (!m.matches()) {
            return java.math.BigDecimal.ZERO;
        }
        long suffix = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        return java.math.BigDecimal.valueOf(Long.parseLong(m.group(1))).add(java.math.BigDecimal.valueOf(suffix, 10));
    }
}
