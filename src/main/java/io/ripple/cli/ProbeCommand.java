package io.ripple.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to one server through a {@link Probe}; {@link #masterOnly()} commands check the role first. */
abstract class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    RippleCli cli() {
        return (RippleCli) spec.root().userObject();
    }

    /** True for cluster commands: the server must be the master. */
    boolean masterOnly() {
        return false;
    }

    /** True for a command that changes a server's state: it needs a person's login, or --as-cluster-account. */
    boolean changesState() {
        return false;
    }

    @Override
    public Integer call() {
        RippleCli cli = cli();
        String name = spec.qualifiedName(" ").replaceFirst("^ripple ", "");
        Target target = cli.target(masterOnly() ? Scope.CLUSTER : Scope.SERVER, changesState() ? name : null);
        Output out = cli.output();
        try (Probe probe = Probe.open(target)) {
            if (masterOnly()) {
                probe.requireMaster();
            }
            return run(probe, out);
        }
    }

    abstract int run(Probe probe, Output out);

    /**
     * How a command that started run {@code runId} ends: with {@code await} it follows the run (exit 0 only if it
     * COMPLETED); otherwise it prints the run id (JSON) or the command that follows it.
     */
    int followOrTellHow(Probe probe, Output out, String runId, boolean await) {
        if (await) {
            return cli().follower(probe, out).follow(runId);
        }
        if (out.json()) {
            out.printJson(Map.of("runId", runId));
        } else {
            out.line("Follow it with: " + cli().followUp("cluster status --wait"));
        }
        return ExitCodes.OK;
    }
}
