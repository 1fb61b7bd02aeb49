package io.ripple.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ripple server …}: the server the connection points at; with {@code --conf}, the server the file describes. */
@Command(name = "server", description = "The server the connection points at (with --conf: the server the file describes): restart, sync, info",
        subcommands = {ServerRestartCommand.class, ServerSyncCommand.class, ServerResetPinCommand.class, ServerPromoteCommand.class, ServerInfoCommand.class})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: server restart, sync or info.");
    }
}
