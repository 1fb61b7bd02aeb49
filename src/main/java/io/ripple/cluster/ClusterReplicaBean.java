package io.ripple.cluster;

import io.ripple.ClusterReplicaMXBean;
import java.util.Optional;
import java.util.function.Supplier;
import javax.management.ObjectName;

/** The master's {@code ripple:type=ClusterReplica,name=…} MBean: one replica's row of the latest run. */
public final class ClusterReplicaBean implements ClusterReplicaMXBean {

    private final String name;
    private final String url;
    private final Supplier<Run> latest;

    /**
     * @param latest the latest run, or null when none has been requested
     */
    public ClusterReplicaBean(String name, String url, Supplier<Run> latest) {
        this.name = name;
        this.url = url;
        this.latest = latest;
    }

    /** The ObjectName of a replica's MBean, its name quoted when it holds characters an ObjectName value cannot. */
    public static String objectName(String replica) {
        boolean plain = replica.chars().noneMatch(c -> ",=:\"*?\n".indexOf(c) >= 0);
        return TYPE + ",name=" + (plain ? replica : ObjectName.quote(replica));
    }

    private Optional<Run> run() {
        return Optional.ofNullable(latest.get());
    }

    private Optional<ServerRow> row() {
        return run().flatMap(r -> r.row(name));
    }

    private boolean is(RowState state) {
        return row().map(r -> r.state() == state).orElse(false);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getUrl() {
        return url;
    }

    @Override
    public String getLastRunId() {
        return run().map(Run::runId).orElse("");
    }

    @Override
    public String getLastRunState() {
        return row().map(r -> r.state().name()).orElse(STATE_NONE);
    }

    @Override
    public boolean isLastRunRestarted() {
        return is(RowState.RESTARTED);
    }

    @Override
    public boolean isLastRunUpToDate() {
        return is(RowState.UP_TO_DATE);
    }

    @Override
    public boolean isLastRunFailed() {
        return is(RowState.FAILED);
    }

    @Override
    public boolean isLastRunTimedOut() {
        return is(RowState.TIMED_OUT);
    }

    @Override
    public boolean isLastRunSkipped() {
        return is(RowState.SKIPPED);
    }

    @Override
    public long getLastRunDurationMillis() {
        return row().map(r -> {
            if (r.requestedAt() <= 0) {
                return 0L;
            }
            long end = r.endedAt() > 0 ? r.endedAt() : System.currentTimeMillis();
            return Math.max(0, end - r.requestedAt());
        }).orElse(0L);
    }

    @Override
    public long getLastRunVersionAfter() {
        return row().map(ServerRow::versionAfter).orElse(-1L);
    }
}
