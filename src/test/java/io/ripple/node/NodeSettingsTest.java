package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSettingsTest {

    private static NodeSettings settings(String cluster) throws ConfigException {
        String text = "[server]\nname = master\n[cluster]\nis-master = yes\n" + cluster;
        return NodeSettings.from(Path.of("/srv/ripple/server.conf"), StanzaFile.parse(text, "server.conf"));
    }

    @Nested
    class Readiness {

        @Test
        void defaultsAreThreeProbesAndNoSoak() throws ConfigException {
            NodeSettings s = settings("");
            assertThat(s.readyChecks()).isEqualTo(NodeSettings.DEFAULT_READY_CHECKS).isEqualTo(3);
            assertThat(s.soakSeconds()).isEqualTo(NodeSettings.DEFAULT_SOAK_SECONDS).isZero();
        }

        @Test
        void bothAreRead() throws ConfigException {
            NodeSettings s = settings("ready-checks = 5\nsoak-time = 10\n");
            assertThat(s.readyChecks()).isEqualTo(5);
            assertThat(s.soakSeconds()).isEqualTo(10);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "ready-checks = 0    | Invalid ready-checks '0' at server.conf:5. Must be a whole number greater than 0.",
            "ready-checks = many | Invalid ready-checks 'many' at server.conf:5. Must be a whole number greater than 0.",
            "soak-time = -1      | Invalid soak-time '-1' at server.conf:5. Must be a whole number of seconds, 0 or more.",
            "soak-time = 2.5     | Invalid soak-time '2.5' at server.conf:5. Must be a whole number of seconds, 0 or more.",
            "soak-time = 60      | Invalid soak-time '60' at server.conf:5. Must be less than max-wait-time (60 s): the soak counts against it.",
        })
        void badValuesAreRefusedWithTheirLine(String line, String message) {
            assertThatThrownBy(() -> settings(line + "\n")).isInstanceOf(ConfigException.class).hasMessage(message);
        }
    }

    @Nested
    class SyncLimitsAndBackups {

        @Test
        void defaultsAreTenThousandFiles256MiBAndFiveBackups() throws ConfigException {
            NodeSettings s = settings("");
            assertThat(s.syncLimits()).isEqualTo(io.ripple.config.SyncLimits.DEFAULT);
            assertThat(s.syncLimits().maxFiles()).isEqualTo(10_000);
            assertThat(s.syncLimits().maxTotalBytes()).isEqualTo(256L << 20);
            assertThat(s.keepBackups()).isEqualTo(5);
            assertThat(s.startupWaitSeconds()).isEqualTo(30);
        }

        @Test
        void allAreRead() throws ConfigException {
            NodeSettings s = settings("max-sync-files = 20000\nmax-sync-mib = 1024\nkeep-backups = 2\nstartup-wait = 0\n");
            assertThat(s.syncLimits().maxFiles()).isEqualTo(20_000);
            assertThat(s.syncLimits().maxTotalBytes()).isEqualTo(1024L << 20);
            assertThat(s.keepBackups()).isEqualTo(2);
            assertThat(s.startupWaitSeconds()).isZero();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "keep-backups = 0      | Invalid keep-backups '0' at server.conf:5. Must be a whole number greater than 0.",
            "max-sync-files = lots | Invalid max-sync-files 'lots' at server.conf:5. Must be a whole number greater than 0.",
            "max-sync-mib = -3     | Invalid max-sync-mib '-3' at server.conf:5. Must be a whole number greater than 0.",
            "startup-wait = soon   | Invalid startup-wait 'soon' at server.conf:5. Must be a whole number of seconds, 0 or more.",
        })
        void badValuesAreRefusedWithTheirLine(String line, String message) {
            assertThatThrownBy(() -> settings(line + "\n")).isInstanceOf(ConfigException.class).hasMessage(message);
        }
    }

    @Nested
    class JolokiaThreads {

        /** Lines 1-4 are the master's header; {@code text} starts at line 5. */
        private NodeSettings conf(String text) throws ConfigException {
            String all = "[server]\nname = master\n[cluster]\nis-master = yes\n" + text.replace("; ", "\n") + "\n";
            return NodeSettings.from(Path.of("/srv/ripple/server.conf"), StanzaFile.parse(all, "server.conf"));
        }

        @Test
        void eightByDefault() throws ConfigException {
            assertThat(conf("[jolokia]; port = 8778; authenticate = no").jolokiaThreads())
                    .isEqualTo(io.ripple.management.JolokiaSettings.DEFAULT_THREADS).isEqualTo(8);
        }

        @Test
        void read() throws ConfigException {
            assertThat(conf("[jolokia]; port = 8778; authenticate = no; threads = 32").jolokiaThreads()).isEqualTo(32);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "threads = 0    | Invalid threads '0' at server.conf:8. Must be a whole number greater than 0.",
            "threads = many | Invalid threads 'many' at server.conf:8. Must be a whole number greater than 0.",
        })
        void badValuesAreRefusedWithTheirLine(String line, String message) {
            assertThatThrownBy(() -> conf("[jolokia]; port = 8778; authenticate = no; " + line))
                    .isInstanceOf(ConfigException.class).hasMessage(message);
        }
    }

    @Nested
    class Tls {

        /** Lines 1-4 are the master's header; {@code text} starts at line 5. */
        private NodeSettings conf(String text) throws ConfigException {
            String all = "[server]\nname = master\n[cluster]\nis-master = yes\n" + text.replace("; ", "\n") + "\n";
            return NodeSettings.from(Path.of("/srv/ripple/server.conf"), StanzaFile.parse(all, "server.conf"));
        }

        @Test
        void offByDefault() throws ConfigException {
            NodeSettings s = conf("[jmx]; port = 9010; authenticate = no; [jolokia]; port = 8778; authenticate = no");
            assertThat(s.jmx().ssl()).isFalse();
            assertThat(s.jolokia().ssl()).isFalse();
            assertThat(s.outgoingTls()).isNull();
        }

        @Test
        void storesAreResolvedBesideServerConfAndJolokiaFallsBackOnJmx() throws ConfigException {
            NodeSettings s = conf("[jmx]; ssl = yes; keystore = tls/node.p12; keystore-password-file = tls/node.pass; "
                    + "[jolokia]; ssl = yes");
            assertThat(s.jmx().tls().keystore().file()).isEqualTo(Path.of("/srv/ripple/tls/node.p12"));
            assertThat(s.jmx().tls().keystore().passwordFile()).isEqualTo(Path.of("/srv/ripple/tls/node.pass"));
            assertThat(s.jmx().tls().clientAuth()).isFalse();
            assertThat(s.jmx().tls().truststore()).isNull();
            assertThat(s.jolokia().tls().keystore()).isEqualTo(s.jmx().tls().keystore());
        }

        @Test
        void clientAuthAndOutgoingTls() throws ConfigException {
            NodeSettings s = conf("truststore = tls/cluster.p12; truststore-password-file = tls/cluster.pass; "
                    + "[jmx]; ssl = yes; client-auth = yes; keystore = tls/node.p12; keystore-password-file = tls/node.pass; "
                    + "truststore = tls/clients.p12; truststore-password-file = tls/clients.pass");
            assertThat(s.jmx().tls().clientAuth()).isTrue();
            assertThat(s.jmx().tls().truststore().file()).isEqualTo(Path.of("/srv/ripple/tls/clients.p12"));
            assertThat(s.outgoingTls().truststore().file()).isEqualTo(Path.of("/srv/ripple/tls/cluster.p12"));
            assertThat(s.outgoingTls().truststore().setting()).isEqualTo("[cluster] truststore");
            assertThat(s.outgoingTls().keystore()).as("the server's own key").isEqualTo(s.jmx().tls().keystore());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "[jmx]; ssl = maybe | Invalid ssl 'maybe' at server.conf:6. Must be 'yes' or 'no'.",
            "[jolokia]; ssl = on | Invalid ssl 'on' at server.conf:6. Must be 'yes' or 'no'.",
            "[jmx]; ssl = yes; keystore-password-file = k.pass; client-auth = perhaps"
                    + " | Invalid client-auth 'perhaps' at server.conf:8. Must be 'yes' or 'no'.",
            "[jmx]; ssl = yes | Missing [jmx] keystore in server.conf: ssl = yes needs a keystore with this server's key and certificate.",
            "[jolokia]; ssl = yes | Missing [jolokia] keystore in server.conf: ssl = yes needs a keystore with this server's key and certificate.",
            "[jmx]; ssl = yes; keystore = k.p12 | Missing [jmx] keystore-password-file in server.conf: the keystore needs a file,"
                    + " readable by its owner only, whose first line is its password.",
            "[jmx]; ssl = yes; keystore = k.p12; keystore-password = secret | Invalid [jmx] keystore-password at server.conf:8."
                    + " Passwords are never written in server.conf: put it in a file readable by its owner only and name that"
                    + " file with keystore-password-file.",
            "truststore-password = secret | Invalid [cluster] truststore-password at server.conf:5. Passwords are never written"
                    + " in server.conf: put it in a file readable by its owner only and name that file with truststore-password-file.",
            "[jmx]; client-auth = yes | Invalid client-auth 'yes' at server.conf:6. client-auth needs ssl = yes in [jmx].",
            "[jmx]; ssl = yes; keystore = k.p12; keystore-password-file = k.pass; client-auth = yes"
                    + " | Missing [jmx] truststore in server.conf: client-auth = yes needs the certificates of the clients to accept.",
            "[jmx]; ssl = yes; keystore = k.p12; keystore-password-file = k.pass; truststore-password-file = t.pass"
                    + " | Invalid truststore-password-file at server.conf:9. It needs a [jmx] truststore.",
            "truststore = t.p12 | Missing [cluster] truststore-password-file in server.conf: the truststore needs a file,"
                    + " readable by its owner only, whose first line is its password.",
            "keystore = k.p12; keystore-password-file = k.pass | Invalid keystore at server.conf:5. [cluster] keystore needs a"
                    + " [cluster] truststore.",
        })
        void badSettingsAreRefusedWithTheirLine(String text, String message) {
            assertThatThrownBy(() -> conf(text)).isInstanceOf(ConfigException.class).hasMessage(message);
        }
    }

    @Nested
    class DrainAndHealth {

        @Test
        void defaultsAreNoDrainA30SecondStopTimeoutAndNoHealthEndpoint() throws ConfigException {
            NodeSettings s = settings("");
            assertThat(s.drainSeconds()).isEqualTo(NodeSettings.DEFAULT_DRAIN_SECONDS).isZero();
            assertThat(s.stopTimeoutSeconds()).isEqualTo(NodeSettings.DEFAULT_STOP_TIMEOUT_SECONDS).isEqualTo(30);
            assertThat(s.health().enabled()).isFalse();
            assertThat(s.health().host()).isEqualTo("127.0.0.1");
        }

        @Test
        void allAreRead() throws ConfigException {
            NodeSettings s = settings("drain-time = 2\nstop-timeout = 5\nhealth-port = 8090\nhealth-host = 0.0.0.0\n");
            assertThat(s.drainSeconds()).isEqualTo(2);
            assertThat(s.stopTimeoutSeconds()).isEqualTo(5);
            assertThat(s.health().port()).isEqualTo(8090);
            assertThat(s.health().host()).isEqualTo("0.0.0.0");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "drain-time = -1     | Invalid drain-time '-1' at server.conf:5. Must be a whole number of seconds, 0 or more.",
            "drain-time = soon   | Invalid drain-time 'soon' at server.conf:5. Must be a whole number of seconds, 0 or more.",
            "drain-time = 60     | Invalid drain-time '60' at server.conf:5. Must be less than max-wait-time (60 s): the drain counts against it.",
            "stop-timeout = 0    | Invalid stop-timeout '0' at server.conf:5. Must be a whole number of seconds greater than 0.",
            "stop-timeout = 1.5  | Invalid stop-timeout '1.5' at server.conf:5. Must be a whole number of seconds greater than 0.",
            "health-port = 70000 | Invalid [cluster] health-port '70000' at server.conf:5. Must be a port number from 0 (no endpoint) to 65535.",
        })
        void badValuesAreRefusedWithTheirLine(String line, String message) {
            assertThatThrownBy(() -> settings(line + "\n")).isInstanceOf(ConfigException.class).hasMessage(message);
        }

        @Test
        void theHealthPortMayNotBeTheJmxPort() {
            assertThatThrownBy(() -> settings("health-port = 9010\n[jmx]\nport = 9010\nauthenticate = no\n"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid health-port '9010' at server.conf:5. It is the port of [jmx] too; each endpoint needs its own port.");
        }
    }

    /** {@code [jmx]} and {@code [jolokia]}: authenticated, or anonymous because the stanza says so, on loopback only. */
    @Nested
    class Channels {

        /** Lines 1-4 are the master's header; {@code text} starts at line 5, "; " separates its lines. */
        private NodeSettings conf(String text) throws ConfigException {
            String all = "[server]\nname = master\n[cluster]\nis-master = yes\n" + text.replace("; ", "\n") + "\n";
            return NodeSettings.from(Path.of("/srv/ripple/server.conf"), StanzaFile.parse(all, "server.conf"));
        }

        @Test
        void anAuthenticatedChannelHasItsFilesAndJolokiaSharesJmxs() throws ConfigException {
            NodeSettings s = conf("[jmx]; port = 9010; password-file = p; access-file = a; [jolokia]; port = 8778");
            assertThat(s.jmx().passwordFile()).isEqualTo(Path.of("/srv/ripple/p"));
            assertThat(s.jmx().accessFile()).isEqualTo(Path.of("/srv/ripple/a"));
            assertThat(s.jolokia().passwordFile()).isEqualTo(s.jmx().passwordFile());
            assertThat(s.jolokia().accessFile()).isEqualTo(s.jmx().accessFile());
        }

        @Test
        void jolokiaMayNameItsOwnFiles() throws ConfigException {
            NodeSettings s = conf("[jmx]; port = 9010; password-file = p; access-file = a; "
                    + "[jolokia]; port = 8778; password-file = jp; access-file = ja");
            assertThat(s.jolokia().passwordFile()).isEqualTo(Path.of("/srv/ripple/jp"));
            assertThat(s.jolokia().accessFile()).isEqualTo(Path.of("/srv/ripple/ja"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "[jmx]; port = 9010; authenticate = no",
            "[jmx]; host = localhost; port = 9010; authenticate = no",
            "[jmx]; host = ::1; port = 9010; authenticate = no",
            "[jmx]; host = 127.0.0.2; port = 9010; authenticate = no",
            "[jolokia]; port = 8778; authenticate = no",
            "[jmx]; port = 9010; authenticate = no; [jolokia]; port = 8778; authenticate = no",
        })
        void authenticateNoOnLoopbackIsAnonymous(String text) throws ConfigException {
            NodeSettings s = conf(text);
            for (NodeSettings.Endpoint e : java.util.List.of(s.jmx(), s.jolokia())) {
                if (e.enabled()) {
                    assertThat(e.passwordFile()).as("anonymous on purpose").isNull();
                }
            }
        }

        @Test
        void aChannelWithoutAPortNeedsNothing() throws ConfigException {
            NodeSettings s = conf("[jmx]; host = 0.0.0.0");
            assertThat(s.jmx().enabled()).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "[jmx]; port = 9010 | Missing [jmx] password-file in server.conf: set it, or authenticate = no for anonymous"
                    + " access on loopback only.",
            "[jmx]; port = 9010; password-file = | Missing [jmx] password-file in server.conf: set it, or authenticate = no"
                    + " for anonymous access on loopback only.",
            "[jmx]; port = 9010; authenticate = yes; access-file = a | Missing [jmx] password-file in server.conf: set it,"
                    + " or authenticate = no for anonymous access on loopback only.",
            "[jolokia]; port = 8778 | Missing [jolokia] password-file in server.conf: set it, or authenticate = no for"
                    + " anonymous access on loopback only.",
            "[jmx]; port = 9010; authenticate = no; [jolokia]; port = 8778 | Missing [jolokia] password-file in server.conf:"
                    + " set it, or authenticate = no for anonymous access on loopback only.",
            "[jmx]; port = 9010; password-file = p | Missing [jmx] access-file in server.conf: an authenticated channel"
                    + " gives each user the role its access file grants (readonly or readwrite); set it.",
            "[jmx]; password-file = p; [jolokia]; port = 8778 | Missing [jolokia] access-file in server.conf: an"
                    + " authenticated channel gives each user the role its access file grants (readonly or readwrite); set it.",
            "[jmx]; port = 9010; authenticate = no; password-file = p | Invalid authenticate 'no' at server.conf:7. [jmx] has"
                    + " a password-file too: remove one of them.",
            "[jolokia]; port = 8778; password-file = p; authenticate = no | Invalid authenticate 'no' at server.conf:8."
                    + " [jolokia] has a password-file too: remove one of them.",
            "[jmx]; host = 0.0.0.0; port = 9010; authenticate = no | Invalid authenticate 'no' at server.conf:8. Anonymous"
                    + " access is allowed on loopback only, and [jmx] host is 0.0.0.0: set a password-file, or a loopback host.",
            "[jolokia]; host = 192.0.2.7; port = 8778; authenticate = no | Invalid authenticate 'no' at server.conf:8."
                    + " Anonymous access is allowed on loopback only, and [jolokia] host is 192.0.2.7: set a password-file,"
                    + " or a loopback host.",
            "[jmx]; port = 9010; authenticate = off | Invalid authenticate 'off' at server.conf:7. Must be 'yes' or 'no'.",
            "[jmx]; port = 9010; authenticate = no; authenticate = no | Repeated key 'authenticate' in [jmx] at"
                    + " server.conf:8: it takes one value, and line 7 gives it already. Keep one of them.",
            "[jmx]; port = 9010; pasword-file = p; access-file = a | Unknown key 'pasword-file' in [jmx] at server.conf:7."
                    + " Did you mean 'password-file'?",
        })
        void refusals(String text, String message) {
            assertThatThrownBy(() -> conf(text)).isInstanceOf(ConfigException.class).hasMessage(message);
        }
    }

    /** A port no client can connect to is a typo in server.conf, found at start with its line, not at the first call. */
    @Nested
    class Urls {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "replica = r1 http://127.0.0.1:99999/jolokia/ | Invalid URL 'http://127.0.0.1:99999/jolokia/' at server.conf:5."
                    + " Port 99999 is not between 1 and 65535.",
            "replica = r1 service:jmx:rmi:///jndi/rmi://127.0.0.1:70000/jmxrmi | Invalid URL"
                    + " 'service:jmx:rmi:///jndi/rmi://127.0.0.1:70000/jmxrmi' at server.conf:5. Port 70000 is not between 1 and 65535.",
        })
        void aPortOutOfRangeIsRefusedWithItsLine(String line, String message) {
            assertThatThrownBy(() -> settings(line + "\n")).isInstanceOf(ConfigException.class).hasMessage(message);
        }

        @Test
        void aReplicasMasterUrlWithAPortOutOfRangeIsRefusedWithItsLine() {
            String text = "[server]\nname = r1\n[cluster]\nmaster-name = m\nmaster-url = http://[::1]:123456/jolokia/\n";
            assertThatThrownBy(() -> NodeSettings.from(Path.of("/srv/ripple/server.conf"), StanzaFile.parse(text, "server.conf")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid URL 'http://[::1]:123456/jolokia/' at server.conf:5. Port 123456 is not between 1 and 65535.");
        }

        @Test
        void portsInRangeAreTaken() throws ConfigException {
            assertThat(settings("replica = r1 http://127.0.0.1:65535/jolokia/\n"
                    + "replica = r2 service:jmx:rmi://127.0.0.1:0/jndi/rmi://[::1]:9011/jmxrmi\n").master()).isTrue();
        }
    }
}
