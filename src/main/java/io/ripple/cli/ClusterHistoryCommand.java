package io.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code ripple cluster history}: the published versions, who published them and which runs applied them. */
@Command(name = "history", description = "List the published versions the master keeps, for rollback")
final class ClusterHistoryCommand extends ProbeCommand {

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        String json = probe.history();
        if (out.json()) {
            out.jsonText(json);
            return ExitCodes.OK;
        }
        out.line(String.format("%-8s %-25s %-14s %-24s %s", "VERSION", "PUBLISHED", "DIGEST", "APPLIED BY RUNS", "PUBLISHED BY"));
        for (JsonNode v : Output.parse(json)) {
            StringBuilder runs = new StringBuilder();
            v.path("appliedByRuns").forEach(r -> runs.append(runs.isEmpty() ? "" : ", ").append(r.asText()));
            out.line(String.format("%-8d %-25s %-14s %-24s %s", v.path("version").asLong(), v.path("timestamp").asText(),
                    v.path("digest").asText().substring(0, Math.min(12, v.path("digest").asText().length())),
                    runs.isEmpty() ? "-" : runs, v.path("publishedBy").asText()));
        }
        return ExitCodes.OK;
    }
}
