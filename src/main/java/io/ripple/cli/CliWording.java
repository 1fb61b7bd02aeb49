package io.ripple.cli;

/**
 * A server's message as the command line shows it: a server names its MBean operations ({@code history()}), which a
 * JMX console shows; the command line names its own commands instead.
 */
final class CliWording {

    private CliWording() {
    }

    /** {@code message} with the MBean operations it names replaced by the commands that do the same; null stays null. */
    static String of(String message) {
        return message == null ? null : message.replace("(see history())", "(see ripple cluster history)");
    }
}
