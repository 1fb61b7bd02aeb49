package io.ripple.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a replica's configuration to a published version of the master's: pulls only the files whose SHA-256
 * differs, in bounded chunks, verifies each, stages everything beside the target, then applies it all at once through
 * an {@link ApplyJournal}, keeping every replaced file in {@code data-dir/backups/}.
 */
public final class ConfigSync {

    private static final Logger log = LoggerFactory.getLogger(ConfigSync.class);
    /** Bytes asked for in one call: small enough for any transport, large enough to keep round trips few. */
    public static final int CHUNK_BYTES = 1024 * 1024;
    /** A chunk that arrives corrupted is fetched again this many times before the sync fails. */
    public static final int FETCH_ATTEMPTS = 3;

    private final Path confFile;
    private final Path confDir;
    private final Path dataDir;
    private final Path staging;
    private final Path journalFile;
    /** The journal of the last apply that completed, kept so that the apply can be undone after the fact. */
    private final Path lastApplyFile;
    private final SyncLimits limits;
    private final int keepBackups;
    private final BackupFolders backups;
    private final boolean undoFailedApply;

    /** Where the journal of the last completed apply is kept in the data-dir, for {@link #undoLastApply(long)}. */
    public static final String LAST_APPLY_FILE = "last-apply.json";
    /** Backups kept by default: the replaced files of the last five syncs. */
    public static final int DEFAULT_KEEP_BACKUPS = 5;
    /** Room left free beyond what a sync stages and backs up, for the journal, the state and the logs. */
    static final long SPARE_BYTES = 64 * 1024;

    public ConfigSync(Path confFile, Path dataDir, SyncLimits limits) {
        this(confFile, dataDir, limits, DEFAULT_KEEP_BACKUPS, true);
    }

    /**
     * @param keepBackups     the backup folders kept in {@code data-dir/backups}; older ones are removed after a sync
     * @param undoFailedApply false only in tests that stand for a process that died where the apply failed
     */
    ConfigSync(Path confFile, Path dataDir, SyncLimits limits, int keepBackups, boolean undoFailedApply) {
        this.confFile = confFile.toAbsolutePath().normalize();
        this.confDir = this.confFile.getParent();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.staging = this.dataDir.resolve("staging");
        this.journalFile = this.dataDir.resolve("apply-journal.json");
        this.lastApplyFile = this.dataDir.resolve(LAST_APPLY_FILE);
        this.limits = limits;
        this.keepBackups = keepBackups;
        this.backups = new BackupFolders(this.dataDir.resolve("backups"), keepBackups);
        this.undoFailedApply = undoFailedApply;
    }

    /** The same sync keeping {@code count} backup folders. */
    public ConfigSync keepingBackups(int count) {
        return new ConfigSync(confFile, dataDir, limits, count, undoFailedApply);
    }

    /**
     * Finishes an apply that a crash interrupted, or drops a staging folder that never got as far as its journal.
     *
     * @return the version the finished apply brought, if there was one
     */
    public Optional<Long> recover() throws IOException, ConfigException {
        Optional<ApplyJournal> journal = ApplyJournal.read(journalFile);
        if (journal.isPresent()) {
            log.warn("Finishing the apply of version {} that was interrupted", journal.get().version());
            apply(journal.get());
            return Optional.of(journal.get().version());
        }
        if (Files.exists(staging)) {
            log.info("Removing a staging folder left by an interrupted sync");
            deleteTree(staging);
        }
        return Optional.empty();
    }

    /**
     * The master restoring one of its own published versions: all of it, and every file the version does not have is
     * removed. Either everything is applied or nothing is.
     */
    public SyncResult restore(PublishedVersion target, long localVersion, ObjectSource source) throws ConfigException, IOException {
        return sync(target, localVersion, null, source, null, PullProgress.NONE);
    }

    /** A check of the configuration folder just after an apply; when it throws, the apply is undone. */
    @FunctionalInterface
    public interface AppliedCheck {
        /** @throws Exception the applied configuration is rejected; the message says why, in one line */
        void check() throws Exception;
    }

