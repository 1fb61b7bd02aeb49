package io.ripple.node;

import io.ripple.config.ConfigException;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica whose server does not come up on a new version goes back to the version before it: puts back its files
 * and its record of them, restarts the server on it and waits for Ready again. Once: when the old version does not
 * come up either, it says so and stops there. The next run tries the new version again. A host that restarts by a
 * process restart (agent mode) does the same across two process restarts: see {@link ProcessRevert}.
 */
final class ReplicaRevert {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRevert.class);

    /** Where the steps of a revert are shown, as the run's detail. */
    @FunctionalInterface
    interface Progress {
        void record(String detail) throws IOException;
    }

    /** How the server is restarted on the version put back: the way it was restarted on the failed one. */
    @FunctionalInterface
    interface Restart {
        /** @return a note on how the stop went, or empty */
        String restart(long version, String reason) throws HostStartException;
    }

    private final NodeSettings settings;
    private final ReplicaSync sync;
    private final ReadinessCheck readiness;

    ReplicaRevert(NodeSettings settings, ReplicaSync sync, ReadinessCheck readiness) {
        this.settings = settings;
        this.sync = sync;
        this.readiness = readiness;
    }

    /**
     * @param before        what this replica held before the run's sync
     * @param failedVersion the version its server did not come up on
     * @param failure       why not, in one line
     * @param restart       how the server is restarted on the version before: as it was on the failed one
     * @return the run's detail: the failure, and "reverted to version N" or why going back failed too
     */
    String revert(NodeState before, long failedVersion, String failure, Progress progress, Restart restart)
            throws InterruptedException {
        long oldVersion = before.version();
        log.warn(MessageId.VERSION_REVERTED.line("Version {} did not come up ({}): reverting to version {}"), failedVersion, failure, oldVersion);
        try {
            progress.record("restarting: reverting to version " + oldVersion + " after version " + failedVersion + " failed: " + failure);
            sync.revert(before, failedVersion);
            restart.restart(oldVersion, "reverted to version " + oldVersion + ": version " + failedVersion + " did not come up");
            Optional<String> notReady = readiness.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.maxWaitSeconds()));
            if (notReady.isPresent()) {
                return failedToo(failure, oldVersion, "not ready: " + notReady.get());
            }
        } catch (HostStartException | ConfigException | IOException | RuntimeException e) {
            return failedToo(failure, oldVersion, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return reverted(failure, oldVersion, failedVersion);
    }

    /** The run's detail when the server serves on the version before again. */
    static String reverted(String failure, long oldVersion, long failedVersion) {
        log.info("Reverted to version {}: serving on it; the next run tries version {} again", oldVersion, failedVersion);
        return failure + "; reverted to version " + oldVersion + ", serving on it (the next run tries version " + failedVersion
                + " again)";
    }

    /** The run's detail when the version before did not come up either: both reasons. */
    static String failedToo(String failure, long oldVersion, String why) {
        log.error(MessageId.REVERT_FAILED.line("Reverting to version {} failed too: {}"), oldVersion, why);
        return failure + "; reverting to version " + oldVersion + " failed too: " + why;
    }
}
