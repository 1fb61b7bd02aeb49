package io.ripple.node;

import io.ripple.MemberInfo;
import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import io.ripple.management.ClusterClaim;
import io.ripple.remote.Peer;
import io.ripple.remote.RemoteConnector;
import io.ripple.remote.RemoteServers;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #21 at a server's start: before a replica's startup sync, and before a master publishes anything, the server
 * asks every member it knows for its term and master ({@link MasterDiscovery}) and follows the highest term above its
 * own: it records that term and a {@link MasterRecord} naming that term's master, and starts as its replica. A master
 * that finds a higher term so steps down, without publishing or running anything. A server that reaches no member
 * starts as it would have: a master of an old term is fenced anyway, since every replica that saw the newer term
 * refuses it.
 */
final class StartupDiscovery {

    private static final Logger log = LoggerFactory.getLogger(StartupDiscovery.class);
    /** In MasterSource when a server that server.conf makes the master runs as a replica: it stepped down. */
    static final String STEPPED_DOWN = "stepped down";

    private StartupDiscovery() {
    }

    /** Asks over a connector with this server's credentials and TLS, proving each member before sending them. */
    static MasterSource follow(NodeSettings fromConf, MasterSource source, RemoteConnector base)
            throws ConfigException, IOException {
        NodeSettings settings = source.settings();
        String clusterId = ClusterIdentity.peek(settings, StanzaFile.read(settings.confFile()));
        List<MemberInfo> membership = membership(settings);
        Map<String, Peer> peers = new HashMap<>();
        membership.forEach(m -> peers.put(m.getUrl(), Peer.member(m.getName())));
        RemoteServers connector = base.claiming(() -> new ClusterClaim(settings.name(), clusterId)).proving(peers::get);
        return follow(fromConf, source, clusterId, membership, new MasterDiscovery(connector, MasterDiscovery.DEADLINE));
    }

    /** As above, asking with {@code discovery}; returns the source the server starts with. */
    static MasterSource follow(NodeSettings fromConf, MasterSource source, String clusterId, List<MemberInfo> membership,
                               MasterDiscovery discovery) throws ConfigException, IOException {
        NodeSettings settings = source.settings();
        long ownTerm = ownTerm(settings);
        List<MemberInfo> others = membership.stream().filter(m -> !m.getName().equals(settings.name())).toList();
        DiscoveryVerdict verdict = DiscoveryVerdict.judge(settings.name(), clusterId, ownTerm, membership,
                discovery.ask(others));
        if (verdict.follow().isEmpty() && verdict.disagreement()) {
            log.warn("Asked {} member(s) for the cluster's term at start: {} (two promotions to one term: keep one"
                    + " master and promote it again); starting as {}", others.size(), verdict.why(),
                    settings.master() ? "master" : "replica of '" + settings.masterName() + "'");
            return withStepDown(fromConf.master(), source);
        }
        if (verdict.follow().isEmpty()) {
            log.info("Asked {} member(s) for the cluster's term at start: {}; starting as {}", others.size(),
                    verdict.why(), settings.master() ? "master" : "replica of '" + settings.masterName() + "'");
            return withStepDown(fromConf.master(), source);
        }
        DiscoveryVerdict.Found found = verdict.follow().get();
        if (!settings.master() && found.master().equals(settings.masterName())) {
            return withStepDown(fromConf.master(), source); // already its replica: the startup sync learns the term
        }
        ClusterTerm.load(settings.dataDir(), settings.name(), false).observe(found.term(), found.claimedBy().get(0));
        found.record().write(settings.dataDir());
        String told = String.join(", ", found.claimedBy());
        if (settings.master()) {
            if (!java.nio.file.Files.exists(settings.dataDir().resolve(ClusterIdentity.PIN_FILE)) && !clusterId.isEmpty()) {
                // as its replica it takes that master of its own cluster and no other
                ClusterIdentity.writePin(settings.dataDir(), found.master(), clusterId);
            }
            log.warn(MessageId.STEPPED_DOWN.line("Stepped down: {} holds term {} (told by {}), above this master's term {}."
                    + " Starting as its replica at {}, without publishing or running anything"),
                    found.master(), found.term(), told, ownTerm, found.url());
        } else {
            log.warn(MessageId.MASTER_FOUND_AT_START.line("Following master '{}' of term {} at {} (told by {} at start):"
                    + " was master '{}' of term {}"), found.master(), found.term(), found.url(), told,
                    settings.masterName(), ownTerm);
        }
        return withStepDown(fromConf.master() || settings.master(), MasterSource.atStart(fromConf));
    }

    /**
     * A server that was the master (by server.conf, or by its own master record until this start) and runs as a
     * replica: its MasterSource says it stepped down. A later start says so as long as server.conf makes it the master.
     */
    static MasterSource withStepDown(boolean wasMaster, MasterSource source) {
        if (!wasMaster || source.settings().master()) {
            return source;
        }
        return new MasterSource(source.settings(), source.description() + ": " + STEPPED_DOWN + " ('"
                + source.settings().masterName() + "' holds a newer term)", source.recordTerm());
    }

    /** The term this server holds (a master: at least the first) or has seen. */
    private static long ownTerm(NodeSettings settings) throws ConfigException, IOException {
        long stored = ClusterTerm.stored(settings.dataDir());
        return settings.master() ? Math.max(stored, ClusterTerm.FIRST) : stored;
    }

    /**
     * Every member this server knows: its copy of the membership (cluster-members.json), then what its settings add
     * (a master's replica lines, a replica's master).
     */
    static List<MemberInfo> membership(NodeSettings settings) throws ConfigException {
        Map<String, MemberInfo> byName = new LinkedHashMap<>();
        ClusterMembers.load(settings.dataDir()).get().members().forEach(m -> byName.putIfAbsent(m.getName(), m));
        if (settings.master()) {
            settings.replicas().forEach(r -> byName.putIfAbsent(r.name(), new MemberInfo(r.name(), r.url())));
        } else if (!settings.masterName().isEmpty()) {
            byName.putIfAbsent(settings.masterName(), new MemberInfo(settings.masterName(), settings.masterUrl()));
        }
        return new ArrayList<>(byName.values());
    }
}
