package io.ripple.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command line the person can paste to go on, e.g. {@code ripple --jmx 127.0.0.1:9010 --user alice --password-file
 * pw cluster status --wait}: the connection options of this invocation (a password file's path, never a password),
 * quoted for a POSIX shell where needed.
 */
final class FollowUp {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./\\[\\]-]+");

    private FollowUp() {
    }

    /** {@code ripple}, the connection options of {@code options}, then {@code command} as given. */
    static String command(ConnectionOptions options, String command) {
        List<String> words = new ArrayList<>();
        words.add("ripple");
        for (String argument : options.arguments()) {
            words.add(quote(argument));
        }
        words.add(command);
        return String.join(" ", words);
    }

    private static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
