package io.ripple.config;

import io.ripple.util.MessageId;
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
    /**
     * The most bytes a replica asks for in one call (the master serves up to 4 MiB): a pull starts with smaller chunks
     * and grows them while the answers come quickly ({@link ChunkSizer}). Each read under way costs a few times its
     * size in memory on both sides (the base64 text, its JSON or RMI form), so the cap stays well below a small heap.
     */
    public static final int CHUNK_BYTES = 2 * 1024 * 1024;
    /** A chunk that arrives corrupted is fetched again this many times before the sync fails. */
    public static final int FETCH_ATTEMPTS = 3;

    private final Path confFile;
    private final Path confDir;
    private final Path dataDir;
    private final Path staging;
    private final Path journalFile;
    /** The journal of the last apply that completed, kept so that the apply can be undone after the fact. */
    private final SyncLimits limits;
    private final int keepBackups;
    private final BackupFolders backups;
    private final boolean undoFailedApply;
    private final JournalApplier applier;
    /** Whether an apply leaves the pruning of the old backup folders to {@link #pruneBackups()}. */
    private final boolean pruneLater;
    /** An apply and a pruning, one at a time: a pruning never sees the backup folder of an apply under way. */
    private final Object backupsLock = new Object();
    /** The backup folder of the last apply, when its pruning was left for later; guarded by {@link #backupsLock}. */
    private Path pruneOwed;

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
        this(confFile, dataDir, limits, keepBackups, undoFailedApply, false);
    }

    private ConfigSync(Path confFile, Path dataDir, SyncLimits limits, int keepBackups, boolean undoFailedApply,
                       boolean pruneLater) {
        this.pruneLater = pruneLater;
        this.confFile = confFile.toAbsolutePath().normalize();
        this.confDir = this.confFile.getParent();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.staging = this.dataDir.resolve("staging");
        this.journalFile = this.dataDir.resolve("apply-journal.json");
        this.limits = limits;
        this.keepBackups = keepBackups;
        this.backups = new BackupFolders(this.dataDir.resolve("backups"), keepBackups);
        this.undoFailedApply = undoFailedApply;
        this.applier = new JournalApplier(confDir, this.dataDir, staging, journalFile,
                this.dataDir.resolve(LAST_APPLY_FILE), undoFailedApply);
    }

    /** The same sync keeping {@code count} backup folders. */
    public ConfigSync keepingBackups(int count) {
        return new ConfigSync(confFile, dataDir, limits, count, undoFailedApply, pruneLater);
    }

    /**
     * The same sync leaving the old backup folders after each apply to {@link #pruneBackups()}, so that a replica's turn
     * prunes them after its outcome went out rather than before.
     */
    public ConfigSync pruningLater() {
        return new ConfigSync(confFile, dataDir, limits, keepBackups, undoFailedApply, true);
    }

    /**
     * Keeps the newest backup folders, the last apply's among them, when an apply left that for later; otherwise does
     * nothing. A folder that cannot be removed is logged and left.
     */
    public void pruneBackups() {
        synchronized (backupsLock) {
            if (pruneOwed != null) {
                backups.prune(pruneOwed);
                pruneOwed = null;
            }
        }
    }

    /**
     * Finishes an apply that a crash interrupted, or drops a staging folder that never got as far as its journal. An
     * apply that cannot be finished is undone: the configuration is then the version before it, whole.
     *
     * @return the version the finished apply brought, if there was one
     */
    public Optional<Long> recover() throws IOException, ConfigException {
        Optional<ApplyJournal> journal = ApplyJournal.read(journalFile);
        if (journal.isPresent()) {
            log.warn(MessageId.INTERRUPTED_APPLY_FINISHED.line("Finishing the apply of version {} that was interrupted"), journal.get().version());
            try {
                applier.apply(journal.get());
            } catch (IOException | ConfigException e) {
                // a step that cannot be done (a folder in its place): the version before, whole, rather than a mixture
                applier.undoInterrupted(journal.get(), e);
                return Optional.empty();
            }
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
        return sync(target, localVersion, null, source, null, PullProgress.NONE, null);
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
        return sync(target, localVersion, null, source, check, PullProgress.NONE, null);
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
        return sync(target, localVersion, placed, source, null, PullProgress.NONE, null);
    }

    /** As {@link #sync(PublishedVersion, long, Set, ObjectSource)}, telling {@code progress} how the pull goes. */
    public SyncResult sync(PublishedVersion target, long localVersion, Set<String> placed, ObjectSource source,
                           PullProgress progress) throws ConfigException, IOException {
        return sync(target, localVersion, placed, source, null, progress, null);
    }

    /**
     * As {@link #sync(PublishedVersion, long, Set, ObjectSource, PullProgress)}, taking {@code scanned}, this replica's
     * files as its turn scanned them a moment ago, instead of reading and hashing them all again; they are scanned here
     * all the same when an apply that stopped midway has to be finished first (which changes them). Null: scanned here.
     */
    public SyncResult sync(PublishedVersion target, long localVersion, Set<String> placed, ObjectSource source,
                           PullProgress progress, ScannedDatabase scanned) throws ConfigException, IOException {
        return sync(target, localVersion, placed, source, null, progress, scanned);
    }

    private SyncResult sync(PublishedVersion target, long localVersion, Set<String> placed, ObjectSource source,
                            AppliedCheck check, PullProgress progress, ScannedDatabase scanned)
            throws ConfigException, IOException {
        checkManifest(target);
        ScannedDatabase local = scanned;
        if (Files.exists(journalFile)) {
            recover(); // an earlier apply stopped midway: finish it before its staging folder is reused
            local = null; // that scan is of the files before the apply was finished
        }
        if (local == null) {
            local = new ConfigScanner(confFile, dataDir).scan();
        }
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
            checkSpace(target.version(), missing, local, differing, removable,
                    entriesChanged ? accepted.mergedConf().text().length() * 4L : -1);
            // each pulled file is on disk when the pull returns: forced as it landed, before the journal points at it
            new ObjectFetcher(staging.resolve("objects")).fetchAll(missing, source, new ObjectFetcher.Pulled(missing, progress));
            long fetched = missing.stream().mapToLong(ManifestEntry::size).sum() + entriesEntry.size();
            if (entriesChanged) {
                checkConfUnchanged(local.conf(), target.version());
                String name = confDir.relativize(confFile).toString();
                Path merged = staging.resolve(name + ".merged");
                Files.writeString(merged, accepted.mergedConf().text(), StandardCharsets.UTF_8);
                AtomicFiles.fsync(merged);
                operations.add(new ApplyJournal.Operation(name, name + ".merged"));
                changed.add(name);
            }
            for (ManifestEntry entry : differing) {
                ConfigPaths.resolveInside(confDir, entry.path());
                operations.add(new ApplyJournal.Operation(entry.path(), "objects/" + entry.sha256()));
                changed.add(entry.path());
            }
            for (String path : removable) {
                operations.add(new ApplyJournal.Operation(path, null));
            }
            FaultPoints.pause(FaultPoints.STAGED);
            Path backupDir;
            synchronized (backupsLock) {
                backupDir = backups.fresh(localVersion);
                ApplyJournal journal = new ApplyJournal(target.version(), target.digest(), dataDir.relativize(backupDir).toString(), operations);
                journal.write(journalFile);
                applier.applyOrUndo(journal, localVersion, check);
                if (pruneLater) {
                    pruneOwed = backupDir;
                } else {
                    backups.prune(backupDir);
                }
            }
            return new SyncResult(changed, removable, backupDir, fetched, accepted.ignored(), accepted.manifest());
        } catch (ConfigException | IOException | RuntimeException e) {
            if (Files.exists(journalFile) || e instanceof JournalApplier.UndoneApply) {
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
     * The merged server.conf is built on the file as it was scanned, before the pull: an edit made by hand while the pull
     * was under way would be lost under it.
     */
    private void checkConfUnchanged(StanzaFile scanned, long version) throws ConfigException {
        if (!StanzaFile.read(confFile).text().equals(scanned.text())) {
            throw new ConfigException(confFile + " changed while version " + version + " was pulled: nothing was applied,"
                    + " so that the edit stands. Sync again to apply the version onto it.");
        }
    }

    /**
     * The master's {@code <entries>}, fetched and verified like any file (it is needed to know what to accept), into a
     * fresh staging folder.
     */
    private byte[] fetchEntries(ManifestEntry entry, ObjectSource source) throws ConfigException, IOException {
        Path stagedObject = Files.createDirectories(staging.resolve("objects")).resolve(entry.sha256());
        try {
            // read here, and never put in place: not forced
            new ObjectFetcher(stagedObject.getParent(), CHUNK_BYTES, false).fetch(entry, source, 1, ObjectFetcher.Pulled.UNCOUNTED);
            return Files.readAllBytes(stagedObject);
        } catch (ConfigException | IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    /** Whether {@code target}'s manifest passes the checks a sync makes before it reads anything of it. */
    public boolean acceptsManifest(PublishedVersion target) {
        try {
            checkManifest(target);
            return true;
        } catch (ConfigException e) {
            return false;
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
     * first byte is fetched, so that a full disk never stops an apply halfway; a configuration folder on another file
     * system must hold the files it receives.
     */
    private void checkSpace(long version, List<ManifestEntry> fetched, ScannedDatabase local, List<ManifestEntry> differing,
                            List<String> removable, long mergedConfBytes) throws IOException {
        Files.createDirectories(dataDir);
        java.nio.file.FileStore store = Files.getFileStore(dataDir);
        SpaceOnDisk disk = SpaceOnDisk.of(store);
        long needed = fetched.stream().mapToLong(e -> disk.of(e.size())).sum()
                + backedUpBytes(local, differing, removable, mergedConfBytes >= 0, disk) + sharedCopyBytes(differing, disk)
                + (mergedConfBytes >= 0 ? disk.of(mergedConfBytes) : 0) + SPARE_BYTES;
        long free = store.getUsableSpace();
        if (free < needed) {
            throw new IOException(MessageId.NOT_ENOUGH_SPACE.line("Not enough space for version ") + version + " in " + dataDir + ": " + needed
                    + " bytes needed for staging and backups, " + free + " free");
        }
        java.nio.file.FileStore confStore = Files.getFileStore(confDir);
        if (!confStore.equals(store)) {
            // from another file system a staged file is not renamed into place but copied there
            SpaceOnDisk confDisk = SpaceOnDisk.of(confStore);
            long received = differing.stream().mapToLong(e -> confDisk.of(e.size())).sum()
                    + (mergedConfBytes >= 0 ? confDisk.of(mergedConfBytes) : 0);
            long confFree = confStore.getUsableSpace();
            if (confFree < received) {
                throw new IOException(MessageId.NOT_ENOUGH_SPACE.line("Not enough space for version ") + version + " in " + confDir
                        + ": " + received + " bytes needed for the files it receives, " + confFree + " free");
            }
        }
    }

    /**
     * The bytes of the copies an apply makes of a fetched file that several paths share: it is fetched once, and each of
     * those paths gets a copy of its own while the staged one stays until the last.
     */
    private static long sharedCopyBytes(List<ManifestEntry> differing, SpaceOnDisk disk) {
        Map<String, Long> paths = differing.stream().collect(Collectors.groupingBy(ManifestEntry::sha256, Collectors.counting()));
        return differing.stream().filter(e -> paths.get(e.sha256()) > 1).mapToLong(e -> disk.of(e.size())).sum();
    }

    /** The bytes of what the apply will replace or remove, each copied to the backup folder first. */
    private long backedUpBytes(ScannedDatabase local, List<ManifestEntry> differing, List<String> removable,
                                      boolean entriesChanged, SpaceOnDisk disk) throws IOException {
        Map<String, Long> sizes = local.manifest().stream().collect(Collectors.toMap(ManifestEntry::path, ManifestEntry::size));
        long bytes = 0;
        for (ManifestEntry entry : differing) {
            bytes += disk.of(sizes.getOrDefault(entry.path(), 0L));
        }
        for (String path : removable) {
            bytes += disk.of(sizes.getOrDefault(path, 0L));
        }
        if (entriesChanged) {
            bytes += disk.of(Files.size(confFile));
        }
        return bytes;
    }

    /**
     * Undoes, after the fact, the last apply that completed, when it brought {@code version}: see
     * {@link JournalApplier#undoLastApply(long)}.
     *
     * @return the version undone; empty when the last apply kept is not of {@code version} (nothing was changed then)
     */
    public Optional<Long> undoLastApply(long version) throws IOException, ConfigException {
        return applier.undoLastApply(version);
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
