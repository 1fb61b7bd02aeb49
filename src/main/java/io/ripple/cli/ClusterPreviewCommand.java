package io.ripple.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple cluster preview}: which servers are stale and would restart; changes nothing. */
@Command(name = "preview", description = "Show which servers a cluster restart would sync and restart; changes nothing")
final class ClusterPreviewCommand extends ProbeCommand {

    @Option(names = {"-batch", "--batch"}, paramLabel = "N", description = "Preview a plan restarting N replicas at a time")
    Integer batch;

    @Option(names = {"-min-ready", "--min-ready"}, paramLabel = "N", description = "Preview a plan keeping N replicas Ready")
    Integer minReady;

    @Option(names = {"-ripple", "--ripple"}, description = "Preview a ripple run (batches of one)")
    boolean ripple;

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String preview = batch == null && minReady == null && !ripple ? probe.preview()
                : probe.previewPlan(batch != null ? batch : ripple ? 1 : 0, 0, minReady == null ? 0 : minReady, ripple ? 1 : 0, false);
        if (out.json()) {
            out.printJson(Map.of("preview", preview, "lines", preview.lines().toList()));
        } else {
            out.text(preview);
        }
        return ExitCodes.OK;
    }
}
