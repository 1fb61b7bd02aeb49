package io.ripple.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ripple cluster …}: the cluster restart, on the master. */
@Command(name = "cluster", description = "Cluster restart on the master: restart, status, preview, cancel, rollback, history;"
        + " members on any server",
        subcommands = {ClusterRestartCommand.class, ClusterStatusCommand.class, ClusterPreviewCommand.class,
                ClusterCancelCommand.class, ClusterRollbackCommand.class, ClusterHistoryCommand.class,
                ClusterMembersCommand.class})
final class ClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: cluster restart, status, preview, cancel, rollback, history or members.");
    }

}
