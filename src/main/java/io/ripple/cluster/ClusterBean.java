package io.ripple.cluster;

import io.ripple.ClusterMXBean;
import io.ripple.RunStatus;
import io.ripple.ServerStatus;
import io.ripple.management.Audit;
import io.ripple.util.IsoTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;

/** The {@code ripple:type=Cluster} MBean on the master: the procedure's verbs, its status and its notifications. */
public final class ClusterBean extends NotificationBroadcasterSupport implements ClusterMXBean {

    public static final String STARTED = "ripple.cluster.restart.started";
    public static final String REPLICA_STATE = "ripple.cluster.replica.state";
    public static final String FINISHED = "ripple.cluster.restart.finished";

    private final AtomicLong notificationSequence = new AtomicLong();
    private final Map<String, String> replicas;
    private volatile Coordinator coordinator;

    public ClusterBean(Map<String, String> replicas) {
        super(new MBeanNotificationInfo(new String[] {STARTED, REPLICA_STATE, FINISHED}, Notification.class.getName(),
                "A cluster restart started, one server's state changed, or the run finished; user data is JSON"));
        this.replicas = replicas;
    }

    /** Connects the bean to its coordinator, which is built with {@link #notify(RunEvent)} as its listener. */
    public void attach(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** Turns a run event into the contract's notification. */
    public void notify(RunEvent event) {
        String type = switch (event.kind()) {
            case RunEvent.RUN -> STARTED;
            case RunEvent.END -> FINISHED;
            default -> REPLICA_STATE;
        };
        Coordinator c = coordinator;
        String data = REPLICA_STATE.equals(type) || c == null
                ? eventJson(event) : RunFormat.json(c.current());
        Notification n = new Notification(type, OBJECT_NAME, notificationSequence.incrementAndGet(), System.currentTimeMillis(),
                event.kind() + " " + (event.server() == null ? "" : event.server() + " ") + event.state());
        n.setUserData(data);
        sendNotification(n);
    }

    /** The event as JSON text, written straight from it (a tree first, then its text, cost twice as much). */
    private static String eventJson(RunEvent event) {
        try {
            return RunJournal.JSON.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write run event " + event.seq() + " as JSON", e);
        }
    }

    @Override
    public String[] getReplicas() {
        return replicas.keySet().toArray(String[]::new);
    }

    @Override
    public boolean isInProgress() {
        return coordinator.inProgress();
    }

    @Override
    public String getStatusMessage() {
        return RunFormat.message(coordinator.current());
    }

    @Override
    public RunStatus getStatus() {
        return RunFormat.composite(coordinator.current());
    }

    @Override
    public int getMaxWaitTime() {
        return coordinator.maxWaitSeconds();
    }

    @Override
    public String getLastRunState() {
        Run run = coordinator.current();
        return run == null ? "NONE" : run.state().name();
    }

    @Override
    public boolean isLastRunSucceeded() {
        Run run = coordinator.current();
        return run != null && run.state() == RunState.COMPLETED;
    }

    @Override
    public int getLastRunFailedServers() {
        Run run = coordinator.current();
        return run == null ? 0 : run.failedServers().size();
    }

    @Override
    public long getLastRunDurationMillis() {
        Run run = coordinator.current();
        if (run == null || run.startedAt() <= 0) {
            return 0;
        }
        long end = run.endedAt() > 0 ? run.endedAt() : System.currentTimeMillis();
        return Math.max(0, end - run.startedAt());
    }

    @Override
    public String getLastRunEndTime() {
        return IsoTime.text(getLastRunEndTimeMillis());
    }

    @Override
    public long getLastRunEndTimeMillis() {
        Run run = coordinator.current();
        return run == null || run.inProgress() ? 0 : run.endedAt();
    }

    @Override
    public List<ServerStatus> getServers() {
        return getStatus().getServers();
    }

    @Override
    public String getLastRunId() {
        Run run = coordinator.current();
        return run == null ? "" : run.runId();
    }

    @Override
    public String restart(boolean ripple) {
        String mode = ripple ? "ripple" : "parallel";
        String by = Audit.requested("Cluster restart (" + mode + ")");
        return RunStarted.sentence(coordinator.restart(ripple, by), mode);
    }

    @Override
    public String restartPlan(int batchSize, int pauseSeconds, int minReady, int maxFailures, boolean autoRevert) {
        RunPlan plan = new RunPlan(batchSize, pauseSeconds, minReady, maxFailures, autoRevert);
        String runId = coordinator.restart(plan, Audit.requested("Cluster restart (" + plan.describe() + ")"));
        return RunStarted.sentence(runId, "plan: " + plan.describe());
    }

    @Override
    public String rollback(long version) {
        String runId = coordinator.rollback(version, Audit.requested("Cluster rollback to version " + version));
        return RunStarted.sentence(runId, "rollback to version " + version + ", ripple");
    }

    @Override
    public String previewPlan(int batchSize, int pauseSeconds, int minReady, int maxFailures, boolean autoRevert) {
        RunPlan plan = new RunPlan(batchSize, pauseSeconds, minReady, maxFailures, autoRevert);
        plan.checkFits(getReplicas().length);
        try {
            return coordinator.preview(plan);
        } catch (Exception e) {
            throw new IllegalStateException("Preview failed: " + e.getMessage());
        }
    }

    @Override
    public String history() {
        return coordinator.history();
    }

    @Override
    public String status() {
        return RunFormat.text(coordinator.current());
    }

    @Override
    public String statusJson() {
        return RunFormat.json(coordinator.current());
    }

    @Override
    public String health() {
        return coordinator.health();
    }

    @Override
    public String preview() {
        try {
            return coordinator.preview();
        } catch (Exception e) {
            throw new IllegalStateException("Preview failed: " + e.getMessage());
        }
    }

    @Override
    public String cancel() {
        Audit.requested("Cluster cancel");
        return coordinator.cancel();
    }

    @Override
    public String events(long afterSequence) {
        return coordinator.eventsAfter(afterSequence);
    }
}
