package io.ripple.cli;

import io.ripple.config.ClosestName;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One line for a word picocli could not place: {@code Unknown command 'restrat'. Did you mean 'restart'?}, or the
 * same for an option; the closest known name comes from {@link ClosestName}.
 */
final class UnknownArgument {

    private UnknownArgument() {
    }

    /** The line for {@code e}, or null when it is not an unknown command or option (picocli's message then stands). */
    static String describe(UnmatchedArgumentException e) {
        List<String> unmatched = e.getUnmatched();
        if (unmatched.isEmpty()) {
            return null;
        }
        String word = unmatched.get(0);
        CommandLine command = e.getCommandLine();
        if (word.startsWith("-")) {
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            List<String> known = new ArrayList<>();
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (!option.hidden()) {
                    known.addAll(List.of(option.names()));
                }
            }
            return withSuggestion("Unknown option '" + name + "'.", name, known);
        }
        if (command.getSubcommands().isEmpty()) {
            return null;
        }
        return withSuggestion("Unknown command '" + word + "'.", word, new ArrayList<>(command.getSubcommands().keySet()));
    }

    private static String withSuggestion(String line, String word, List<String> known) {
        return ClosestName.among(word, known).map(name -> line + " Did you mean '" + name + "'?").orElse(line);
    }
}
