package io.ripple.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ripple cluster preview}: which servers are stale and would restart; changes nothing. */
@Command(name = "preview", description = "Show which servers a cluster restart would sync and restart; changes nothing")
final class ClusterPreviewCommand extends ProbeCommand {

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String preview = probe.preview();
        if (out.json()) {
            out.printJson(Map.of("preview", preview, "lines", preview.lines().toList()));
        } else {
            out.text(preview);
        }
        return ExitCodes.OK;
    }
}
