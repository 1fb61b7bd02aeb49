package io.ripple.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.ConfigStoreMXBean;
import io.ripple.management.Audit;
import io.ripple.management.SafeText;
import io.ripple.FileInfo;
import io.ripple.VersionInfo;
import io.ripple.config.VersionStore;
import io.ripple.config.ConfigException;
import io.ripple.config.ManifestEntry;
import io.ripple.config.PublishedVersion;
import io.ripple.util.IsoTime;
import io.ripple.util.JsonMappers;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ripple:type=ConfigStore} MBean. Getters report an unreadable disk as empty values, never as errors. Emits
 * a notification for each new version the server holds.
 */
final class ConfigStoreBean extends NotificationBroadcasterSupport implements ConfigStoreMXBean, LocalConfiguration.VersionListener {

    private static final Logger log = LoggerFactory.getLogger(ConfigStoreBean.class);
    private static final ObjectMapper JSON = JsonMappers.files();
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** The largest chunk one call returns, so that a single call never holds much memory. */
    static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;

    private final Node node;
    private final AtomicLong sequence = new AtomicLong();

    /** The configuration of the server's current role: a promotion gives it another. */
    private LocalConfiguration config() {
        return node.configuration();
    }

    ConfigStoreBean(Node node) {
        super(new MBeanNotificationInfo(new String[] {NOTIFICATION_VERSION}, Notification.class.getName(),
                "This server holds a new configuration version, published (master) or synced (replica); "
                        + "user data is JSON: name, version, digest, timestamp, how"),
                new MBeanNotificationInfo(new String[] {NOTIFICATION_REFUSED}, Notification.class.getName(),
                        "The master refused to publish the configuration on its disk: its host's validator rejected it; "
                                + "user data is JSON: name, digest, reason, timestamp"));
        this.node = node;
    }

    @Override
    public void newVersion(long version, String digest, long timestamp, String how) {
        String name = node.settings().name();
        Notification n = new Notification(NOTIFICATION_VERSION, OBJECT_NAME, sequence.incrementAndGet(),
                System.currentTimeMillis(), name + " " + how + " configuration version " + version);
        n.setUserData(JSON.createObjectNode().put("name", name).put("version", version).put("digest", digest)
                .put("timestamp", timestamp).put("how", how).toString());
        sendNotification(n);
    }

    @Override
    public void refused(PublishRefusal refusal) {
        String name = node.settings().name();
        Notification n = new Notification(NOTIFICATION_REFUSED, OBJECT_NAME, sequence.incrementAndGet(),
                refusal.atMillis(), name + " refused to publish its configuration: " + refusal.reason());
        n.setUserData(JSON.createObjectNode().put("name", name).put("digest", refusal.digest())
                .put("reason", refusal.reason()).put("timestamp", refusal.atMillis()).toString());
        sendNotification(n);
    }

    @Override
    public String getRefusedDigest() {
        return config().refusal().digest();
    }

    @Override
    public String getRefusedReason() {
        return config().refusal().reason();
    }

    @Override
    public String getRefusedAt() {
        return IsoTime.text(config().refusal().atMillis());
    }

    @Override
    public long getVersion() {
        return config().version();
    }

    @Override
    public String getTimestamp() {
        return IsoTime.text(config().timestamp());
    }

    @Override
    public long getTimestampMillis() {
        return config().timestamp();
    }

    @Override
    public String getDigest() {
        try {
            return config().digest();
        } catch (ConfigException e) {
            log.debug("Digest unavailable: {}", e.getMessage());
            return "";
        }
    }

    @Override
    public long getAppliedVersion() {
        return node.lifecycle().appliedVersion();
    }

    @Override
    public int getFileCount() {
        return manifestOrEmpty().size();
    }

    @Override
    public long getTotalBytes() {
        return manifestOrEmpty().stream().mapToLong(ManifestEntry::size).sum();
    }

    @Override
    public String[] getDriftedFiles() {
        try {
            return config().driftedFiles().toArray(String[]::new);
        } catch (ConfigException e) {
            log.debug("Drifted files unavailable: {}", e.getMessage());
            return new String[0];
        }
    }

    @Override
    public int getDriftedFileCount() {
        return getDriftedFiles().length;
    }

    @Override
    public List<FileInfo> manifest() {
        try {
            return config().manifest().stream().map(e -> new FileInfo(e.path(), e.size(), e.sha256())).toList();
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    @Override
    public String readChunk(String path, long offset, int length) {
        PublishedVersion published = config().published();
        if (published == null) {
            throw new IllegalStateException("readChunk is served by the master; " + node.settings().name() + " is a "
                    + node.settings().role() + " with no published version.");
        }
        if (length <= 0 || length > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("length " + length + " must be from 1 to " + MAX_CHUNK_BYTES);
        }
        ManifestEntry entry = published.entry(path).orElseThrow(() -> new IllegalArgumentException(
                "'" + SafeText.of(path) + "' is not in published version " + published.version()));
        try {
            return Base64.getEncoder().encodeToString(config().store().read(entry, offset, length));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read '" + path + "' of version " + published.version() + ": " + e.getMessage());
        }
    }

    @Override
    public VersionInfo publishedVersion(long version) {
        try {
            PublishedVersion v = config().store().version(version)
                    .orElseThrow(() -> new IllegalArgumentException("Version " + version + " is not published on "
                            + node.settings().name() + " (it keeps the last " + VersionStore.KEPT_VERSIONS + ")"));
            return new VersionInfo(v.version(), v.timestamp(), v.digest(),
                    v.entries().stream().map(e -> new FileInfo(e.path(), e.size(), e.sha256())).toList(),
                    node.term(), node.members());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read version " + version + ": " + e.getMessage());
        }
    }

    @Override
    public String readObject(String sha256, long offset, int length) {
        return Base64.getEncoder().encodeToString(readObjectBytes(sha256, offset, length));
    }

    @Override
    public byte[] readObjectBytes(String sha256, long offset, int length) {
        if (length <= 0 || length > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("length " + length + " must be from 1 to " + MAX_CHUNK_BYTES);
        }
        checkDigest(sha256);
        try {
            return config().store().readObject(sha256, offset, length);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + sha256 + ": " + e.getMessage());
        }
    }

    @Override
    public String[] readObjects(String[] sha256s) {
        try {
            long total = 0;
            String[] contents = new String[sha256s.length];
            for (int i = 0; i < sha256s.length; i++) {
                checkDigest(sha256s[i]);
                long size = config().store().objectSize(sha256s[i]);
                total += size;
                if (total > MAX_CHUNK_BYTES) {
                    throw new IllegalArgumentException("the files asked for are more than " + MAX_CHUNK_BYTES
                            + " bytes together; ask for fewer at a time");
                }
                contents[i] = Base64.getEncoder().encodeToString(config().store().readObject(sha256s[i], 0, (int) size));
            }
            return contents;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read published files: " + e.getMessage());
        }
    }

    /** The store refuses a malformed digest too, but echoes it whole: a caller's 100,000 characters would come back. */
    private static void checkDigest(String sha256) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("'" + SafeText.of(sha256) + "' is not a SHA-256 hex digest");
        }
    }

    @Override
    public long refresh() {
        return node.refresh(Audit.requested("ConfigStore refresh"));
    }

    @Override
    public String sync() {
        Audit.requested("ConfigStore sync");
        return node.sync();
    }

    private List<ManifestEntry> manifestOrEmpty() {
        try {
            return config().manifest();
        } catch (ConfigException e) {
            log.debug("Manifest unavailable: {}", e.getMessage());
            return List.of();
        }
    }
}
