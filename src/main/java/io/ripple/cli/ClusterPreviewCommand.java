package io.ripple.cli;

import io.ripple.ClusterMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple cluster preview}: which servers are stale and would restart; changes nothing. */
@Command(name = "preview", description = "Show which servers a cluster restart would sync and restart; changes nothing. "
        + "Exits 1 when the run would be refused (\"would not run: reason\")")
final class ClusterPreviewCommand extends ProbeCommand {

    @Option(names = {"-batch", "--batch"}, paramLabel = "N", description = "Preview a plan restarting N replicas at a time")
    Integer batch;

    @Option(names = {"-min-ready", "--min-ready"}, paramLabel = "N", description = "Preview a plan keeping N replicas Ready")
    Integer minReady;

    @Option(names = {"-ripple", "--ripple"}, description = "Preview a ripple run (batches of one)")
    boolean ripple;

    @Override
    public Integer call() {
        ClusterRestartCommand.notNegative(spec, batch, "--batch");
        ClusterRestartCommand.notNegative(spec, minReady, "--min-ready");
        return super.call();
    }

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String preview = batch == null && minReady == null && !ripple ? probe.preview()
                : probe.previewPlan(batch != null ? batch : ripple ? 1 : 0, 0, minReady == null ? 0 : minReady, ripple ? 1 : 0, false);
        String refusal = preview.lines().filter(line -> line.startsWith(ClusterMXBean.PREVIEW_WOULD_NOT_RUN))
                .map(line -> line.substring(ClusterMXBean.PREVIEW_WOULD_NOT_RUN.length())).findFirst().orElse(null);
        if (out.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("preview", preview);
            json.put("lines", preview.lines().toList());
            json.put("wouldRun", refusal == null);
            if (refusal != null) {
                json.put("reason", refusal);
            }
            out.printJson(json);
        } else {
            out.text(preview);
        }
        // a refused run is a failed operation: scripts gate on the exit code
        return refusal == null ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
