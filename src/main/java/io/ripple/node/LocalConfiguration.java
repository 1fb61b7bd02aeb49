package io.ripple.node;

import io.ripple.config.ConfigException;
import io.ripple.config.ConfigScanner;
import io.ripple.config.ManifestEntry;
import io.ripple.config.PublishedVersion;
import io.ripple.config.ReplicationRules;
import io.ripple.config.ScannedDatabase;
import io.ripple.config.VersionStore;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's configuration database. On the master it is the latest published version, made by {@link #refresh()};
 * on a replica it is what is on disk, compared with what it last synced.
 */
public final class LocalConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalConfiguration.class);
    /** A scan that failed because a file changed under it is tried again this often. */
    private static final int PUBLISH_ATTEMPTS = 3;
    /** Replica attributes read the disk at most this often, so that a console polling them costs little. */
    private static final long SCAN_CACHE_MILLIS = 1000;

    /** Hears of each new version this server holds: published (master) or synced (replica). */
    @FunctionalInterface
    public interface VersionListener {
        /** @param how {@code "published"} on the master, {@code "synced"} on a replica */
        void newVersion(long version, String digest, long timestamp, String how);

        /** The master refused to publish what is on its disk; the published version stays. */
        default void refused(PublishRefusal refusal) {
        }
    }

    /** Decides whether the master may publish a candidate: the host's validator, and Ripple's own settings. */
    @FunctionalInterface
    public interface PublishCheck {
        /**
         * @param candidateVersion the version the candidate would be published as
         * @throws Exception the candidate is rejected; the message says why, in one line
         */
        void check(ScannedDatabase candidate, long candidateVersion) throws Exception;
    }

    private final NodeSettings settings;
    private final List<VersionListener> listeners = new CopyOnWriteArrayList<>();
    private final ConfigScanner scanner;
    private final VersionStore store;
    private final NodeStateStore state;
    private volatile ScannedDatabase lastScan;
    private volatile long lastScanAtMillis;
    private volatile PublishedVersion published;
    private volatile PublishCheck publishCheck = (candidate, version) -> { };
    private volatile PublishRefusal refusal = PublishRefusal.NONE;

    public LocalConfiguration(NodeSettings settings, NodeStateStore state) {
        this.settings = settings;
        this.scanner = new ConfigScanner(settings.confFile(), settings.dataDir());
        this.store = new VersionStore(settings.dataDir());
        this.state = state;
    }

    /** Master: picks up the latest version published by an earlier process, before the first refresh. */
    public synchronized void loadPublished() throws IOException {
        if (settings.master() && published == null) {
            published = store.latest().orElse(null);
        }
    }

    /** Master: every candidate passes this check before it is published; a rejected one stays unpublished. */
    public void checkBeforePublishing(PublishCheck check) {
        this.publishCheck = check;
    }

    /** Master: the last configuration it refused to publish, or {@link PublishRefusal#NONE} since one was published. */
    public PublishRefusal refusal() {
        return refusal;
    }

    /** Adds a listener for new versions; a listener that throws is logged and skipped. */
    public void addVersionListener(VersionListener listener) {
        listeners.add(listener);
    }

    /** Replica: a sync saved a new version (or a new digest) as this server's configuration. */
    void synced(long version, String digest, long timestamp) {
        announce(version, digest, timestamp, "synced");
    }

    private void announce(long version, String digest, long timestamp, String how) {
        for (VersionListener l : listeners) {
            try {
                l.newVersion(version, digest, timestamp, how);
            } catch (RuntimeException e) {
                log.warn("A version listener failed: {}", e.toString());
            }
        }
    }

    public boolean isMaster() {
        return settings.master();
    }

    public VersionStore store() {
        return store;
    }

    /**
     * Master: rescans the disk and publishes a new version when the digest changed and the {@link PublishCheck}
     * accepts it. Replica: rescans the disk.
     *
     * @throws PublishRefusedException the master's disk holds a configuration the check rejects; nothing is published
     * @return the version this server now holds
     */
    public long refresh() throws ConfigException, IOException {
        return refresh("refresh");
    }

    /** As {@link #refresh()}, recording who or what a new version is published for. */
    public long refresh(String publishedBy) throws ConfigException, IOException {
        return refresh(publishedBy, 0);
    }

    /**
     * Master: as {@link #refresh(String)}, numbering a new version above {@code after} (a promoted replica: above the
     * last version its old master published), and publishing one there even when its digest is the latest's.
     */
    synchronized long refresh(String publishedBy, long after) throws ConfigException, IOException {
        if (!settings.master()) {
            scanNow();
            return version();
        }
        ConfigException last = null;
        for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
            ScannedDatabase db = scanNow();
            if (!db.missing().isEmpty()) {
                throw new ConfigException("Replicated files missing in " + scanner.confDir() + ": "
                        + String.join(", ", db.missing()) + ". Create them or remove them from [cfg-db:files].");
            }
            PublishedVersion before = published;
            if (before == null || !before.digest().equals(db.digest())) {
                checkCandidate(db, Math.max(version(), after) + 1);
            }
            refusal = PublishRefusal.NONE;
            try {
                published = store.publish(db, System.currentTimeMillis(), publishedBy, after);
                if (before == null || before.version() != published.version()) {
                    log.info(MessageId.VERSION_PUBLISHED.line("Configuration version {} published ({} files, {} bytes, digest {})"), published.version(),
                            published.fileCount(), published.totalBytes(), shortDigest(published.digest()));
                    announce(published.version(), published.digest(), published.timestamp(), "published");
                }
                return published.version();
            } catch (ConfigException e) {
                last = e;
            }
        }
        throw last;
    }

    private void checkCandidate(ScannedDatabase db, long candidateVersion) throws PublishRefusedException {
        try {
            publishCheck.check(db, candidateVersion);
        } catch (Exception e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
            PublishRefusal refused = new PublishRefusal(db.digest(), reason, System.currentTimeMillis());
            PublishRefusedException failure = new PublishRefusedException(settings.name(), refused, version());
            if (!refused.sameAs(refusal)) {
                log.warn(MessageId.PUBLISH_REFUSED.line("{}"), failure.getMessage());
                refusal = refused;
                for (VersionListener l : listeners) {
                    try {
                        l.refused(refused);
                    } catch (RuntimeException listenerFailure) {
                        log.warn("A version listener failed: {}", listenerFailure.toString());
                    }
                }
            }
            throw failure;
        }
    }

    /** The master's latest published version, or null on a replica or before the first refresh. */
    public PublishedVersion published() {
        return published;
    }

    public long version() {
        return settings.master() ? (published == null ? 0 : published.version()) : state.get().version();
    }

    public long timestamp() {
        return settings.master() ? (published == null ? 0 : published.timestamp()) : state.get().timestamp();
    }

    /**
     * The master: its latest published digest. A replica: the digest of the master's version it holds, when nothing of
     * what it accepted of it changed since and its own rules did not change either; otherwise the digest of its disk,
     * which then differs from every published one (the replica is stale).
     */
    public String digest() throws ConfigException {
        if (settings.master()) {
            return published == null ? "" : published.digest();
        }
        ScannedDatabase db = scan();
        NodeState now = state.get();
        return holds(now, db, now.digest(), ReplicationRules.fingerprint(db.conf())) ? now.digest() : db.digest();
    }

    /** Replica: whether {@code db}, its disk as scanned a moment ago, holds the master's version of this digest. */
    boolean holds(String masterDigest, String rules, ScannedDatabase db) {
        return holds(state.get(), db, masterDigest, rules);
    }

    private static boolean holds(NodeState now, ScannedDatabase db, String masterDigest, String rules) {
        return !now.synced().isEmpty() && !masterDigest.isEmpty() && masterDigest.equals(now.digest())
                && rules.equals(now.rules()) && drifted(now.synced(), db).isEmpty();
    }

    public List<ManifestEntry> manifest() throws ConfigException {
        return settings.master() ? (published == null ? List.of() : published.entries()) : scan().manifest();
    }

    /** Files the replica changed locally since its last sync: what it accepted then, edited or deleted since. */
    public List<String> driftedFiles() throws ConfigException {
        List<ManifestEntry> synced = state.get().synced();
        if (settings.master() || synced.isEmpty()) {
            return List.of();
        }
        return drifted(synced, scan());
    }

    private static List<String> drifted(List<ManifestEntry> synced, ScannedDatabase db) {
        Map<String, String> now = db.manifest().stream().collect(Collectors.toMap(ManifestEntry::path, ManifestEntry::sha256));
        List<String> drifted = new ArrayList<>();
        for (ManifestEntry e : synced) {
            if (!e.sha256().equals(now.get(e.path()))) {
                drifted.add(e.path());
            }
        }
        drifted.sort(null);
        return drifted;
    }

    /** The disk as it is now, re-read at most once a second. */
    public ScannedDatabase scan() throws ConfigException {
        ScannedDatabase cached = lastScan;
        if (cached != null && System.currentTimeMillis() - lastScanAtMillis < SCAN_CACHE_MILLIS) {
            return cached;
        }
        return scanNow();
    }

    /** The disk changed (a sync applied something): the next read scans it again, instead of scanning now. */
    public void forgetScan() {
        lastScanAtMillis = 0;
    }

    public ScannedDatabase scanNow() throws ConfigException {
        ScannedDatabase db = scanner.scan();
        lastScan = db;
        lastScanAtMillis = System.currentTimeMillis();
        return db;
    }

    static String shortDigest(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) : digest;
    }
}
