package io.ripple.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ripple server restart}: restarts the server the connection points at, unconditionally. */
@Command(name = "restart", description = "Restart this server now, unconditionally (returns at once)")
final class ServerRestartCommand extends ProbeCommand {

    @Override
    boolean changesState() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String result = probe.restartServer();
        if (out.json()) {
            out.printJson(Map.of("server", probe.serverName(), "result", result));
        } else {
            out.line(result);
        }
        return ExitCodes.OK;
    }
}
