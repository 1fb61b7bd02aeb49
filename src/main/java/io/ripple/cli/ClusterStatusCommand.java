package io.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple cluster status [--wait]} (also {@code cluster restart -status}): the latest run. */
@Command(name = "status", description = "Show the latest cluster restart; --wait follows it while it runs")
final class ClusterStatusCommand extends ProbeCommand {

    @Option(names = "--wait", description = "Follow a run in progress until it ends; exit 0 only if it COMPLETED")
    boolean await;

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        return show(probe, out, await, cli().interactive());
    }

    static int show(Probe probe, Output out, boolean await, boolean interactive) {
        String json = probe.statusJson();
        JsonNode status = Output.parse(json);
        String state = status.path("state").asText("");
        if (await && "IN_PROGRESS".equals(state)) {
            return new RunFollower(probe, out, interactive).follow(status.path("runId").asText());
        }
        if (out.json()) {
            out.jsonText(json);
        } else {
            out.text(probe.statusText());
        }
        if (await && !state.isEmpty() && !"null".equals(state)) {
            return "COMPLETED".equals(state) ? ExitCodes.OK : ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