    /**
     * As {@link #restore(PublishedVersion, long, ObjectSource)}, keeping the restored version only when {@code check}
     * accepts it in place; otherwise the folder is put back as it was and a {@link ConfigException} says why.
     */
    public SyncResult restore(PublishedVersion target, long localVersion, ObjectSource source, AppliedCheck check)
            throws ConfigException, IOException {
        return sync(target, localVersion, null, source, check, PullProgress.NONE);
    }

    /**
     * Syncs a replica to {@code target}, as far as its own rules accept it. Either everything is applied or nothing is:
     * on any error the configuration is left as it was.
     *
     * @param localVersion the version the replica holds now, to name its backup folder
     * @param placed       the files an earlier sync placed: the only ones a sync may remove; null for every file (the
     *                     master restoring its own version)
     */
    public SyncResult sync(PublishedVersion target, long localVersion, Set<String> placed, ObjectSource source)
            throws ConfigException, IOException {
        return sync(target, localVersion, placed, source, null, PullProgress.NONE);
    }

    /** As {@link #sync(PublishedVersion, long, Set, ObjectSource)}, telling {@code progress} how the pull goes. */
    public SyncResult sync(PublishedVersion target, long localVersion, Set<String> placed, ObjectSource source,
                           PullProgress progress) throws ConfigException, IOException {
        return sync(target, localVersion, placed, source, null, progress);
    }

    private SyncResult sync(PublishedVersion target, long localVersion, Set<String> placed, ObjectSource source,
                            AppliedCheck check, PullProgress progress) throws ConfigException, IOException {
        checkManifest(target);
        if (Files.exists(journalFile)) {
            recover(); // an earlier apply stopped midway: finish it before its staging folder is reused
        }
        ScannedDatabase local = new ConfigScanner(confFile, dataDir).scan();
        if (local.digest().equals(target.digest())) {
            // exactly the master's version, no more and no less: all of it is accepted, nothing to fetch
            return SyncResult.unchanged(List.of(), target.entries());
        }
        ManifestEntry entriesEntry = target.entry(ReplicatedEntries.PATH).orElseThrow();
        deleteTree(staging);
        byte[] masterEntries = fetchEntries(entriesEntry, source);
        AcceptedVersion accepted = placed == null ? AcceptedVersion.whole(local.conf(), masterEntries, target.entries())
                : AcceptedVersion.byOwnRules(local.conf(), masterEntries, target.entries());
        Map<String, String> localSha = local.manifest().stream()
                .collect(Collectors.toMap(ManifestEntry::path, ManifestEntry::sha256));
        Set<String> acceptedPaths = accepted.files().stream().map(ManifestEntry::path).collect(Collectors.toSet());
        List<String> removable = new ArrayList<>();
        for (ManifestEntry entry : local.manifest()) {
            String path = entry.path();
            if (!path.equals(ReplicatedEntries.PATH) && !acceptedPaths.contains(path) && (placed == null || placed.contains(path))) {
                removable.add(path);
            }
        }
        boolean entriesChanged = !Hashing.sha256Hex(accepted.entries()).equals(localSha.get(ReplicatedEntries.PATH));
        List<ManifestEntry> differing = accepted.files().stream().filter(e -> !e.sha256().equals(localSha.get(e.path()))).toList();
        if (!entriesChanged && differing.isEmpty() && removable.isEmpty()) {
            deleteTree(staging);
            return SyncResult.unchanged(accepted.ignored(), accepted.manifest());
        }
        try {
            List<ApplyJournal.Operation> operations = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            List<ManifestEntry> missing = new ArrayList<>();
            Set<String> asked = new HashSet<>();
            for (ManifestEntry entry : differing) {
                if (asked.add(entry.sha256())) {
                    missing.add(entry);
                }
            }
            checkSpace(target.version(), missing, backedUpBytes(local, differing, removable, entriesChanged),
                    entriesChanged ? accepted.mergedConf().text().length() * 4L : 0);
            List<Path> staged = new ObjectFetcher(staging.resolve("objects")).fetchAll(missing, source,
                    new ObjectFetcher.Pulled(missing, progress));
            long fetched = missing.stream().mapToLong(ManifestEntry::size).sum() + entriesEntry.size();
            if (entriesChanged) {
                String name = confDir.relativize(confFile).toString();
                Path merged = staging.resolve(name + ".merged");
                Files.writeString(merged, accepted.mergedConf().text(), StandardCharsets.UTF_8);
                staged.add(merged);
                operations.add(new ApplyJournal.Operation(name, name + ".merged"));
                changed.add(name);
            }
            for (ManifestEntry entry : differing) {
                ConfigPaths.resolveInside(confDir, entry.path());
                operations.add(new ApplyJournal.Operation(entry.path(), "objects/" + entry.sha256()));
                changed.add(entry.path());
            }
            // everything staged is on disk before the journal that points at it
            AtomicFiles.fsyncAll(staged);
            for (String path : removable) {
                operations.add(new ApplyJournal.Operation(path, null));
            }
            FaultPoints.pause(FaultPoints.STAGED);
            Path backupDir = backups.fresh(localVersion);
            ApplyJournal journal = new ApplyJournal(target.version(), target.digest(), dataDir.relativize(backupDir).toString(), operations);
            journal.write(journalFile);
            applyOrUndo(journal, localVersion, check);
            backups.prune(backupDir);
            return new SyncResult(changed, removable, backupDir, fetched, accepted.ignored(), accepted.manifest());
        } catch (ConfigException | IOException | RuntimeException e) {
            if (Files.exists(journalFile) || e instanceof UndoneApply) {
                throw e;
            }
            deleteTree(staging);
            if (e instanceof IOException io) {
                // a bare "No space left on device" would not say where, nor that nothing changed
                throw new IOException("Staging version " + target.version() + " in " + staging + " failed: " + io.getMessage()
                        + ". Nothing was applied.", io);
            }
            throw e;
        }
    }

