package io.ripple.config;

import io.ripple.util.MessageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out an {@link ApplyJournal}: backs up each file it replaces or removes, moves the staged ones into place,
 * and keeps the journal of the last completed apply. A step that fails puts back everything the apply changed; a
 * process that dies midway leaves the journal, and the apply is finished at the next start; a completed apply can be
 * undone after the fact.
 */
final class JournalApplier {

    private static final Logger log = LoggerFactory.getLogger(JournalApplier.class);

    private final Path confDir;
    private final Path dataDir;
    private final Path staging;
    private final Path journalFile;
    private final Path lastApplyFile;
    private final boolean undoFailedApply;

    /** @param undoFailedApply false only in tests that stand for a process that died where the apply failed */
    JournalApplier(Path confDir, Path dataDir, Path staging, Path journalFile, Path lastApplyFile, boolean undoFailedApply) {
        this.confDir = confDir;
        this.dataDir = dataDir;
        this.staging = staging;
        this.journalFile = journalFile;
        this.lastApplyFile = lastApplyFile;
        this.undoFailedApply = undoFailedApply;
    }

    /**
     * Applies a journal; when a step fails (a full disk, a file in the way), puts back everything the apply changed, so
     * that the configuration is the old version whole, never a mixture. A process that dies midway leaves the journal
     * instead, and {@link ConfigSync#recover()} finishes the apply at the next start.
     */
    void applyOrUndo(ApplyJournal journal, long localVersion, ConfigSync.AppliedCheck check) throws IOException, ConfigException {
        List<Step> started = new ArrayList<>();
        try {
            apply(journal, started);
            if (check != null) {
                checkApplied(journal, started, check);
            }
        } catch (RejectedApply e) {
            throw e;
        } catch (IOException | ConfigException | RuntimeException e) {
            if (!undoFailedApply) {
                throw e;
            }
            try {
                undo(journal, started);
            } catch (IOException | RuntimeException undoFailure) {
                e.addSuppressed(undoFailure);
                throw new IOException("Applying version " + journal.version() + " failed: " + e.getMessage()
                        + "; putting version " + localVersion + " back failed too: " + undoFailure.getMessage()
                        + ". The journal is kept: the next sync or start finishes the apply.", e);
            }
            throw new UndoneApply("Applying version " + journal.version() + " failed: " + e.getMessage()
                    + ". Version " + localVersion + " was put back whole: nothing was changed.", e);
        }
    }

