package io.ripple.cli;

import io.ripple.remote.RemoteException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ripple cluster restart [-ripple] [--wait]} starts a run; {@code cluster restart -status} shows the latest one.
 * With {@code --wait} while a run is in progress it follows that run instead of failing.
 */
@Command(name = "restart", description = "Start a cluster restart (all replicas at once, or one at a time with -ripple)")
final class ClusterRestartCommand extends ProbeCommand {

    private static final Pattern IN_PROGRESS = Pattern.compile("already in progress: run (\\S+)\\.(\\s|$)");

    @Option(names = {"-ripple", "--ripple"}, description = "Restart one server at a time, each after the one before it finished")
    boolean ripple;

    @Option(names = {"-status", "--status"}, description = "Show the latest run instead (as 'cluster status')")
    boolean status;

    @Option(names = "--wait", description = "Follow the run until it ends; exit 0 only if it COMPLETED")
    boolean await;

    @Option(names = {"-batch", "--batch"}, paramLabel = "N", description = "Restart N replicas at a time (1 is -ripple)")
    Integer batch;

    @Option(names = {"-pause", "--pause"}, paramLabel = "SECONDS", description = "Wait this long between batches")
    Integer pause;

    @Option(names = {"-min-ready", "--min-ready"}, paramLabel = "N", description = "Keep at least N replicas Ready while others restart")
    Integer minReady;

    @Option(names = {"-max-failures", "--max-failures"}, paramLabel = "N", description = "Stop the run after N failed replicas")
    Integer maxFailures;

    @Option(names = {"-auto-revert", "--auto-revert"}, description = "When failures stop the run, put the replicas it moved back")
    boolean autoRevert;

    private boolean planned() {
        return batch != null || pause != null || minReady != null || maxFailures != null || autoRevert;
    }

    @Override
    boolean changesState() {
        return !status;
    }

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    public Integer call() {
        if (status && planned()) {
            throw new ParameterException(spec.commandLine(),
                    "-status shows the latest run; it cannot be used with -batch, -pause, -min-ready, -max-failures or -auto-revert.");
        }
        if (ripple && status) {
            throw new ParameterException(spec.commandLine(),
                    "-ripple and -status cannot be used together: -ripple starts a run one server at a time, "
                            + "-status shows the latest run.");
        }
        notNegative(spec, batch, "--batch");
        notNegative(spec, pause, "--pause");
        notNegative(spec, minReady, "--min-ready");
        notNegative(spec, maxFailures, "--max-failures");
        return super.call();
    }

    /** The master refuses it too, but only after a connection, as a failed operation (exit 1) instead of bad input. */
    static void notNegative(CommandSpec spec, Integer value, String option) {
        if (value != null && value < 0) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': " + value + " must be 0 or more.");
        }
    }

    @Override
    int run(Probe probe, Output out) {
        if (status) {
            return ClusterStatusCommand.show(probe, out, await, cli());
        }
        String runId;
        try {
            if (planned()) {
                int size = batch != null ? batch : ripple ? 1 : 0;
                int failures = maxFailures != null ? maxFailures : ripple ? 1 : 0;
                runId = probe.startPlan(size, pause == null ? 0 : pause, minReady == null ? 0 : minReady, failures, autoRevert);
                out.line("Cluster restart started: run " + runId + " (batch " + (size == 0 ? "all" : size) + ").");
            } else {
                runId = probe.startRestart(ripple);
                out.line("Cluster restart started: run " + runId + " (" + (ripple ? "ripple" : "parallel") + ").");
            }
        } catch (RemoteException e) {
            String running = runningRunId(e);
            if (!await || running == null) {
                throw e;
            }
            runId = running;
            out.note("A cluster restart is already in progress: following run " + runId + " instead of starting another.");
        }
        return followOrTellHow(probe, out, runId, await);
    }

    /** The run id of a refusal because a run is in progress, or null for any other failure. */
    static String runningRunId(RemoteException e) {
        if (e.kind() != RemoteException.Kind.REMOTE_ERROR || e.getMessage() == null) {
            return null;
        }
        Matcher m = IN_PROGRESS.matcher(e.getMessage());
        return m.find() ? m.group(1) : null;
    }
}
