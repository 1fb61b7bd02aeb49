package io.ripple.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help's option lists: {@code ripple --help} shows the connection options once, under their own heading; every
 * command's help shows its own options and points there, instead of repeating the ten options it inherits.
 */
final class ConnectionHelp {

    static final String HEADING = "Connection options:";
    static final String POINTER = "Connection options (--jmx, --jolokia, --conf, --user, --password-file, ...):%n"
            + "  see 'ripple --help'.%n";
    /** Whole lines at the end of the top-level help, short enough that no URL is wrapped in the middle. */
    static final String EXAMPLES = "%nExamples:%n"
            + "  ripple --jmx 127.0.0.1:9010 --user alice --password-file pw cluster status%n"
            + "  ripple --jmx service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi ...%n"
            + "  ripple --jolokia http://127.0.0.1:8778/jolokia/ ...%n"
            + "  ripple --conf /opt/ripple/server.conf cluster status%n";

    private ConnectionHelp() {
    }

    /** Installs the option lists on {@code root} and all its commands; {@code connection} names the shared options. */
    static void install(CommandLine root, List<OptionSpec> connection) {
        Set<String> names = connection.stream().map(OptionSpec::longestName).collect(Collectors.toSet());
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> own(help, names) + "%n".formatted() + HEADING + "%n".formatted()
                        + help.optionListExcludingGroups(select(help, names, true)));
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> EXAMPLES.formatted());
        for (CommandLine sub : root.getSubcommands().values()) {
            installOnCommand(sub, names);
        }
    }

    private static void installOnCommand(CommandLine command, Set<String> names) {
        command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> own(help, names) + POINTER.formatted());
        // the synopsis would list the inherited options again
        command.getCommandSpec().usageMessage().abbreviateSynopsis(true);
        for (CommandLine sub : command.getSubcommands().values()) {
            installOnCommand(sub, names);
        }
    }

    private static String own(Help help, Set<String> names) {
        return help.optionListExcludingGroups(select(help, names, false));
    }

    private static List<OptionSpec> select(Help help, Set<String> names, boolean connection) {
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec option : help.commandSpec().options()) {
            if (!option.hidden() && names.contains(option.longestName()) == connection) {
                options.add(option);
            }
        }
        return options;
    }
}
