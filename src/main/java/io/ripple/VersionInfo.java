package io.ripple;

import java.beans.ConstructorProperties;
import java.util.List;

/**
 * A published version of the master's configuration database: what a replica syncs to. The master answers it with the
 * cluster's metadata of the moment: its term and the membership (every server's name and URL), which are not part of
 * the digest, so that a change of membership restarts no server.
 */
public final class VersionInfo {

    private final long version;
    private final long timestamp;
    private final String digest;
    private final List<FileInfo> files;
    private final long term;
    private final List<MemberInfo> members;

    /** A version without cluster metadata (term 0, no members). */
    public VersionInfo(long version, long timestamp, String digest, List<FileInfo> files) {
        this(version, timestamp, digest, files, 0, List.of());
    }

    @ConstructorProperties({"version", "timestamp", "digest", "files", "term", "members"})
    public VersionInfo(long version, long timestamp, String digest, List<FileInfo> files, long term, List<MemberInfo> members) {
        this.version = version;
        this.timestamp = timestamp;
        this.digest = digest;
        this.files = List.copyOf(files);
        this.term = term;
        this.members = members == null ? List.of() : List.copyOf(members);
    }

    public long getVersion() {
        return version;
    }

    /** When the master made this version, in epoch milliseconds. */
    public long getTimestamp() {
        return timestamp;
    }

    /** SHA-256 hex over the files in path order. */
    public String getDigest() {
        return digest;
    }

    /** Every file, the replicated entries as {@code <entries>}. */
    public List<FileInfo> getFiles() {
        return files;
    }

    /** The term of the master that answered; 0 from a master of an earlier release. */
    public long getTerm() {
        return term;
    }

    /** The cluster's membership as that master knows it: itself first, then its replicas. */
    public List<MemberInfo> getMembers() {
        return members;
    }
}
