package io.ripple.cli;

import io.ripple.remote.RemoteException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ripple cluster restart [-ripple] [--wait]} starts a run; {@code cluster restart -status} shows the latest one.
 * With {@code --wait} while a run is in progress it follows that run instead of failing.
 */
@Command(name = "restart", description = "Start a cluster restart (all replicas at once, or one at a time with -ripple)")
final class ClusterRestartCommand extends ProbeCommand {

    private static final Pattern IN_PROGRESS = Pattern.compile("restart already in progress: run (\\S+)");

    @Option(names = {"-ripple", "--ripple"}, description = "Restart one server at a time, each after the one before it finished")
    boolean ripple;

    @Option(names = {"-status", "--status"}, description = "Show the latest run instead (as 'cluster status')")
    boolean status;

    @Option(names = "--wait", description = "Follow the run until it ends; exit 0 only if it COMPLETED")
    boolean await;

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    public Integer call() {
        if (ripple && status) {
            throw new ParameterException(spec.commandLine(),
                    "-ripple and -status cannot be used together: -ripple starts a run one server at a time, "
                            + "-status shows the latest run.");
        }
        return super.call();
    }

    @Override
    int run(Probe probe, Output out) {
        if (status) {
            return ClusterStatusCommand.show(probe, out, await, cli().interactive());
        }
        String runId;
        try {
            runId = probe.startRestart(ripple);
            out.line("Cluster restart started: run " + runId + " (" + (ripple ? "ripple" : "parallel") + ").");
        } catch (RemoteException e) {
            String running = runningRunId(e);
            if (!await || running == null) {
                throw e;
            }
            runId = running;
            out.note("A cluster restart is already in progress: following run " + runId + " instead of starting another.");
        }
        if (!await) {
            if (out.json()) {
                out.printJson(java.util.Map.of("runId", runId));
            } else {
                out.line("Follow it with: ripple cluster status --wait");
            }
            return ExitCodes.OK;
        }
        return new RunFollower(probe, out, cli().interactive()).follow(runId);
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
