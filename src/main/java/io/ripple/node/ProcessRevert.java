package io.ripple.node;

import io.ripple.config.ConfigException;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplicaRevert} for a host that restarts by a process restart (agent mode). The JVM started for a new version
 * that does not come up puts back the version before it, its files and its record of them, writes the report it owes
 * again with why, and restarts the process once more; the next JVM starts on the version before without a startup sync,
 * waits for Ready and reports the run FAILED "…; reverted to version N …". Once: when the version before does not come
 * up either, the run says both reasons and the process is not restarted again.
 */
final class ProcessRevert {

    private static final Logger log = LoggerFactory.getLogger(ProcessRevert.class);

    private final NodeSettings settings;
    private final NodeStateStore state;
    private final HostLifecycle lifecycle;
    private final ReplicaSync sync;

    ProcessRevert(NodeSettings settings, NodeStateStore state, HostLifecycle lifecycle, ReplicaSync sync) {
        this.settings = settings;
        this.state = state;
        this.lifecycle = lifecycle;
        this.sync = sync;
    }

    /**
     * True when the run this report is owed for applied the version this JVM holds, with what was held before it on
     * record: the only apply there is to undo.
     */
    boolean possible(PendingReport pending) {
        return pending.before() != null && pending.failedVersion() > 0 && pending.failedVersion() == state.get().version();
    }

    /**
     * In the JVM started for the new version, which did not come up: goes back to the version before it and restarts
     * the process on it.
     *
     * @param failure why the new version did not come up, in one line
     * @return the run's detail when going back failed (otherwise the process exits and this does not return, except
     *         where a test stands in for the exit)
     */
    String revertAndRestart(PendingReport pending, String failure, ReplicaRevert.Progress progress) {
        long oldVersion = pending.before().version();
        long failedVersion = pending.failedVersion();
        log.warn(MessageId.VERSION_REVERTED.line("Version {} did not come up ({}): reverting to version {} and restarting the process on it"), failedVersion,
                failure, oldVersion);
        try {
            progress.record("restarting: reverting to version " + oldVersion + " after version " + failedVersion
                    + " failed: " + failure + "; restarting the process on it");
            // written first: a process killed during the revert finishes it at its next start (resume)
            pending.revertedBecause(failure).save(settings.dataDir());
            sync.revert(pending.before(), failedVersion);
            lifecycle.restart(oldVersion, "reverted to version " + oldVersion + ": version " + failedVersion + " did not come up");
            return ReplicaRevert.failedToo(failure, oldVersion, "the process did not exit for its restart");
        } catch (HostStartException | ConfigException | IOException | RuntimeException e) {
            forgetRevert();
            return ReplicaRevert.failedToo(failure, oldVersion, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * At the start of the JVM that puts back the version before: finishes the revert when the last process was killed
     * before it was done (an undo can be repeated).
     *
     * @return true when the version before is in place; false when it cannot be (the report is then forgotten, and
     *         this start goes on as any other)
     */
    boolean resume(PendingReport pending) {
        if (state.get().version() != pending.failedVersion()) {
            return true;
        }
        try {
            log.warn("Finishing the revert from version {} to version {} that the last process did not finish",
                    pending.failedVersion(), pending.before().version());
            sync.revert(pending.before(), pending.failedVersion());
            return true;
        } catch (ConfigException | IOException | RuntimeException e) {
            log.error(MessageId.REVERT_FAILED.line("Cannot finish the revert from version {} to version {}: {}"), pending.failedVersion(),
                    pending.before().version(), e.getMessage());
            forgetRevert();
            return false;
        }
    }

    /** In the JVM started on the version before: the run's detail, whether that version came up or not. */
    String detailAfterRestart(PendingReport pending, Optional<String> notReady) {
        long oldVersion = pending.before().version();
        return notReady.map(why -> ReplicaRevert.failedToo(pending.failure(), oldVersion, "not ready: " + why))
                .orElseGet(() -> ReplicaRevert.reverted(pending.failure(), oldVersion, pending.failedVersion()));
    }

    /** A revert that went no further than this JVM: the next start must not take it for one under way. */
    private void forgetRevert() {
        try {
            PendingReport.clear(settings.dataDir());
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", settings.dataDir().resolve(PendingReport.FILE_NAME), e.getMessage());
        }
    }
}
