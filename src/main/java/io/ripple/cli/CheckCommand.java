package io.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.remote.RemoteException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ripple check}: a Nagios plugin. One status line with performance data and the plugin exit codes (0 OK,
 * 1 WARNING, 2 CRITICAL, 3 UNKNOWN), which override the tool's general ones: anything that keeps it from asking the
 * master, bad usage included, is UNKNOWN.
 */
@Command(name = "check", description = "Monitoring probe with Nagios plugin exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RippleCli cli = (RippleCli) spec.root().userObject();
        Output out = cli.output();
        JsonNode health;
        Probe.Membership membership;
        try (Probe probe = Probe.open(cli.target())) {
            java.util.Optional<String> steppedDown = probe.steppedDown();
            if (steppedDown.isPresent()) {
                CheckVerdict verdict = new CheckVerdict(CheckVerdict.WARNING, "RIPPLE WARNING - " + steppedDown.get());
                print(out, verdict, null, probe.membership());
                return verdict.exitCode();
            }
            probe.requireMaster();
            health = Output.parse(probe.health());
            membership = probe.membership();
        } catch (CliException | RemoteException e) {
            return unknown(out, e.getMessage());
        }
        CheckVerdict verdict = CheckVerdict.of(health, membership.master(), membership.term());
        print(out, verdict, health, membership);
        return verdict.exitCode();
    }

    /** Reports UNKNOWN (exit 3) for a reason that kept the check from asking the master. */
    static int unknown(Output out, String reason) {
        print(out, CheckVerdict.unknown(reason), null, null);
        return CheckVerdict.UNKNOWN;
    }

    private static void print(Output out, CheckVerdict verdict, JsonNode health, Probe.Membership membership) {
        if (out.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", verdict.status());
            doc.put("exitCode", verdict.exitCode());
            doc.put("message", verdict.line());
            doc.put("master", membership == null ? null : membership.master());
            doc.put("term", membership == null ? null : membership.term());
            doc.put("health", health);
            out.printJson(doc);
        } else {
            out.line(verdict.line());
        }
    }
}