    /** Puts back, newest first, what the started steps of an apply replaced or added; then forgets the apply. */
    private void undo(ApplyJournal journal, List<Step> started) throws IOException, ConfigException {
        Path backupDir = dataDir.resolve(journal.backupDir());
        java.util.Set<Path> touchedDirs = new java.util.LinkedHashSet<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            Step step = started.get(i);
            touchedDirs.add(putBack(step.op(), backupDir, step.existed()));
        }
        for (Path dir : touchedDirs) {
            AtomicFiles.fsyncDirectory(dir);
        }
        Files.deleteIfExists(journalFile);
        Files.deleteIfExists(lastApplyFile); // an apply undone is not one to undo again
        ConfigSync.deleteTree(staging);
        ConfigSync.deleteTree(backupDir);
        log.warn(MessageId.APPLY_UNDONE.line("Apply of version {} undone: the configuration is as it was"), journal.version());
    }

    private void checkApplied(ApplyJournal journal, List<Step> started, ConfigSync.AppliedCheck check) throws IOException, ConfigException {
        try {
            check.check();
        } catch (Exception rejected) {
            String reason = rejected.getMessage() == null || rejected.getMessage().isBlank() ? rejected.toString() : rejected.getMessage();
            undo(journal, started);
            throw new RejectedApply(reason + " (the configuration folder was put back as it was)");
        }
    }

    /** An applied version the check rejected, undone: the message is the check's reason. */
    private static final class RejectedApply extends ConfigException {
        RejectedApply(String message) {
            super(message);
        }
    }

    /**
     * Puts back one file as it was before an apply: removes it when the apply added it, else restores its backup (the
     * whole original: a backup is complete before its file is replaced or removed). The backup stays.
     *
     * @return the folder that changed
     */
    private Path putBack(ApplyJournal.Operation op, Path backupDir, boolean existed) throws IOException, ConfigException {
        Path target = ConfigPaths.resolveInside(confDir, op.path());
        Path backup = backupDir.resolve(op.path());
        if (!existed) {
            Files.deleteIfExists(target); // new in this apply
        } else if (Files.exists(backup, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !stillTheOriginal(target, backup)) {
            Files.createDirectories(target.getParent());
            Path part = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.copy(backup, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.fsync(part);
            AtomicFiles.move(part, target);
        }
        return target.getParent();
    }

    /**
     * Whether a step failed before it replaced its file: then there is nothing to put back, and writing it again could
     * fail for the very reason the step did (a read-only folder).
     */
    private static boolean stillTheOriginal(Path target, Path backup) throws IOException {
        return Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && (Files.isSameFile(target, backup) || Files.mismatch(target, backup) == -1);
    }

    /**
     * Undoes, after the fact, the last apply that completed, when it brought {@code version}: every file it replaced or
     * removed is put back from its backup, every file it added is removed. A replica whose server cannot run on a new
     * version goes back to the one before it this way. An undo done is forgotten; an interrupted one can be repeated.
     *
     * @return the version undone; empty when the last apply kept is not of {@code version} (nothing was changed then)
     */
    Optional<Long> undoLastApply(long version) throws IOException, ConfigException {
        Optional<ApplyJournal> last = ApplyJournal.read(lastApplyFile);
        if (last.isEmpty() || last.get().version() != version || Files.exists(journalFile)) {
            return Optional.empty();
        }
        ApplyJournal journal = last.get();
        Path backupDir = dataDir.resolve(journal.backupDir());
        java.util.Set<Path> touchedDirs = new java.util.LinkedHashSet<>();
        List<ApplyJournal.Operation> operations = journal.operations();
        for (int i = operations.size() - 1; i >= 0; i--) {
            ApplyJournal.Operation op = operations.get(i);
            boolean existed = Files.exists(backupDir.resolve(op.path()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (existed || op.staged() != null) { // a removal without a backup removed nothing
                touchedDirs.add(putBack(op, backupDir, existed));
            }
        }
        for (Path dir : touchedDirs) {
            AtomicFiles.fsyncDirectory(dir);
        }
        Files.deleteIfExists(lastApplyFile);
        // these backups hold the configuration now in place: kept, they would only be mistaken for an older one
        ConfigSync.deleteTree(backupDir);
        log.warn(MessageId.APPLY_UNDONE.line("Apply of version {} undone after the fact: the configuration is as it was before it"), journal.version());
        return Optional.of(journal.version());
    }

    /**
     * Undoes an interrupted apply that cannot be finished ({@code failure} says why): each file a step replaced or
     * removed is put back from its backup, each file a step added is removed, the steps never reached are left alone.
     *
     * @throws IOException when a file cannot be put back; the journal is kept then, for the next start to try again
     */
    void undoInterrupted(ApplyJournal journal, Exception failure) throws IOException, ConfigException {
        Path backupDir = dataDir.resolve(journal.backupDir());
        java.util.Set<Path> touchedDirs = new java.util.LinkedHashSet<>();
        List<ApplyJournal.Operation> operations = journal.operations();
        try {
            for (int i = operations.size() - 1; i >= 0; i--) {
                ApplyJournal.Operation op = operations.get(i);
                boolean backedUp = Files.exists(backupDir.resolve(op.path()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (backedUp || placedBy(op)) {
                    touchedDirs.add(putBack(op, backupDir, backedUp));
                }
            }
        } catch (IOException | ConfigException | RuntimeException undoFailure) {
            undoFailure.addSuppressed(failure);
            throw new IOException("Finishing the interrupted apply of version " + journal.version() + " failed: "
                    + failure.getMessage() + "; undoing it failed too: " + undoFailure.getMessage()
                    + ". The journal is kept: the next start tries again.", undoFailure);
        }
        for (Path dir : touchedDirs) {
            AtomicFiles.fsyncDirectory(dir);
        }
        Files.deleteIfExists(journalFile);
        ConfigSync.deleteTree(staging);
        ConfigSync.deleteTree(backupDir);
        log.warn(MessageId.APPLY_UNDONE.line("Finishing the interrupted apply of version {} failed: {}. It was undone: the"
                + " configuration is the version before it, whole"), journal.version(), failure.getMessage());
    }

    /**
     * Whether a step without a backup has put its file in place: a file new in this apply, holding its staged object (a
     * step that replaces a file backs it up first, so a file without a backup is either new or not reached yet).
     */
    private boolean placedBy(ApplyJournal.Operation op) throws IOException, ConfigException {
        Path target = ConfigPaths.resolveInside(confDir, op.path());
        if (op.staged() == null || !op.staged().startsWith(OBJECTS) || !Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return Hashing.sha256Hex(Files.readAllBytes(target)).equals(op.staged().substring(OBJECTS.length()));
    }

    /** Where a journal's staged objects are, named by their SHA-256. */
    private static final String OBJECTS = "objects/";

    /** An apply that failed and was undone: it says so itself. */
    static final class UndoneApply extends IOException {
        UndoneApply(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A step of an apply as it started: whether its file was there before, for an undo. */
    private record Step(ApplyJournal.Operation op, boolean existed) {
    }

    /**
     * Backs up a file the apply is about to replace or remove, whole or not at all, so that a backup found there can be
     * trusted. A regular file gets a second name in the backup folder, as cheap for 50 MB as for 50 bytes: an apply never
     * writes into a file, it renames the new one over it or removes it, so the backup keeps the original's bytes, owner
     * and mode. Where that cannot be (another file system, a link), the backup is a copy.
     */
    private static void keepAside(Path target, Path backup) throws IOException {
        Files.createDirectories(backup.getParent());
        if (Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createLink(backup, target);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("Backup of {} copied: no second name for it in {} ({})", target, backup.getParent(), e.toString());
            }
        }
        Path part = Files.createTempFile(backup.getParent(), "." + backup.getFileName(), ".tmp");
        Files.copy(target, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.move(part, backup);
    }

    /**
     * Whether a step whose staged object other steps share (so it stays staged) put its copy in place before the apply
     * was interrupted: done again, it would back up its own new file as if it were the original.
     */
    private static boolean doneBeforeWithASharedObject(ApplyJournal.Operation op, Map<String, Long> uses, Path staged,
                                                       Path target) throws IOException {
        return uses.getOrDefault(op.staged(), 0L) > 1 && Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && Files.mismatch(staged, target) == -1;
    }

    /** Finishes an apply that a crash interrupted: every step can be repeated. */
    void apply(ApplyJournal journal) throws IOException, ConfigException {
        apply(journal, new ArrayList<>());
    }

    /**
     * Each step is safe to repeat, so an apply interrupted anywhere can simply be run again.
     *
     * @param started collects each step as it starts, for an undo
     */
    private void apply(ApplyJournal journal, List<Step> started) throws IOException, ConfigException {
        Path backupDir = dataDir.resolve(journal.backupDir());
        Map<String, Long> uses = journal.operations().stream().filter(o -> o.staged() != null)
                .collect(Collectors.groupingBy(ApplyJournal.Operation::staged, Collectors.counting()));
        java.util.Set<Path> touchedDirs = new java.util.LinkedHashSet<>();
        int done = 0;
        for (ApplyJournal.Operation op : journal.operations()) {
            if (done++ == 1) {
                FaultPoints.pause(FaultPoints.APPLYING);
            }
            Path target = ConfigPaths.resolveInside(confDir, op.path());
            Path staged = op.staged() == null ? null : staging.resolve(op.staged());
            boolean pending = op.staged() == null ? Files.exists(target) : Files.exists(staged);
            if (!pending || doneBeforeWithASharedObject(op, uses, staged, target)) {
                continue;
            }
            started.add(new Step(op, Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)));
            if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("'" + op.path() + "' is a folder on this server, where version " + journal.version()
                        + " has a file");
            }
            Path backup = backupDir.resolve(op.path());
            // a backup already there was made by this very apply before it was interrupted: it holds the original
            if (Files.exists(target) && !Files.exists(backup, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                keepAside(target, backup);
            }
            if (staged == null) {
                Files.delete(target);
            } else {
                Files.createDirectories(target.getParent());
                if (uses.getOrDefault(op.staged(), 0L) == 1) {
                    AtomicFiles.move(staged, target);
                } else {
                    // the same object backs several paths: copy it aside so that the staged one stays for the next
                    Path single = staged.resolveSibling(staged.getFileName() + "." + Math.abs(op.path().hashCode()) + ".tmp");
                    Files.copy(staged, single, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    AtomicFiles.fsync(single);
                    AtomicFiles.move(single, target);
                }
            }
            touchedDirs.add(target.getParent());
        }
        // the renames are durable before the journal that would redo them goes
        for (Path dir : touchedDirs) {
            AtomicFiles.fsyncDirectory(dir);
        }
        journal.write(lastApplyFile);
        Files.deleteIfExists(journalFile);
        ConfigSync.deleteTree(staging);
        log.info("Applied version {} ({} files)", journal.version(), journal.operations().size());
    }
}
