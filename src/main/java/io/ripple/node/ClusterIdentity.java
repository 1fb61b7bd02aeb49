package io.ripple.node;

import io.ripple.config.AtomicFiles;
import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import io.ripple.management.ClusterClaim;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which cluster this server belongs to. A master has a cluster id: {@code [cluster] cluster-id}, or one it generated at
 * its first start and keeps in {@value #ID_FILE} of its data-dir. A replica pins its master's name and cluster id at
 * its first successful sync (in {@value #PIN_FILE} of its data-dir) and from then on takes configuration from that
 * master of that cluster only, and operations from servers of that cluster only, until an operator
 * {@link #resetPin() resets} the pin on purpose. A replica with {@code [cluster] cluster-id} set accepts that id only.
 */
final class ClusterIdentity {

    private static final Logger log = LoggerFactory.getLogger(ClusterIdentity.class);
    static final String ID_FILE = "cluster-id";
    static final String PIN_FILE = "cluster-pin";
    /** Left by a reset until the next pin: that sync starts the replica's version history again. */
    static final String RESET_FILE = "cluster-pin.reset";
    static final String KEY = "cluster-id";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The master a replica pinned: its name and its cluster id. */
    record Pin(String masterName, String clusterId) {
    }

    private final NodeSettings settings;
    private final String configuredId;
    private final String masterId;
    private volatile Optional<Pin> pin;

    private ClusterIdentity(NodeSettings settings, String configuredId, String masterId, Optional<Pin> pin) {
        this.settings = settings;
        this.configuredId = configuredId;
        this.masterId = masterId;
        this.pin = pin;
    }

    /**
     * Loads (on a master: creates at the first start) this server's identity.
     *
     * @throws ConfigException an invalid {@code [cluster] cluster-id}, or an unreadable id or pin file, naming it
     */
    static ClusterIdentity load(NodeSettings settings, StanzaFile conf) throws ConfigException, IOException {
        String configured = configuredId(conf);
        if (settings.master()) {
            return new ClusterIdentity(settings, configured, configured.isEmpty() ? ownId(settings.dataDir()) : configured,
                    Optional.empty());
        }
        return new ClusterIdentity(settings, configured, "", readPin(settings.dataDir().resolve(PIN_FILE)));
    }

    /** {@code [cluster] cluster-id}, checked; empty when absent. */
    static String configuredId(StanzaFile conf) throws ConfigException {
        Optional<StanzaFile.Entry> entry = conf.entry(ServerConfSchema.CLUSTER, KEY);
        if (entry.isEmpty()) {
            return "";
        }
        String value = entry.get().value().strip();
        if (!VALID_ID.matcher(value).matches()) {
            throw new ConfigException("Invalid cluster-id '" + value + "' at " + conf.location(entry.get())
                    + ". Must be 1 to 64 letters, digits, '.', '_' or '-'.");
        }
        return value;
    }

    private static String ownId(Path dataDir) throws ConfigException, IOException {
        Path file = dataDir.resolve(ID_FILE);
        try {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!VALID_ID.matcher(id).matches()) {
                throw new ConfigException("Invalid cluster id in " + file + ". Remove the file to have the master make a new"
                        + " one (every replica must then be reset with 'ripple server reset-pin'), or set [cluster] cluster-id.");
            }
            return id;
        } catch (NoSuchFileException e) {
            Optional<Pin> pinned = readPin(dataDir.resolve(PIN_FILE));
            if (pinned.isPresent() && VALID_ID.matcher(pinned.get().clusterId()).matches()) {
                // a promoted replica: it stays in the cluster it was pinned to
                adopt(dataDir, pinned.get().clusterId());
                return pinned.get().clusterId();
            }
            String id = UUID.randomUUID().toString();
            Files.createDirectories(dataDir);
            AtomicFiles.write(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
            log.info("New cluster id {} (kept in {})", id, file);
            return id;
        }
    }

    /** Writes {@code clusterId} as the master's own: a promoted replica keeps the cluster of its pin. */
    static void adopt(Path dataDir, String clusterId) throws IOException {
        Files.createDirectories(dataDir);
        AtomicFiles.write(dataDir.resolve(ID_FILE), (clusterId + "\n").getBytes(StandardCharsets.UTF_8));
        log.info("Cluster id {} kept from the pin (kept in {})", clusterId, dataDir.resolve(ID_FILE));
    }

    /**
     * A replica that follows another master of the same cluster (a promotion): re-pins that master's name with the
     * cluster id it pinned, so that the new master is accepted and no other. Nothing to do without a pin, or when the
     * pin already names it.
     */
    synchronized void followMaster(String masterName) throws IOException {
        Optional<Pin> pinned = pin;
        if (pinned.isEmpty() || pinned.get().masterName().equals(masterName)) {
            return;
        }
        writePin(settings.dataDir(), masterName, pinned.get().clusterId());
        pin = Optional.of(new Pin(masterName, pinned.get().clusterId()));
    }

    /**
     * Pins {@code masterName} of {@code clusterId} in a data-dir: a server that becomes the replica of a new master
     * (an old master told of a promotion has no pin yet) takes that master of its own cluster and no other.
     */
    static void writePin(Path dataDir, String masterName, String clusterId) throws IOException {
        Files.createDirectories(dataDir);
        AtomicFiles.write(dataDir.resolve(PIN_FILE),
                ("master = " + masterName + "\ncluster-id = " + clusterId + "\n").getBytes(StandardCharsets.UTF_8));
        log.info(MessageId.CLUSTER_PINNED.line("Pinned master '{}' of cluster {}"), masterName, clusterId);
    }

    private static Optional<Pin> readPin(Path file) throws ConfigException, IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 2 || !lines.get(0).startsWith("master = ") || !lines.get(1).startsWith("cluster-id = ")) {
            throw new ConfigException("Invalid pin file " + file + ": expected 'master = NAME' and 'cluster-id = ID' lines."
                    + " Remove it to have this replica pin its master again at the next sync.");
        }
        return Optional.of(new Pin(lines.get(0).substring(9).strip(), lines.get(1).substring(13).strip()));
    }

    /** The cluster id this server belongs to: the master's own, or the one a replica pinned; empty before. */
    String clusterId() {
        if (settings.master()) {
            return masterId;
        }
        return pin.map(Pin::clusterId).orElse(configuredId);
    }

    /** What this server tells the servers it calls. */
    ClusterClaim claim() {
        return new ClusterClaim(settings.name(), clusterId());
    }

    Optional<Pin> pin() {
        return pin;
    }

    /**
     * A replica: refuses a master that is not the one it pinned (or, before the pin, one whose id is not
     * {@code [cluster] cluster-id}).
     *
     * @throws ConfigException naming the server at the URL, what it is, and what this replica is pinned to
     */
    void checkMaster(String url, String name, String clusterId) throws ConfigException {
        Optional<Pin> pinned = pin;
        if (pinned.isPresent() && !(pinned.get().masterName().equals(name) && pinned.get().clusterId().equals(clusterId))) {
            throw new ConfigException(MessageId.PEER_MISMATCH.line("The server at ") + url + " is the master '" + name + "' of cluster " + describe(clusterId)
                    + ", but this replica is pinned to cluster " + pinned.get().clusterId() + " (master '"
                    + pinned.get().masterName() + "'): refused, nothing was applied. To move this replica to that cluster on"
                    + " purpose: ripple server reset-pin.");
        }
        if (pinned.isEmpty() && !configuredId.isEmpty() && !configuredId.equals(clusterId)) {
            throw new ConfigException(MessageId.PEER_MISMATCH.line("The server at ") + url + " is the master '" + name + "' of cluster " + describe(clusterId)
                    + ", not of cluster " + configuredId + " ([cluster] cluster-id): refused, nothing was applied.");
        }
    }

    /** A replica, after a successful sync from that master: pins it if nothing is pinned yet; true when it did. */
    synchronized boolean pinIfFirst(String masterName, String clusterId) throws IOException {
        if (pin.isPresent() || clusterId.isEmpty()) {
            return false;
        }
        Files.createDirectories(settings.dataDir());
        AtomicFiles.write(settings.dataDir().resolve(PIN_FILE),
                ("master = " + masterName + "\ncluster-id = " + clusterId + "\n").getBytes(StandardCharsets.UTF_8));
        pin = Optional.of(new Pin(masterName, clusterId));
        Files.deleteIfExists(settings.dataDir().resolve(RESET_FILE));
        log.info(MessageId.CLUSTER_PINNED.line("Pinned master '{}' of cluster {}"), masterName, clusterId);
        return true;
    }

    /**
     * A replica: forgets its pin, so that its next sync pins whatever master its master-url then reaches.
     *
     * @return a line on what was reset
     * @throws IllegalStateException on a master, which has no pin
     */
    synchronized String resetPin() throws IOException {
        if (settings.master()) {
            throw new IllegalStateException(settings.name() + " is the master: it has no pin to reset (its cluster id is "
                    + masterId + ").");
        }
        Optional<Pin> old = pin;
        AtomicFiles.write(settings.dataDir().resolve(RESET_FILE), old.map(Pin::toString).orElse("").getBytes(StandardCharsets.UTF_8));
        Files.deleteIfExists(settings.dataDir().resolve(PIN_FILE));
        pin = Optional.empty();
        String was = old.map(p -> "master '" + p.masterName() + "' of cluster " + p.clusterId()).orElse("nothing");
        log.warn(MessageId.CLUSTER_PIN_RESET.line("Cluster pin reset (was {}): the next sync pins the master at {}"), was, settings.masterUrl());
        return "Pin reset on " + settings.name() + " (was " + was + "): the next sync pins the master at "
                + settings.masterUrl() + ".";
    }

    /**
     * Whether the next sync is the first from a master pinned after a reset: another cluster's versions are not
     * comparable with the ones this replica took, so that sync may go to a lower number.
     */
    boolean historyStartsAgain() {
        return pin.isEmpty() && Files.exists(settings.dataDir().resolve(RESET_FILE));
    }

    /**
     * Refuses an operation that a server of another cluster calls: the caller's {@link ClusterClaim} names a cluster id
     * that is not this server's (a replica with no pin yet accepts any). An IllegalStateException, not a
     * SecurityException: both channels pass its text on to the caller, where a SecurityException reads "not allowed".
     */
    void checkCaller(String operation) {
        Optional<ClusterClaim> claim = ClusterClaim.current();
        String own = clusterId();
        if (claim.isEmpty() || claim.get().clusterId().isEmpty() || own.isEmpty() || own.equals(claim.get().clusterId())) {
            return;
        }
        throw new IllegalStateException(MessageId.CALLER_OF_OTHER_CLUSTER.line("Refused ") + operation + " from '" + claim.get().caller() + "' of cluster "
                + claim.get().clusterId() + ": " + settings.name() + " belongs to cluster " + own + ".");
    }

    /**
     * The cluster id this server claims, read without writing anything: what a start may tell other servers before its
     * endpoints are checked (a refused start writes nothing). A master's first start has none yet (empty).
     *
     * @throws ConfigException an invalid {@code [cluster] cluster-id}, or an unreadable pin file, naming it
     */
    static String peek(NodeSettings settings, StanzaFile conf) throws ConfigException, IOException {
        String configured = configuredId(conf);
        if (settings.master() && !configured.isEmpty()) {
            return configured;
        }
        if (settings.master()) {
            try {
                String id = Files.readString(settings.dataDir().resolve(ID_FILE), StandardCharsets.UTF_8).strip();
                if (VALID_ID.matcher(id).matches()) {
                    return id;
                }
            } catch (NoSuchFileException e) {
                // a promoted replica's first start as master takes its pin's (below), a new master has none yet
            }
        }
        Optional<Pin> pinned = readPin(settings.dataDir().resolve(PIN_FILE));
        if (pinned.isPresent() && VALID_ID.matcher(pinned.get().clusterId()).matches()) {
            return pinned.get().clusterId();
        }
        return settings.master() ? "" : configured;
    }

    private static String describe(String clusterId) {
        return clusterId.isEmpty() ? "(none)" : clusterId;
    }
}
