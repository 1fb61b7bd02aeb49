package io.ripple.node;

import io.ripple.MemberInfo;
import io.ripple.config.ConfigException;
import io.ripple.management.Audit;
import io.ripple.management.ClusterClaim;
import io.ripple.management.SafeText;
import io.ripple.util.FutureWaits;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica becomes the cluster's master ({@code Server.promote}), and a member told so follows it
 * ({@code Failover.masterPromoted}); both without restarting the hosted server. See docs/FAILOVER.md.
 */
final class Promotion {

    private static final Logger log = LoggerFactory.getLogger(Promotion.class);
    private static final Logger audit = LoggerFactory.getLogger(Audit.class);
    /** The longest a role change may wait for the restart or run turn under way on the worker thread. */
    static final int ROLE_CHANGE_WAIT_SECONDS = 120;
    /** One role change at a time in a JVM (servers of one JVM, as the benchmarks run them, change rarely). */
    private static final ReentrantLock CHANGING = new ReentrantLock();

    private Promotion() {
    }

    /**
     * Promotes the server to the cluster's master; see {@link io.ripple.ServerMXBean#promote(boolean)}.
     *
     * @return one sentence: the term, the version published, the members told and those not reached (with why)
     * @throws IllegalStateException refused (one line naming why), or the role change failed
     */
    static String promote(Node node, boolean force) {
        if (!CHANGING.tryLock()) {
            throw refusedPromotion(node.settings().name(), "another role change is under way on it.");
        }
        try {
            return promoteNow(node, force);
        } finally {
            CHANGING.unlock();
        }
    }

    private static String promoteNow(Node node, boolean force) {
        NodeSettings s = node.settings();
        ClusterIdentity identity = node.identity();
        ReplicaRole replica = node.replicaRole();
        NodeState state = node.stateStore().get();
        List<String> drifted;
        try {
            drifted = s.master() ? List.of() : node.configuration().driftedFiles();
        } catch (ConfigException e) {
            throw refusedPromotion(s.name(), "its configuration cannot be read: " + e.getMessage());
        }
        PromotionRules.Facts facts = new PromotionRules.Facts(s.name(), s.master(), s.masterName(), node.lifecycle().state(),
                replica == null ? null : replica.activeRun(), identity.pin().isPresent(), state, drifted);
        Optional<String> refusal = PromotionRules.refusal(facts, force);
        if (refusal.isPresent()) {
            throw refusedPromotion(s.name(), refusal.get());
        }
        String clusterId = identity.pin().orElseThrow().clusterId();
        ClusterTerm term = node.clusterTerm();
        long newTerm = Math.max(term.current(), ClusterTerm.FIRST) + 1;
        String ownUrl = node.ownUrl();
        String oldMaster = s.masterName();
        long after = Math.max(state.version(), state.masterSeenVersion());
        MasterRecord record = new MasterRecord(s.name(), ownUrl, newTerm);
        try {
            term.observe(newTerm, s.name());
            ClusterIdentity.adopt(s.dataDir(), clusterId);
            record.write(s.dataDir());
            changeRole(node, MasterSource.record(node.confSettings(), record), after,
                    "promoted" + (force ? " (forced)" : "") + ", term " + newTerm);
        } catch (ConfigException | IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error(MessageId.PROMOTE_REFUSED.line("Promotion of {} failed halfway: {}"), s.name(), why);
            throw new IllegalStateException("Promotion of " + s.name() + " to term " + newTerm + " failed: " + why
                    + ". Its data-dir names it the master (" + MasterRecord.FILE + "): restart it to finish, or remove that"
                    + " file and " + ClusterTerm.FILE + "'s new term to undo.");
        }
        List<MemberInfo> others = node.members().stream().filter(m -> !m.getName().equals(s.name())).toList();
        Map<String, String> namesByUrl = new LinkedHashMap<>();
        others.forEach(m -> namesByUrl.put(m.getUrl(), m.getName()));
        MemberNotice.Result told = MemberNotice.tellAll(others, node.memberConnector(namesByUrl), s.name(), newTerm);
        String answer = s.name() + " is the master of term " + newTerm + " now (was a replica of '" + oldMaster
                + "'; configuration version " + node.configuration().version() + " published, digest "
                + shortDigest(node) + "): told " + (told.told().isEmpty() ? "no member" : String.join(", ", told.told()))
                + (told.notReached().isEmpty() ? "; every member was reached."
                        : "; not reached: " + describe(told.notReached()) + " (they learn it at their next start or at"
                        + " this master's next run).");
        log.warn(MessageId.PROMOTED.line("{}"), answer);
        return answer;
    }

