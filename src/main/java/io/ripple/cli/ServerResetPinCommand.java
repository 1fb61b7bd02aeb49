package io.ripple.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ripple server reset-pin}: a replica forgets the master and cluster it pinned, on purpose. */
@Command(name = "reset-pin", description = "Replicas: forget the master and cluster id pinned at the first sync;"
        + " the next sync pins the master that master-url reaches then")
final class ServerResetPinCommand extends ProbeCommand {

    @Override
    boolean changesState() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String result = probe.resetClusterPin();
        if (out.json()) {
            out.printJson(Map.of("server", probe.serverName(), "result", result));
        } else {
            out.line(result);
        }
        return ExitCodes.OK;
    }
}
