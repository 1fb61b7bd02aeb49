package io.ripple.node;

import io.ripple.FileInfo;
import io.ripple.VersionInfo;
import io.ripple.cluster.RunId;
import io.ripple.cluster.TurnRequest;
import io.ripple.config.ConfigException;
import io.ripple.config.ConfigSync;
import io.ripple.config.EarlyReads;
import io.ripple.config.InlineObjects;
import io.ripple.config.ManifestEntry;
import io.ripple.config.ObjectSource;
import io.ripple.config.PublishedVersion;
import io.ripple.config.PullProgress;
import io.ripple.config.ReplicatedEntries;
import io.ripple.config.ReplicationRules;
import io.ripple.config.ScannedDatabase;
import io.ripple.config.SyncResult;
import io.ripple.remote.ConnectionCache;
import io.ripple.remote.PeerMismatchException;
import io.ripple.remote.RemoteException;
import io.ripple.util.MessageId;
import io.ripple.remote.ServerIdentity;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 3 and 4 of the procedure on a replica: read the master's published version, and if this replica is stale,
 * pull and apply it. Talks only to the master this replica is configured with.
 */
final class ReplicaSync {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSync.class);

    /** What a sync found and did. */
    record Outcome(long version, SyncResult result) {
        /** A sync that applied nothing and left the master's version for the next run ({@link #syncIfHeld}). */
        static Outcome deferred(long version) {
            return new Outcome(version, null);
        }

        boolean isDeferred() {
            return result == null;
        }

        boolean changed() {
            return result.anything();
        }
    }

    private final NodeSettings settings;
    private final NodeStateStore state;
    private final LocalConfiguration configuration;
    private final ConnectionCache master;
    private final ConfigSync sync;
    private ClusterIdentity identity;
    private ClusterTerm term;
    private ClusterMembers members;

    ReplicaSync(NodeSettings settings, NodeStateStore state, LocalConfiguration configuration, ConnectionCache master) {
        this.settings = settings;
        this.state = state;
        this.configuration = configuration;
        this.master = master;
        this.sync = new ConfigSync(settings.confFile(), settings.dataDir(), settings.syncLimits())
                .keepingBackups(settings.keepBackups()).pruningLater();
    }

    /** Told after every sync that reached the master and ended with its version in place. */
    private volatile Runnable masterReached = () -> { };

    ReplicaSync onMasterReached(Runnable listener) {
        this.masterReached = listener;
        return this;
    }

    /** Has this sync prove the master's cluster against {@code identity}, and pin it after the first sync; returns this. */
    ReplicaSync provingMaster(ClusterIdentity identity) {
        this.identity = identity;
        return this;
    }

    /**
     * Has this sync refuse a master of a lower term than {@code term} knows, and keep the membership the master
     * publishes with each version in {@code members}; returns this.
     */
    ReplicaSync learningCluster(ClusterTerm term, ClusterMembers members) {
        this.term = term;
        this.members = members;
        return this;
    }

    /** The membership is the cluster's metadata: one a master cannot mean is logged and left, the sync goes on. */
    private void keepMembers(VersionInfo info) throws IOException {
        try {
            members.keep(settings.masterName(), info.getTerm(), info.getMembers());
        } catch (ConfigException e) {
            log.warn("{}", e.getMessage());
        }
    }

    /** Finishes an apply a crash interrupted; returns true when it did. */
    boolean recover() throws IOException, ConfigException {
        return sync.recover().isPresent();
    }

    /**
     * Syncs with the master.
     *
     * @param runId the run whose version to take, or null for the master's latest published version
     * @throws RemoteException when the master cannot be reached or refuses
     * @throws ConfigException when what the master sent cannot be applied; nothing was applied then
     */
    Outcome syncFromMaster(String runId) throws ConfigException, IOException {
        return syncFromMaster(runId, PullProgress.NONE);
    }

    /** As {@link #syncFromMaster(String)}, telling {@code progress} how the pull goes. */
    Outcome syncFromMaster(String runId, PullProgress progress) throws ConfigException, IOException {
        return syncFromMaster(runId, progress, false);
    }

    /**
     * A replica that a promotion re-pointed while its hosted server runs: takes the new master's latest version only
     * when it holds that version's digest already (nothing to apply, nothing to restart), so that no file changes
     * under the running server; another digest is left for the next run, which applies it and restarts.
     *
     * @return the outcome; {@link Outcome#isDeferred()} when the digest differs
     */
    Outcome syncIfHeld() throws ConfigException, IOException {
        return syncFromMaster(null, PullProgress.NONE, true);
    }

    private Outcome syncFromMaster(String runId, PullProgress progress, boolean onlyIfHeld) throws ConfigException, IOException {
        try {
            String url = settings.masterUrl();
            String clusterId = checkIsMyMaster(url);
            Outcome outcome = pull(url, runId, identity != null && identity.historyStartsAgain(), progress, onlyIfHeld);
            if (outcome.isDeferred()) {
                return outcome;
            }
            if (identity != null && identity.pinIfFirst(settings.masterName(), clusterId)) {
                master.drop(url); // so that the next calls carry the pinned cluster id
            }
            return outcome;
        } finally {
            if (runId == null) {
                pruneBackups(); // not a run's turn: pruned at once, as a turn prunes after its outcome
            }
        }
    }

    /**
     * Keeps the newest backup folders, the last apply's among them: after a run's turn, once its outcome went out; a
     * sync outside a run does it itself. Nothing to do when no apply left it.
     */
    void pruneBackups() {
        sync.pruneBackups();
    }

    /**
     * Syncs to the version the master offered with its turn request ({@code ReplicaProtocol.takeTurn}), which
     * {@link TurnRequestCheck} found to be from the master this replica pinned: no call reads who the master is or
     * which version the run distributes, and the files sent inline are not asked for. The offered version passes every
     * check a version read with {@code publishedVersion} passes.
     */
    Outcome syncOffered(TurnRequest offered, PullProgress progress) throws ConfigException, IOException {
        if (!offered.membersDigest().isEmpty()) {
            // its version carries no members: kept as they are, it would empty this replica's copy
            throw new IllegalStateException("a turn request with only the digest of its members reached the sync uncompleted");
        }
        return apply(settings.masterUrl(), offered.runId(), false, progress, offered.version(), offered.inline(), false);
    }

    private Outcome pull(String url, String runId, boolean historyStartsAgain, PullProgress progress, boolean onlyIfHeld)
            throws ConfigException, IOException {
        long version = runId == null ? master.call(url, m -> m.configStore().getVersion())
                : master.call(url, m -> m.clusterProtocol().runVersion(runId));
        VersionInfo info = master.call(url, m -> m.configStore().publishedVersion(version));
        return apply(url, runId, historyStartsAgain, progress, info, java.util.Map.of(), onlyIfHeld);
    }

    /**
     * Takes {@code info}, a version of the master's, by this replica's own rules; {@code inline} holds some of its files.
     * With {@code onlyIfHeld}, a version whose digest this replica does not hold is deferred, not applied.
     */
    private Outcome apply(String url, String runId, boolean historyStartsAgain, PullProgress progress, VersionInfo info,
                          java.util.Map<String, byte[]> inline, boolean onlyIfHeld) throws ConfigException, IOException {
        if (term != null && info.getTerm() > 0) { // a master of an earlier release sends neither: the copy is kept
            term.checkMaster(settings.masterName(), info.getTerm());
            keepMembers(info);
        }
        PublishedVersion target = new PublishedVersion(info.getVersion(), info.getTimestamp(), info.getDigest(),
                info.getFiles().stream().map(ReplicaSync::entry).toList());
        ObjectSource source = new InlineObjects(inline, masterFiles(url));
        try (EarlyReads early = readEarly(target, runId, historyStartsAgain, onlyIfHeld, inline.keySet(), source)) {
            return apply(target, runId, historyStartsAgain, early != null ? early : source, progress, onlyIfHeld);
        }
    }

    /**
     * The pull's first reads, asked before this replica's own work that precedes the pull; null when this sync most
     * likely pulls nothing (a version it will not take, or a manifest it will refuse, is left to the checks below).
     */
    private EarlyReads readEarly(PublishedVersion target, String runId, boolean historyStartsAgain, boolean onlyIfHeld,
                                 Set<String> inline, ObjectSource source) {
        NodeState before = state.get();
        boolean forward = RunId.isRevert(runId) || historyStartsAgain || before.digest().isEmpty()
                || target.version() > before.version();
        if (onlyIfHeld || !forward || target.digest().equals(before.digest()) || !sync.acceptsManifest(target)) {
            return null;
        }
        return EarlyReads.begin(target, before.synced(), inline, source);
    }

    private Outcome apply(PublishedVersion target, String runId, boolean historyStartsAgain, ObjectSource source,
                          PullProgress progress, boolean onlyIfHeld) throws ConfigException, IOException {
        NodeState seen = state.get().withMasterSeen(target.version(), target.digest());
        if (seen != state.get()) {
            state.save(seen); // a promotion judges whether this replica holds what its master last published
        }
        NodeState before = state.get();
        if (!RunId.isRevert(runId) && !historyStartsAgain) {
            checkGoesForward(target, before);
        }
        // the turn's one scan of the local files: nothing of Ripple's changes them before the apply, which gets it too
        ScannedDatabase local = configuration.scanNow();
        String rules = ReplicationRules.fingerprint(local.conf());
        if (configuration.holds(target.digest(), rules, local)) {
            if (before.version() != target.version()) {
                state.save(before.withSynced(target.version(), target.timestamp(), target.digest(), before.synced(), rules));
                configuration.synced(target.version(), target.digest(), target.timestamp());
            }
            masterReached.run();
            return new Outcome(target.version(), SyncResult.UNCHANGED);
        }
        if (onlyIfHeld) {
            return Outcome.deferred(target.version());
        }
        SyncResult result = sync.sync(target, before.version(), placedBy(before), source, progress, local);
        recordSynced(before, target, result, rules);
        configuration.forgetScan();
        if (before.version() != target.version() || !before.digest().equals(target.digest())) {
            configuration.synced(target.version(), target.digest(), target.timestamp());
        }
        if (result.anything()) {
            log.info(MessageId.SYNCED.line("Synced to version {} from {}: {} (backup in {})"), target.version(), settings.masterName(),
                    result.summary(), result.backupDir());
        }
        masterReached.run();
        return new Outcome(target.version(), result);
    }

    /**
     * Records the version a sync applied. A record that cannot be written (a disk filled meanwhile) would leave the files
     * at the new version and the record at the old one, and the next sync would judge the files by the wrong record:
     * the apply is undone instead, so that both stay at the old version.
     */
    private void recordSynced(NodeState before, PublishedVersion target, SyncResult result, String rules)
            throws IOException, ConfigException {
        try {
            state.save(before.withSynced(target.version(), target.timestamp(), target.digest(), result.accepted(), rules));
        } catch (IOException e) {
            String failure = "Recording version " + target.version() + " in " + settings.dataDir().resolve(NodeStateStore.FILE_NAME)
                    + " failed: " + e.getMessage();
            if (!result.anything()) {
                throw new IOException(failure + ". No file was changed.", e);
            }
            try {
                sync.undoLastApply(target.version());
            } catch (IOException | ConfigException | RuntimeException undoFailure) {
                e.addSuppressed(undoFailure);
                throw new IOException(failure + "; putting version " + before.version() + " back failed too: "
                        + undoFailure.getMessage() + ". Its files are version " + target.version() + ", its record says "
                        + before.version() + ".", e);
            }
            configuration.forgetScan();
            throw new IOException(failure + ". The apply was undone: version " + before.version() + " is in place.", e);
        }
    }

    /** The master's published files, read over the connection this replica keeps to it. */
    private ObjectSource masterFiles(String url) {
        return new ObjectSource() {
            @Override
            public byte[] read(String sha, long offset, int length) {
                return master.call(url, m -> m.readObject(sha, offset, length));
            }

            @Override
            public List<byte[]> readAll(List<ManifestEntry> entries) {
                String[] shas = entries.stream().map(ManifestEntry::sha256).toArray(String[]::new);
                return master.call(url, m -> m.readObjects(shas));
            }
        };
    }

    /**
     * Goes back from {@code failedVersion}, which the last sync applied, to the configuration held before it: its files
     * as they were, and this replica's record of them ({@code before}), so that its digest, its drifted files and the
     * next run's decision are those of the old version, and the next run tries the new one again.
     *
     * @throws ConfigException when the last apply kept is not that of {@code failedVersion}; nothing was changed then
     */
    void revert(NodeState before, long failedVersion) throws ConfigException, IOException {
        if (sync.undoLastApply(failedVersion).isEmpty()) {
            throw new ConfigException("no record of the apply of version " + failedVersion + " to undo in "
                    + settings.dataDir().resolve(ConfigSync.LAST_APPLY_FILE));
        }
        state.save(state.get().withSynced(before.version(), before.timestamp(), before.digest(), before.synced(), before.rules()));
        configuration.forgetScan();
        configuration.synced(before.version(), before.digest(), before.timestamp());
        log.warn("Reverted from version {} to version {}", failedVersion, before.version());
    }

    /** The files earlier syncs placed: the only ones a sync may remove. */
    private static Set<String> placedBy(NodeState before) {
        return before.synced().stream().map(ManifestEntry::path).filter(p -> !p.equals(ReplicatedEntries.PATH))
                .collect(Collectors.toSet());
    }

    /** Versions only go forward: a master that offers an older one, or another one under the same number, is refused. */
    private void checkGoesForward(PublishedVersion target, NodeState before) throws ConfigException {
        if (before.digest().isEmpty()) {
            return;
        }
        if (target.version() < before.version()) {
            throw new ConfigException("Version " + target.version() + " of " + settings.masterName() + " is older than version "
                    + before.version() + ", which this replica already took: versions only go forward. Nothing was applied."
                    + " (A master whose history started again on purpose: remove " + NodeStateStore.FILE_NAME
                    + " from this replica's data-dir.)");
        }
        if (target.version() == before.version() && !target.digest().equals(before.digest())) {
            throw new ConfigException("Version " + target.version() + " of " + settings.masterName() + " is not the version "
                    + before.version() + " this replica took (digest " + LocalConfiguration.shortDigest(target.digest()) + ", not "
                    + LocalConfiguration.shortDigest(before.digest()) + "): versions only go forward. Nothing was applied.");
        }
    }

    /**
     * The server at the master-url is the master this replica is configured with, and of the cluster it pinned (if
     * any); returns its cluster id.
     */
    private String checkIsMyMaster(String url) throws ConfigException {
        ServerIdentity answered;
        try {
            // name, role and cluster id in one round trip
            answered = master.call(url, m -> m.serverIdentity());
        } catch (PeerMismatchException e) {
            // another server of the cluster proved itself at the master-url: refused as the name check below refuses it
            throw new ConfigException(e.getMessage());
        }
        String name = answered.name();
        String role = answered.role();
        if (!settings.masterName().equals(name) || !"master".equals(role)) {
            throw new ConfigException(MessageId.PEER_MISMATCH.line("The server at ") + settings.masterUrl() + " is " + role + " '" + name
                    + "', not the master '" + settings.masterName() + "' this replica is configured with.");
        }
        if (identity == null) {
            return "";
        }
        String id = answered.clusterId() == null ? "" : answered.clusterId();
        identity.checkMaster(url, name, id);
        return id;
    }

    private static ManifestEntry entry(FileInfo file) {
        return new ManifestEntry(file.getPath(), file.getSize(), file.getSha256());
    }

}