    /**
     * A member told by {@code master} that it holds {@code term} now; see
     * {@link io.ripple.FailoverMXBean#masterPromoted(String, long)}.
     *
     * @throws IllegalStateException the claim is not believed, naming why; nothing changed
     */
    static String follow(Node node, String master, long term) {
        NodeSettings s = node.settings();
        Optional<ClusterClaim> claim = ClusterClaim.current();
        List<MemberInfo> members = node.members();
        String followed = s.master() ? s.name() : s.masterName();
        long followedTerm = s.master() ? node.term() : followedTerm(node);
        NewMasterCheck.Known known = new NewMasterCheck.Known(s.name(), node.clusterId(), followed, followedTerm,
                members.stream().map(MemberInfo::getName).toList());
        NewMasterCheck.Verdict verdict = NewMasterCheck.judge(known, claim, master, term);
        if (verdict.refusal().isPresent()) {
            String caller = claim.map(ClusterClaim::caller).orElse("");
            String line = MessageId.NEW_MASTER_REFUSED.line("Refused masterPromoted from '" + SafeText.of(caller) + "' of term "
                    + claim.map(c -> Long.toString(c.term())).orElse("(none)") + ": " + verdict.refusal().get() + ".");
            audit.warn("{}", SafeText.of(line, Audit.MAX_ACTION_CHARS));
            throw new IllegalStateException(line);
        }
        if (verdict.already()) {
            return s.name() + " follows master '" + master + "' of term " + term + " already.";
        }
        String url = members.stream().filter(m -> m.getName().equals(master)).findFirst().orElseThrow().getUrl();
        Optional<String> notThere = atItsUrl(node, master, url, term);
        if (notThere.isPresent()) {
            String line = MessageId.NEW_MASTER_REFUSED.line("Refused masterPromoted from '" + SafeText.of(master) + "' of term "
                    + term + ": " + notThere.get());
            audit.warn("{}", SafeText.of(line, Audit.MAX_ACTION_CHARS));
            throw new IllegalStateException(line);
        }
        MasterRecord record = new MasterRecord(master, url, term);
        if (!CHANGING.tryLock()) {
            throw new IllegalStateException("Refused masterPromoted from '" + master + "': another role change is under way on "
                    + s.name() + "; call again.");
        }
        try {
            node.clusterTerm().observe(term, master);
            record.write(s.dataDir());
            if (s.master()) {
                ClusterIdentity.writePin(s.dataDir(), master, node.clusterId());
            } else {
                node.identity().followMaster(master);
            }
            MasterSource next = MasterSource.record(node.confSettings(), record);
            log.warn(MessageId.NEW_MASTER_FOLLOWED.line("Following master '{}' of term {} at {} (told by it): was master '{}'"),
                    master, term, url, followed);
            node.worker().execute(() -> {
                try {
                    node.changeRole(next, 0, "told by '" + master + "' of its promotion to term " + term);
                } catch (ConfigException | IOException | RuntimeException e) {
                    log.error("Re-pointing to master '{}' failed: {}; restart this server to finish (its data-dir names"
                            + " that master)", master, e.getMessage());
                }
            });
        } catch (IOException | ConfigException e) {
            throw new IllegalStateException(s.name() + " cannot record master '" + master + "' of term " + term + " in "
                    + s.dataDir() + ": " + e.getMessage());
        } finally {
            CHANGING.unlock();
        }
        return s.name() + " follows master '" + master + "' of term " + term + " at " + url + " now (was master '"
                + followed + "'); it syncs from it without restarting.";
    }

    /**
     * The claim is the caller's word, and the cluster account is every server's: the member asks the server at the URL
     * its membership gives that master (with the peer proof, as every call between servers) whether it is that master
     * holding that term. Empty when it is; otherwise why not.
     */
    private static Optional<String> atItsUrl(Node node, String master, String url, long term) {
        try (io.ripple.remote.RemoteServer there = node.memberConnector(Map.of(url, master)).open(url)) {
            io.ripple.remote.ServerIdentity id = there.serverIdentity();
            long held = there.server().getTerm();
            if (id.name().equals(master) && "master".equals(id.role()) && held == term
                    && node.clusterId().equals(id.clusterId())) {
                return Optional.empty();
            }
            return Optional.of("the server at " + url + " is " + SafeText.of(id.role()) + " '" + SafeText.of(id.name())
                    + "' of term " + held + ", not the master of term " + term + ".");
        } catch (RuntimeException e) {
            return Optional.of("the server at " + url + " could not be asked whether it is that master: "
                    + SafeText.of(e.getMessage() == null ? e.toString() : e.getMessage(), 200));
        }
    }

    /** The term of the master a replica follows: its master record's, else the one its master published last. */
    private static long followedTerm(Node node) {
        long fromRecord = node.recordTerm();
        return fromRecord > 0 ? fromRecord : node.membersRecord().term();
    }

    /** Runs the role change on the worker thread, after any restart or run turn under way there. */
    private static void changeRole(Node node, MasterSource next, long after, String reason) {
        Future<?> done = node.worker().submit(() -> {
            node.changeRole(next, after, reason);
            return null;
        });
        try {
            // the caller reports any failure by its message alone
            FutureWaits.result(done, ROLE_CHANGE_WAIT_SECONDS, TimeUnit.SECONDS, cause -> new IllegalStateException(
                    cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause));
        } catch (TimeoutException e) {
            throw new IllegalStateException("the role change did not end within " + ROLE_CHANGE_WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing role");
        }
    }

    private static IllegalStateException refusedPromotion(String name, String why) {
        String line = MessageId.PROMOTE_REFUSED.line("Promotion of " + name + " refused: " + why);
        audit.warn("{}", SafeText.of(line, Audit.MAX_ACTION_CHARS));
        return new IllegalStateException(line);
    }

    private static String describe(Map<String, String> notReached) {
        StringBuilder b = new StringBuilder();
        notReached.forEach((name, why) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(" (").append(why).append(')'));
        return b.toString();
    }

    private static String shortDigest(Node node) {
        try {
            return LocalConfiguration.shortDigest(node.configuration().digest());
        } catch (ConfigException e) {
            return "?";
        }
    }
}
