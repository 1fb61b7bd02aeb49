package io.ripple.node;

import io.ripple.FileInfo;
import io.ripple.MemberInfo;
import io.ripple.VersionInfo;
import io.ripple.cluster.MasterSide;
import io.ripple.cluster.TurnRequest;
import io.ripple.config.ConfigException;
import io.ripple.config.ConfigSync;
import io.ripple.config.PublishedVersion;
import io.ripple.config.SyncLimits;
import io.ripple.config.SyncResult;
import io.ripple.config.VersionStore;
import io.ripple.config.Hashing;
import io.ripple.config.ManifestEntry;
import io.ripple.config.ReplicatedEntries;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.ripple.config.ScannedDatabase;

/** The master's side of a cluster restart: its configuration database and its own restart (step 7). */
final class NodeMasterSide implements MasterSide {

    private static final Logger log = LoggerFactory.getLogger(NodeMasterSide.class);

    private final NodeSettings settings;
    private final LocalConfiguration configuration;
    private final HostLifecycle lifecycle;
    private final CandidateCheck check;
    private final String clusterId;
    private LongSupplier term = () -> 0;
    private Supplier<List<MemberInfo>> members = List::of;
    /** What the last turn requests offered, and the manifest it was built from. */
    private volatile Offered lastOffered;

    NodeMasterSide(NodeSettings settings, LocalConfiguration configuration, HostLifecycle lifecycle, String clusterId) {
        this.clusterId = clusterId;
        this.settings = settings;
        this.configuration = configuration;
        this.lifecycle = lifecycle;
        this.check = new CandidateCheck(settings, lifecycle);
    }

    /** Has the versions this master offers with a turn carry its term and membership, as publishedVersion does. */
    NodeMasterSide offering(LongSupplier term, Supplier<List<MemberInfo>> members) {
        this.term = term;
        this.members = members;
        return this;
    }

    @Override
    public Optional<TurnRequest.Offer> turnOffer(long version) throws Exception {
        // the manifest is read at every turn, so that each offers what the store holds now
        Optional<PublishedVersion> read = configuration.store().version(version);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        PublishedVersion v = read.get();
        Offered offered = lastOffered;
        // every replica of a run is offered the same version: its small files are read and hashed once, not once per
        // replica, as long as the manifest is the same
        if (offered == null || !offered.version().equals(v)) {
            offered = new Offered(v, v.entries().stream().map(e -> new FileInfo(e.path(), e.size(), e.sha256())).toList(),
                    java.util.Collections.unmodifiableMap(smallChanges(v)));
            lastOffered = offered;
        }
        // the term and the membership are read at each turn: they may change during a run
        VersionInfo info = new VersionInfo(v.version(), v.timestamp(), v.digest(), offered.files(), term.getAsLong(), members.get());
        return Optional.of(new TurnRequest.Offer(info, offered.inline()));
    }

    /** A published version as turn requests offer it: its files, and the small ones that travel inline. */
    private record Offered(PublishedVersion version, List<FileInfo> files, Map<String, byte[]> inline) {
    }

