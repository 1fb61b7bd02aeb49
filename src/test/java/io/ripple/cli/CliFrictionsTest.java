package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #18 item 7: the command line's small frictions, without a server. */
class CliFrictionsTest {

    private static final String JMX = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi";

    @Test
    void aMisspeltCommandSuggestsTheClosestOne() {
        CliRun run = CliRun.of("--jmx", JMX, "cluster", "restrat");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("ripple: RPL5001E Unknown command 'restrat'. Did you mean 'restart'?");
        assertThat(run.err().lines().filter(l -> l.contains("restrat"))).hasSize(1);
        assertThat(run.all()).doesNotContain("Exception");
    }

    @Test
    void aMisspeltOptionSuggestsTheClosestOne() {
        CliRun run = CliRun.of("--jmx", JMX, "cluster", "status", "--wiat");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("ripple: RPL5001E Unknown option '--wiat'. Did you mean '--wait'?");
    }

    @Test
    void aCommandTooFarFromAnyIsUnknownWithoutASuggestion() {
        CliRun run = CliRun.of("--jmx", JMX, "cluster", "frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("ripple: RPL5001E Unknown command 'frobnicate'.").doesNotContain("Did you mean");
    }

    @Test
    void aMisspeltTopLevelCommandSuggestsToo() {
        CliRun run = CliRun.of("clustr", "status");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("ripple: RPL5001E Unknown command 'clustr'. Did you mean 'cluster'?");
    }

    @Test
    void theHelpKeepsEveryExampleUrlOnOneLine() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(JMX).contains("http://127.0.0.1:8778/jolokia/");
        assertThat(run.out().lines()).allMatch(line -> line.length() <= 80);
    }

    @Test
    void theTopLevelHelpGroupsTheConnectionOptionsUnderOneHeading() {
        String help = CliRun.of("--help").out();
        assertThat(help).contains("Connection options:");
        int heading = help.indexOf("Connection options:");
        assertThat(help.indexOf("      --truststore-password-file")).isGreaterThan(heading);
        assertThat(help.indexOf("      --jmx")).isGreaterThan(heading);
    }

    @Test
    void aCommandsHelpPointsToTheConnectionOptionsInsteadOfRepeatingThem() {
        CliRun run = CliRun.of("cluster", "restart", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("-ripple").contains("--wait")
                .doesNotContain("--truststore-password-file").doesNotContain("--keystore")
                .contains("Connection options (--jmx, --jolokia, --conf, --user, --password-file, ...):")
                .contains("see 'ripple --help'.");
        assertThat(run.out().lines()).allMatch(line -> line.length() <= 80);
    }

    @Test
    void theFollowUpCommandRepeatsTheConnectionOptionsButNeverAPassword() {
        ConnectionOptions options = new ConnectionOptions();
        options.jmx = "127.0.0.1:9010";
        options.user = "alice";
        options.passwordFile = Path.of("/home/alice/ripple pw");
        options.truststore = Path.of("/etc/ripple/trust.p12");
        options.truststorePasswordFile = Path.of("/etc/ripple/trust.pw");
        assertThat(options.arguments()).containsExactly("--jmx", "127.0.0.1:9010", "--user", "alice",
                "--password-file", "/home/alice/ripple pw", "--truststore", "/etc/ripple/trust.p12",
                "--truststore-password-file", "/etc/ripple/trust.pw");
        assertThat(FollowUp.command(options, "cluster status --wait")).isEqualTo("ripple --jmx 127.0.0.1:9010 --user alice"
                + " --password-file '/home/alice/ripple pw' --truststore /etc/ripple/trust.p12"
                + " --truststore-password-file /etc/ripple/trust.pw cluster status --wait");
    }

    @Test
    void theFollowUpCommandOfAServerConfKeepsItsClusterAccountFlag() {
        ConnectionOptions options = new ConnectionOptions();
        options.conf = Path.of("/opt/ripple/server.conf");
        options.asClusterAccount = true;
        assertThat(options.arguments()).isEqualTo(List.of("--conf", "/opt/ripple/server.conf", "--as-cluster-account"));
    }

    @Test
    void theRollbackRefusalNamesTheCliCommandNotTheMBeanOperation() {
        String server = "service:jmx:rmi:///jndi/rmi://h:1/jmxrmi: Version 3 is not published any more: the master keeps"
                + " the last 20 (see history()).";
        assertThat(CliWording.of(server)).isEqualTo("service:jmx:rmi:///jndi/rmi://h:1/jmxrmi: Version 3 is not published"
                + " any more: the master keeps the last 20 (see ripple cluster history).");
        assertThat(CliWording.of(null)).isNull();
    }
}
