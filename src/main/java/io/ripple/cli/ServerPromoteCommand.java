package io.ripple.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple server promote [--force]}: the replica the connection points at becomes the cluster's master. */
@Command(name = "promote", description = "Replicas: become the cluster's master (term + 1) without restarting, and tell"
        + " every member to follow; refused when not up to date with the old master or with drifted files, unless --force")
final class ServerPromoteCommand extends ProbeCommand {

    @Option(names = "--force", description = "Promote even when the replica does not hold the last version it saw from"
            + " its master, or has files changed locally: what it holds becomes the cluster's configuration")
    boolean force;

    @Override
    boolean changesState() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String result = probe.promote(force);
        if (out.json()) {
            out.printJson(Map.of("server", probe.serverName(), "result", result));
        } else {
            out.line(result);
        }
        return ExitCodes.OK;
    }
}