    /**
     * The small files of {@code v} that the version next to it does not hold (the one before, or for a version put
     * back, the one after): what a replica one version behind lacks; and the replicated entries, which every sync
     * reads to merge them by its own rules. Within the inline bounds, the entries first, then smallest first.
     */
    private Map<String, byte[]> smallChanges(PublishedVersion v) throws IOException {
        Optional<PublishedVersion> next = configuration.store().version(v.version() - 1);
        if (next.isEmpty()) {
            next = configuration.store().version(v.version() + 1);
        }
        Set<String> held = new HashSet<>();
        next.ifPresent(n -> n.entries().forEach(e -> held.add(e.sha256())));
        Map<String, byte[]> inline = new LinkedHashMap<>();
        long total = 0;
        List<ManifestEntry> candidates = v.entries().stream()
                .filter(e -> (e.path().equals(ReplicatedEntries.PATH) || !held.contains(e.sha256()))
                        && e.size() <= TurnRequest.MAX_INLINE_FILE_BYTES)
                .sorted(java.util.Comparator.<ManifestEntry, Boolean>comparing(e -> !e.path().equals(ReplicatedEntries.PATH))
                        .thenComparingLong(ManifestEntry::size)).toList();
        for (ManifestEntry e : candidates) {
            if (inline.containsKey(e.sha256())) {
                continue;
            }
            if (total + e.size() > TurnRequest.MAX_INLINE_BYTES) {
                break;
            }
            byte[] content = configuration.store().readObject(e.sha256(), 0, (int) e.size());
            if (!Hashing.sha256Hex(content).equals(e.sha256())) {
                continue; // a damaged object is not sent inline: the replica pulls it, and refuses what arrives corrupted
            }
            inline.put(e.sha256(), content);
            total += e.size();
        }
        return inline;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    /** The stanza file parses and Ripple's own settings in it hold, the replicated files exist, and the host accepts it. */
    @Override
    public void validate() throws Exception {
        ScannedDatabase db = configuration.scanNow();
        if (!db.missing().isEmpty()) {
            throw new ConfigException("Replicated files missing in " + settings.confDir() + ": "
                    + String.join(", ", db.missing()) + ". Create them or remove them from [cfg-db:files].");
        }
        long candidateVersion = db.digest().equals(configuration.digest()) ? configuration.version() : configuration.version() + 1;
        check.check(db, candidateVersion);
    }

    @Override
    public long refresh() throws Exception {
        return configuration.refresh();
    }

    @Override
    public long refresh(String publishedBy) throws Exception {
        return configuration.refresh(publishedBy);
    }

    @Override
    public long restore(long version, String requestedBy) throws Exception {
        long latest = configuration.version();
        PublishedVersion old = configuration.store().version(version).orElseThrow(() -> new IllegalArgumentException(
                version < 1 || version > latest
                        ? "Version " + version + " was never published: the latest is " + latest + " (see history())."
                        : "Version " + version + " is not published any more: the master keeps the last "
                                + VersionStore.KEPT_VERSIONS + " (see history())."));
        ConfigSync sync = new ConfigSync(settings.confFile(), settings.dataDir(), SyncLimits.DEFAULT)
                .keepingBackups(settings.keepBackups());
        // the validator reads the configuration folder: the restored content is checked in place, and undone if rejected
        SyncResult result = sync.restore(old, configuration.version(), configuration.store()::readObject,
                () -> check.check(configuration.scanNow(), configuration.version() + 1));
        long published = configuration.refresh("rollback to version " + version + " by " + requestedBy);
        log.info(MessageId.ROLLED_BACK.line("Rolled the master's configuration back to version {} ({}); published as version {}"), version,
                result.summary(), published);
        return published;
    }

    @Override
    public List<PublishedVersion> history() throws Exception {
        List<PublishedVersion> versions = new ArrayList<>();
        for (long v : configuration.store().versionNumbers()) {
            configuration.store().version(v).ifPresent(versions::add);
        }
        return versions;
    }

    @Override
    public long refreshlessVersion() {
        return configuration.version();
    }

    @Override
    public String digest(long version) throws Exception {
        return configuration.store().version(version).map(PublishedVersion::digest)
                .orElseThrow(() -> new IllegalStateException("version " + version + " is not published"));
    }

    @Override
    public String diskDigest() throws Exception {
        return configuration.scanNow().digest();
    }

    @Override
    public long appliedVersion() {
        return lifecycle.appliedVersion();
    }

    /** A host that can apply the change between the running version and this one in-process does (agent restart=tomcat). */
    @Override
    public void restart(long version, String reason) throws Exception {
        Optional<InProcessReload> reload = lifecycle.restartsProcess()
                ? lifecycle.inProcessReloadFor(changedSince(lifecycle.appliedVersion(), version)) : Optional.empty();
        if (reload.isPresent()) {
            lifecycle.reloadInProcess(version, reason, reload.get());
        } else {
            lifecycle.restart(version, reason);
        }
    }

    /** The files that differ between two published versions; empty when either is not kept any more. */
    private List<String> changedSince(long running, long version) throws Exception {
        Optional<PublishedVersion> from = configuration.store().version(running);
        Optional<PublishedVersion> to = configuration.store().version(version);
        if (from.isEmpty() || to.isEmpty()) {
            return List.of();
        }
        Map<String, String> before = new HashMap<>();
        from.get().entries().forEach(e -> before.put(e.path(), e.sha256()));
        Set<String> changed = new LinkedHashSet<>();
        for (ManifestEntry e : to.get().entries()) {
            if (!e.sha256().equals(before.remove(e.path()))) {
                changed.add(e.path());
            }
        }
        changed.addAll(before.keySet());
        return new ArrayList<>(changed);
    }
}
