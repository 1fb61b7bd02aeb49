package io.ripple.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ripple server sync}: pulls the master's configuration now, without restarting. */
@Command(name = "sync", description = "Pull the master's configuration now, without restarting")
final class ServerSyncCommand extends ProbeCommand {

    @Override
    boolean changesState() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String result = probe.syncServer();
        if (out.json()) {
            out.printJson(Map.of("server", probe.serverName(), "result", result));
        } else {
            out.line(result);
        }
        return ExitCodes.OK;
    }
}
