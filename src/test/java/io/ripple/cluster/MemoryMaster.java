package io.ripple.cluster;

import io.ripple.FileInfo;
import io.ripple.MemberInfo;
import io.ripple.VersionInfo;
import io.ripple.config.Hashing;
import io.ripple.config.PublishedVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A master for the engine's tests: version 11 published and running, version 12 on its disk, which the first run
 * publishes; its own restart records what the run's rows were when it began.
 */
final class MemoryMaster implements MasterSide {

    volatile long published = 11;
    volatile long onDisk = 12;
    volatile long applied = 11;
    volatile String clusterId = "c-1";
    /** The run as it was each time the master restarted itself. */
    final List<Run> runAtRestart = new CopyOnWriteArrayList<>();
    volatile Supplier<Run> runs = () -> null;
    /** Whether runs offer their version with each turn request (takeTurn); otherwise the replicas are asked in steps. */
    volatile boolean offersTurns = true;
    /** The membership the master publishes with the version it offers. */
    volatile List<MemberInfo> members = List.of();

    /** The content of the one small file of each version, sent inline. */
    static byte[] content(long version) {
        return ("setting = " + version + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return Runs.MASTER;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public void validate() {
    }

    @Override
    public long refresh() {
        published = Math.max(published, onDisk);
        return published;
    }

    @Override
    public long refreshlessVersion() {
        return published;
    }

    @Override
    public String digest(long version) {
        return "digest-" + version;
    }

    @Override
    public String diskDigest() {
        return "digest-" + onDisk;
    }

    @Override
    public long appliedVersion() {
        return applied;
    }

    @Override
    public long restore(long version, String requestedBy) {
        throw new IllegalStateException("the memory master keeps no history");
    }

    @Override
    public List<PublishedVersion> history() {
        return List.of();
    }

    @Override
    public Optional<TurnRequest.Offer> turnOffer(long version) {
        if (!offersTurns) {
            return Optional.empty();
        }
        byte[] content = content(version);
        String sha = Hashing.sha256Hex(content);
        VersionInfo info = new VersionInfo(version, 1_000L * version, digest(version),
                List.of(new FileInfo("app.conf", content.length, sha)), 1, members);
        return Optional.of(new TurnRequest.Offer(info, Map.of(sha, content)));
    }

    @Override
    public void restart(long version, String reason) {
        runAtRestart.add(runs.get());
        applied = version;
    }
}
