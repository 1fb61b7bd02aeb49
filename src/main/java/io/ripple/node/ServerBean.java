package io.ripple.node;

import io.ripple.ServerMXBean;
import io.ripple.management.Audit;

/** The {@code ripple:type=Server} MBean: a view of the node runtime, and its restart and sync verbs. */
final class ServerBean implements ServerMXBean {

    private final Node node;

    ServerBean(Node node) {
        this.node = node;
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
    public long getStartTime() {
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
    public String getConfigSource() {
        return node.configSource();
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
        Audit.requested("Server syncAndRestart(run " + runId + ")");
        return node.syncAndRestart(runId);
    }
}
