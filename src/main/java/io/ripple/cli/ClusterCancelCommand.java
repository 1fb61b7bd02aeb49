package io.ripple.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ripple cluster cancel}: lets the servers already asked finish, asks no more; the run ends CANCELLED. */
@Command(name = "cancel", description = "Cancel the running cluster restart: servers already asked finish, no more are asked")
final class ClusterCancelCommand extends ProbeCommand {

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
        String result = probe.cancel();
        if (out.json()) {
            out.printJson(Map.of("result", result));
        } else {
            out.line(result);
        }
        return ExitCodes.OK;
    }
}
