package io.ripple.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple cluster rollback VERSION [--wait]}: that version's content again, as a new version, one server at a time. */
@Command(name = "rollback", description = "Publish an earlier version's content as a new version and restart the cluster with it (ripple)")
final class ClusterRollbackCommand extends ProbeCommand {

    @Parameters(paramLabel = "VERSION", description = "The published version to go back to (see cluster history)")
    long version;

    @Option(names = "--wait", description = "Follow the run until it ends; exit 0 only if it COMPLETED")
    boolean await;

    @Override
    boolean changesState() {
        return true;
    }

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String runId = probe.rollback(version);
        out.line("Rollback to version " + version + " started: run " + runId + " (ripple).");
        return followOrTellHow(probe, out, runId, await);
    }
}
