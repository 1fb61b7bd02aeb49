package io.ripple.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.ServerMXBean;
import io.ripple.cluster.RunId;
import io.ripple.management.Audit;
import io.ripple.util.IsoTime;
import io.ripple.util.JsonMappers;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;

/**
 * The {@code ripple:type=Server} MBean: a view of the node runtime, its restart and sync verbs, and a notification
 * after each restart of the hosted server.
 */
final class ServerBean extends NotificationBroadcasterSupport implements ServerMXBean, HostLifecycle.RestartListener {

    private static final ObjectMapper JSON = JsonMappers.files();

    private final Node node;
    private final AtomicLong sequence = new AtomicLong();

    ServerBean(Node node) {
        super(new MBeanNotificationInfo(new String[] {NOTIFICATION_RESTARTED}, Notification.class.getName(),
                        "The hosted server restarted; user data is JSON: name, bootId, reason, restartCount, version"),
                new MBeanNotificationInfo(new String[] {NOTIFICATION_RESTART_FAILED}, Notification.class.getName(),
                        "A restart of the hosted server failed; user data is JSON: name, reason, error, restartCount"));
        this.node = node;
    }

    @Override
    public void restarted(HostLifecycle lifecycle, String reason) {
        ObjectNode data = JSON.createObjectNode().put("name", getName()).put("bootId", lifecycle.bootId())
                .put("reason", reason).put("restartCount", lifecycle.restartCount()).put("version", lifecycle.appliedVersion());
        send(NOTIFICATION_RESTARTED, getName() + " restarted: " + reason, data);
    }

    @Override
    public void restartFailed(HostLifecycle lifecycle, String reason, String error) {
        ObjectNode data = JSON.createObjectNode().put("name", getName()).put("reason", reason).put("error", error)
                .put("restartCount", lifecycle.restartCount());
        send(NOTIFICATION_RESTART_FAILED, getName() + " failed to restart: " + error, data);
    }

    private void send(String type, String message, ObjectNode data) {
        Notification n = new Notification(type, OBJECT_NAME, sequence.incrementAndGet(), System.currentTimeMillis(), message);
        n.setUserData(data.toString());
        sendNotification(n);
    }

    @Override
    public String getName() {
        return node.settings().name();
    }

    @Override
    public String getRole() {
        return node.settings().role();
    }

    @Override
    public String getState() {
        return node.lifecycle().state().name();
    }

    @Override
    public boolean isReady() {
        return node.lifecycle().ready();
    }

    @Override
    public String getBootId() {
        return node.lifecycle().bootId();
    }

    @Override
    public String getStartTime() {
        return IsoTime.text(getStartTimeMillis());
    }

    @Override
    public long getStartTimeMillis() {
        return node.lifecycle().startTime();
    }

    @Override
    public long getRestartCount() {
        return node.lifecycle().restartCount();
    }

    @Override
    public String getLastRestartReason() {
        return node.lifecycle().lastRestartReason();
    }

    @Override
    public String getMasterName() {
        return node.settings().masterName();
    }

    @Override
    public String getMasterUrl() {
        return node.settings().master() ? node.ownUrl() : node.settings().masterUrl();
    }

    @Override
    public String getMasterSource() {
        return node.masterSource();
    }

    @Override
    public String getConfigSource() {
        return node.configSource();
    }

    @Override
    public String getClusterId() {
        return node.clusterId();
    }

    @Override
    public long getTerm() {
        return node.term();
    }

    @Override
    public String[] getMembers() {
        return ClusterMembers.lines(node.members());
    }

    @Override
    public String resetClusterPin() {
        Audit.requested("Server resetClusterPin");
        return node.resetClusterPin();
    }

    @Override
    public String promote(boolean force) {
        Audit.requested("Server promote(" + (force ? "force" : "") + ")");
        return Promotion.promote(node, force);
    }

    @Override
    public String getLastRunId() {
        return node.stateStore().get().lastRunId();
    }

    @Override
    public String getLastRunOutcome() {
        return node.stateStore().get().lastRunOutcome();
    }

    @Override
    public String getLastRunDetail() {
        return node.stateStore().get().lastRunDetail();
    }

    @Override
    public String restart() {
        return node.requestRestart("restart requested by " + Audit.requested("Server restart"));
    }

    @Override
    public String syncAndRestart(String runId) {
        RunId.check(runId);
        Audit.requested("Server syncAndRestart(run " + runId + ")");
        return node.syncAndRestart(runId, ReplicaRole.NO_DEADLINE);
    }

    @Override
    public String syncAndRestartUntil(String runId, long deadlineEpochMillis) {
        RunId.check(runId);
        Audit.requested("Server syncAndRestart(run " + runId + ")");
        return node.syncAndRestart(runId, deadlineEpochMillis);
    }
}