    /**
     * The master's {@code <entries>}, fetched and verified like any file (it is needed to know what to accept), into a
     * fresh staging folder.
     */
    private byte[] fetchEntries(ManifestEntry entry, ObjectSource source) throws ConfigException, IOException {
        Path stagedObject = Files.createDirectories(staging.resolve("objects")).resolve(entry.sha256());
        try {
            new ObjectFetcher(stagedObject.getParent()).fetch(entry, source, 1, ObjectFetcher.Pulled.UNCOUNTED);
            return Files.readAllBytes(stagedObject);
        } catch (ConfigException | IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    private void checkManifest(PublishedVersion target) throws ConfigException {
        long total = 0;
        boolean entries = false;
        for (ManifestEntry e : target.entries()) {
            if (e.path().equals(ReplicatedEntries.PATH)) {
                entries = true;
            } else {
                ConfigPaths.checkRelative(e.path());
                if (confDir.resolve(e.path()).normalize().equals(confFile) || confDir.resolve(e.path()).normalize().startsWith(dataDir)) {
                    throw new ConfigException("Manifest path '" + e.path() + "' would overwrite this server's own "
                            + (confDir.resolve(e.path()).normalize().equals(confFile) ? "server.conf" : "data-dir") + ".");
                }
            }
            if (e.sha256() == null || !e.sha256().matches("[0-9a-f]{64}")) {
                throw new ConfigException("Manifest entry '" + e.path() + "' has no valid SHA-256.");
            }
            if (e.size() < 0 || e.size() > limits.maxFileBytes()) {
                throw new ConfigException("Manifest entry '" + e.path() + "' is " + e.size() + " bytes; the limit is "
                        + limits.maxFileBytes() + ".");
            }
            total += e.size();
        }
        long files = target.entries().stream().filter(e -> !e.path().equals(ReplicatedEntries.PATH)).count();
        if (files > limits.maxFiles()) {
            throw new ConfigException("Version " + target.version() + " has " + files + " files; the limit is "
                    + limits.maxFiles() + ". Nothing was written.");
        }
        if (total > limits.maxTotalBytes()) {
            throw new ConfigException("Version " + target.version() + " is " + total + " bytes; the limit is "
                    + limits.maxTotalBytes() + ". Nothing was written.");
        }
        if (!entries) {
            throw new ConfigException("The manifest of version " + target.version() + " has no " + ReplicatedEntries.PATH + ".");
        }
        if (!Hashing.digest(target.entries()).equals(target.digest())) {
            throw new ConfigException("The manifest of version " + target.version() + " does not match its digest.");
        }
    }

    /**
     * Staging, backups and the merged server.conf all go to the data-dir's file system: it must hold them all before the
     * first byte is fetched, so that a full disk never stops an apply halfway.
     */
    private void checkSpace(long version, List<ManifestEntry> fetched, long backups, long mergedConf) throws IOException {
        long needed = fetched.stream().mapToLong(ManifestEntry::size).sum() + backups + mergedConf + SPARE_BYTES;
        Files.createDirectories(dataDir);
        long free = Files.getFileStore(dataDir).getUsableSpace();
        if (free < needed) {
            throw new IOException("Not enough space for version " + version + " in " + dataDir + ": " + needed
                    + " bytes needed for staging and backups, " + free + " free");
        }
    }

    /** The bytes of what the apply will replace or remove, each copied to the backup folder first. */
    private long backedUpBytes(ScannedDatabase local, List<ManifestEntry> differing, List<String> removable,
                                      boolean entriesChanged) throws IOException {
        Map<String, Long> sizes = local.manifest().stream().collect(Collectors.toMap(ManifestEntry::path, ManifestEntry::size));
        long bytes = 0;
        for (ManifestEntry entry : differing) {
            bytes += sizes.getOrDefault(entry.path(), 0L);
        }
        for (String path : removable) {
            bytes += sizes.getOrDefault(path, 0L);
        }
        if (entriesChanged) {
            bytes += Files.size(confFile);
        }
        return bytes;
    }

    /**
     * Applies a journal; when a step fails (a full disk, a file in the way), puts back everything the apply changed, so
     * that the configuration is the old version whole, never a mixture. A process that dies midway leaves the journal
     * instead, and {@link #recover()} finishes the apply at the next start.
     */
    private void applyOrUndo(ApplyJournal journal, long localVersion, AppliedCheck check) throws IOException, ConfigException {
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
        deleteTree(staging);
        deleteTree(backupDir);
        log.warn("Apply of version {} undone: the configuration is as it was", journal.version());
    }

    private void checkApplied(ApplyJournal journal, List<Step> started, AppliedCheck check) throws IOException, ConfigException {
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
        } else if (Files.exists(backup, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(target.getParent());
            Path part = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.copy(backup, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.fsync(part);
            AtomicFiles.move(part, target);
        }
        return target.getParent();
    }

    /**
     * Undoes, after the fact, the last apply that completed, when it brought {@code version}: every file it replaced or
     * removed is put back from its backup, every file it added is removed. A replica whose server cannot run on a new
     * version goes back to the one before it this way. An undo done is forgotten; an interrupted one can be repeated.
     *
     * @return the version undone; empty when the last apply kept is not of {@code version} (nothing was changed then)
     */
    public Optional<Long> undoLastApply(long version) throws IOException, ConfigException {
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
        deleteTree(backupDir);
        log.warn("Apply of version {} undone after the fact: the configuration is as it was before it", journal.version());
        return Optional.of(journal.version());
    }

    /** An apply that failed and was undone: it says so itself. */
    private static final class UndoneApply extends IOException {
        UndoneApply(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A step of an apply as it started: whether its file was there before, for an undo. */
    private record Step(ApplyJournal.Operation op, boolean existed) {
    }

    private void apply(ApplyJournal journal) throws IOException, ConfigException {
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
            if (!pending) {
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
                Files.createDirectories(backup.getParent());
                Path part = Files.createTempFile(backup.getParent(), "." + backup.getFileName(), ".tmp");
                Files.copy(target, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.move(part, backup); // whole or absent, so that the check above can trust it
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
        deleteTree(staging);
        log.info("Applied version {} ({} files)", journal.version(), journal.operations().size());
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
