package io.ripple.cli;

import io.ripple.management.JvmGlobals;
import io.ripple.remote.RemoteException;
import io.ripple.util.MessageId;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code bin/ripple}: the administration tool. {@link #main} exits with the code of {@link #execute}, which tests call
 * in-process with their own stdout and stderr. Every failure is one line and an exit code, never a stack trace.
 */
@Command(name = "ripple", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, usageHelpAutoWidth = true,
        version = "ripple 0.1.0",
        description = "Administers a Ripple cluster (WebSEAL-style cluster restart) over JMX RMI or Jolokia.",
        subcommands = {ClusterCommand.class, ServerCommand.class, CheckCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the operation failed (status: the latest run did not complete)", "2:bad usage or input",
                "3:cannot connect or not allowed (check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)",
                "4:status: the latest run is still in progress"})
public final class RippleCli implements Callable<Integer> {


    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of text")
    boolean json;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean interactive;
    private final Map<String, String> environment;

    private RippleCli(PrintWriter out, PrintWriter err, boolean terminal, boolean interactive, Map<String, String> environment) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        JvmGlobals.launcherOwnsJvm();
        // Warnings only, on stderr, so that stdout stays the command's output (and valid JSON with --json).
        if (System.getProperty("ripple.log.level") == null) {
            System.setProperty("ripple.log.level", "WARN");
        }
        System.setProperty("ripple.log.target", "stderr");
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        int code = new RippleCli(out, err, isTerminal(), true, System.getenv()).run(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. Never calls System.exit. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, System.getenv(), args);
    }

    /**
     * As {@link #execute(PrintWriter, PrintWriter, String...)}, with {@code environment} in place of the process's
     * (where {@code RIPPLE_USER} and {@code RIPPLE_PASSWORD_FILE} are read).
     */
    public static int execute(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        return new RippleCli(out, err, false, false, environment).run(args);
    }

    private int run(String[] args) {
        CommandLine cmd = new CommandLine(this);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler(this::usageError);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine));
        ConnectionHelp.install(cmd, cmd.getCommandSpec().mixins().get("connection").options());
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Bare {@code ripple}: the usage, and exit code 2. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: cluster, server or check.");
    }

    Output output() {
        return new Output(out, err, json, terminal);
    }

    /** The target of a read-only cluster command. */
    Target target() {
        return target(Scope.CLUSTER, null);
    }

    /** @param stateChange the command's name when it changes state, else null */
    Target target(Scope scope, String stateChange) {
        connection.environment = environment;
        return connection.resolve(scope, stateChange);
    }

    /** A follower of a run, with the command line that follows it again after Ctrl-C. */
    RunFollower follower(Probe probe, Output out) {
        return new RunFollower(probe, out, interactive, followUp("cluster status --wait"));
    }

    /** {@code command} as a command line to paste: ripple, this invocation's connection options, then the command. */
    String followUp(String command) {
        return FollowUp.command(connection, command);
    }

    /** Whether a Ctrl-C handler may be installed (a real process, not a test calling {@link #execute}). */
    boolean interactive() {
        return interactive;
    }

    private int usageError(ParameterException e, String[] args) {
        boolean jsonWanted = json || Arrays.asList(args).contains("--json");
        Output o = new Output(out, err, jsonWanted, false);
        if (e.getCommandLine().getCommand() instanceof CheckCommand) {
            return CheckCommand.unknown(o, e.getMessage());
        }
        String message = e instanceof UnmatchedArgumentException u && UnknownArgument.describe(u) != null
                ? UnknownArgument.describe(u) : e.getMessage();
        o.error(MessageId.CLI_BAD_USAGE, message, ExitCodes.USAGE);
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    private int failure(Exception e, CommandLine commandLine) {
        Output o = output();
        int code;
        String message;
        MessageId id;
        if (e instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
            id = c.id();
        } else if (e instanceof RemoteException r) {
            code = exitCode(r);
            message = r.getMessage();
            id = messageId(r);
        } else if (e instanceof ParameterException p) {
            return usageError(p, new String[0]);
        } else {
            code = ExitCodes.FAILED;
            id = MessageId.CLI_UNEXPECTED;
            message = "Unexpected error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        o.error(id, CliWording.of(message), code);
        return code;
    }

    /** The exit code of a remote failure: 3 when the server cannot be reached or refuses us, 1 when the call failed. */
    static int exitCode(RemoteException e) {
        return switch (e.kind()) {
            case CANNOT_CONNECT, TIMEOUT, AUTHENTICATION_FAILED, NOT_ALLOWED -> ExitCodes.CANNOT_CONNECT;
            case REMOTE_ERROR -> ExitCodes.FAILED;
        };
    }

    /** The stable ID of a remote failure, by its kind. */
    static MessageId messageId(RemoteException e) {
        return switch (e.kind()) {
            case CANNOT_CONNECT -> MessageId.CLI_CANNOT_CONNECT;
            case TIMEOUT -> MessageId.CLI_TIMEOUT;
            case AUTHENTICATION_FAILED -> MessageId.CLI_AUTHENTICATION_FAILED;
            case NOT_ALLOWED -> MessageId.CLI_NOT_ALLOWED;
            case REMOTE_ERROR -> MessageId.CLI_REMOTE_ERROR;
        };
    }

    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // Java 22+: System.console() is not null when redirected; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
