package io.ripple.node;

import io.ripple.management.Audit;
import io.ripple.management.ClusterClaim;
import io.ripple.management.SafeText;
import io.ripple.util.MessageId;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #21, learning a promotion at the new master's next run: before a replica runs an operation whose caller claims a
 * newer term and is not its master ({@link HigherTermCaller}), it re-points to that member as a member told of the
 * promotion does ({@link Promotion#follow}), waits until its role is re-opened, and lets the operation proceed on the
 * new role; or refuses a caller that is no member.
 */
final class RunTimeFollow {

    private static final Logger log = LoggerFactory.getLogger(RunTimeFollow.class);
    private static final Logger audit = LoggerFactory.getLogger(Audit.class);
    /** The promotion's own notice: {@link Promotion#follow} judges it. */
    private static final String NOTICE = "masterPromoted";
    /** How long the caller's operation waits for the re-point: within the caller's call time-out. */
    static final int REPOINT_WAIT_SECONDS = 20;

    private RunTimeFollow() {
    }

    /**
     * Judges the caller of {@code operation} on {@code node}; returns when the operation may run.
     *
     * @throws IllegalStateException the one line the caller sees, when it is refused
     */
    static void check(Node node, String operation) {
        NodeSettings s = node.settings();
        Optional<ClusterClaim> claim = ClusterClaim.current();
        if (s.master() || NOTICE.equals(operation) || claim.isEmpty() || claim.get().term() <= node.term()) {
            return;
        }
        HigherTermCaller.Verdict verdict = HigherTermCaller.judge(new HigherTermCaller.Known(s.name(), node.clusterId(),
                s.masterName(), node.term(), node.members()), operation, claim);
        if (verdict.refusal().isPresent()) {
            String line = MessageId.HIGHER_TERM_STRANGER_REFUSED.line(verdict.refusal().get());
            audit.warn("{}", SafeText.of(line, Audit.MAX_ACTION_CHARS));
            throw new IllegalStateException(line);
        }
        if (verdict.passes()) {
            return;
        }
        MasterRecord record = verdict.follow().get();
        log.info("'{}' calls {} with term {}, above term {} of master '{}': it is the master of that term now",
                record.master(), SafeText.of(operation), record.term(), node.term(), s.masterName());
        Promotion.follow(node, record.master(), record.term());
        awaitRoleChange(node, record);
    }

    /** The role change runs on the worker: once a task queued after it ran, the operation meets the new role. */
    private static void awaitRoleChange(Node node, MasterRecord record) {
        try {
            node.worker().submit(() -> { }).get(REPOINT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(node.settings().name() + " did not re-point to master '" + record.master()
                    + "' within " + REPOINT_WAIT_SECONDS + " s; call again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-pointing to master '" + record.master() + "'");
        }
    }
}
