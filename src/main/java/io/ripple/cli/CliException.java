package io.ripple.cli;

import io.ripple.util.MessageId;

/** A failure the command line reports as one line and an exit code, never as a stack trace. */
final class CliException extends RuntimeException {

    private final int exitCode;
    private final MessageId id;

    CliException(int exitCode, MessageId id, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.id = id;
    }

    static CliException usage(MessageId id, String message) {
        return new CliException(ExitCodes.USAGE, id, message);
    }

    /** The message's stable ID (docs/MESSAGES.md), printed in front of it. */
    MessageId id() {
        return id;
    }

    int exitCode() {
        return exitCode;
    }
}
