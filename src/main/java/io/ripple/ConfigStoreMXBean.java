package io.ripple;

import io.ripple.management.Description;
import io.ripple.management.ReadOnly;
import java.util.List;

/**
 * A server's configuration database: the replicated entries of its server.conf plus its replicated files, with the
 * version, timestamp and digest that decide whether a replica is stale. Registered on every server as
 * {@value #OBJECT_NAME}. Emits {@value #NOTIFICATION_VERSION} when the server holds a new version, and
 * {@value #NOTIFICATION_REFUSED} when the master refuses to publish a configuration its host's validator rejects.
 */
@Description("The server's configuration database: version, timestamp, digest and content")
public interface ConfigStoreMXBean {

    String OBJECT_NAME = "ripple:type=ConfigStore";

    /**
     * Notification type: this server holds a new configuration version, published by the master or synced by a
     * replica; user data is JSON {name, version, digest, timestamp, how} with how {@code published} or {@code synced}.
     */
    String NOTIFICATION_VERSION = "ripple.config.version";

    /**
     * Notification type: the master refused to publish the configuration on its disk, because the hosted server's
     * validator rejected it; the published version stays. User data is JSON {name, digest, reason, timestamp}.
     */
    String NOTIFICATION_REFUSED = "ripple.configstore.refused";

    @Description("Version of the configuration this server holds (made by the master when its digest changed)")
    long getVersion();

    @Description("When the master made that version, ISO-8601 UTC (for people; clocks decide nothing); empty when none")
    String getTimestamp();

    @Description("Timestamp in epoch milliseconds, for monitoring rules; 0 before the first version")
    long getTimestampMillis();

    @Description("SHA-256 hex of the configuration database")
    String getDigest();

    @Description("Version of the configuration the running server was started with")
    long getAppliedVersion();

    @Description("Files in the configuration database, the replicated entries counting as one")
    int getFileCount();

    @Description("Total size of the configuration database in bytes")
    long getTotalBytes();

    @Description("Replica files changed locally since the last sync (a sync keeps them in its backups folder)")
    String[] getDriftedFiles();

    @Description("How many replica files changed locally since the last sync: the length of DriftedFiles, for monitoring")
    int getDriftedFileCount();

    @Description("Digest of the configuration on the master's disk that was refused publication; empty once one is published")
    String getRefusedDigest();

    @Description("Why the master refused to publish its disk: the validator's message; empty once a configuration is published")
    String getRefusedReason();

    @Description("When the master refused to publish its disk, ISO-8601 UTC; empty once a configuration is published")
    String getRefusedAt();

    @ReadOnly
    @Description("The configuration database, entry by entry: path, size and SHA-256")
    List<FileInfo> manifest();

    @ReadOnly
    @Description("Base64 of part of a published file (master)")
    String readChunk(@Description("Path of the file as the manifest lists it") String path,
                     @Description("Offset of the first byte") long offset,
                     @Description("Number of bytes to read") int length);

    @ReadOnly
    @Description("A published version: number, timestamp, digest and files (master); the replicated entries are the path <entries>")
    VersionInfo publishedVersion(@Description("The published version") long version);

    @ReadOnly
    @Description("Base64 of part of a published file, addressed by its SHA-256 (master)")
    String readObject(@Description("SHA-256 hex of the file, as a manifest lists it") String sha256,
                      @Description("Offset of the first byte") long offset,
                      @Description("Number of bytes to read") int length);

    @ReadOnly
    @Description("Part of a published file, addressed by its SHA-256 (master), as bytes: readObject without base64, for "
            + "JMX clients (a replica's sync over JMX RMI)")
    byte[] readObjectBytes(@Description("SHA-256 hex of the file, as a manifest lists it") String sha256,
                           @Description("Offset of the first byte") long offset,
                           @Description("Number of bytes to read, at most 4 MiB") int length);

    @ReadOnly
    @Description("Base64 of several whole published files at once, addressed by SHA-256 (master): a sync of many small files in few calls")
    String[] readObjects(@Description("SHA-256 hex of each file; together at most 4 MiB") String[] sha256s);

    @Description("Rescans the disk; a changed digest the host's validator accepts makes a new version (master), a rejected "
            + "one is refused with the reason. Returns the current version")
    long refresh();

    @Description("Pulls the master's configuration now, without restarting")
    String sync();
}
