package io.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.util.MessageId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple cluster status [--wait]} (also {@code cluster restart -status}): the latest run. */
@Command(name = "status", description = "Show the latest cluster restart; --wait follows it while it runs. "
        + "Exits 0 when it COMPLETED (or none was requested), 1 when it FAILED, was REVERTED, CANCELLED or INTERRUPTED, "
        + "4 while it is IN_PROGRESS (without --wait)")
final class ClusterStatusCommand extends ProbeCommand {

    @Option(names = "--wait", description = "Follow a run in progress until it ends; exit 0 only if it COMPLETED, else 1")
    boolean await;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the run's timeline as a self-contained HTML page")
    java.nio.file.Path html;

    /** Characters of the text timeline's bars: fits an 80-column terminal with the names and states beside it. */
    static final int TIMELINE_WIDTH = 50;

    @Override
    boolean masterOnly() {
        return true;
    }

    @Override
    int run(Probe probe, Output out) {
        int code = show(probe, out, await, cli());
        if (html != null) {
            writeHtml(probe, out, html);
        }
        return code;
    }

    private static void writeHtml(Probe probe, Output out, java.nio.file.Path file) {
        Timeline timeline = Timeline.of(Output.parse(probe.statusJson()));
        try {
            java.nio.file.Files.writeString(file, timeline.html());
        } catch (java.nio.file.NoSuchFileException e) {
            // the JDK's message is the path alone
            throw new CliException(ExitCodes.USAGE, MessageId.CLI_UNUSABLE_FILE, "Cannot write " + file + ": the folder "
                    + file.toAbsolutePath().getParent() + " does not exist.");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new CliException(ExitCodes.USAGE, MessageId.CLI_UNUSABLE_FILE, "Cannot write " + file + ": permission denied.");
        } catch (java.io.IOException e) {
            throw new CliException(ExitCodes.USAGE, MessageId.CLI_UNUSABLE_FILE, "Cannot write " + file + ": " + e.getMessage());
        }
        out.line("Timeline written to " + file);
    }

    static int show(Probe probe, Output out, boolean await, RippleCli cli) {
        String json = probe.statusJson();
        JsonNode status = Output.parse(json);
        String state = status.path("state").asText("");
        if (await && "IN_PROGRESS".equals(state)) {
            return cli.follower(probe, out).follow(status.path("runId").asText());
        }
        if (out.json()) {
            out.jsonText(json);
        } else {
            out.text(probe.statusText());
            Timeline timeline = Timeline.of(status);
            if (!timeline.isEmpty()) {
                out.line("");
                out.text(timeline.text(TIMELINE_WIDTH));
            }
        }
        return exitCode(state);
    }

    /**
     * The exit code for the latest run's state, so that scripts can gate on it: 0 COMPLETED or no run at all, 4 still
     * IN_PROGRESS, 1 for every other end (FAILED, REVERTED, CANCELLED, INTERRUPTED, or a state this tool does not know).
     */
    static int exitCode(String state) {
        if (state == null || state.isEmpty() || "null".equals(state) || "COMPLETED".equals(state)) {
            return ExitCodes.OK;
        }
        return "IN_PROGRESS".equals(state) ? ExitCodes.IN_PROGRESS : ExitCodes.FAILED;
    }
}
