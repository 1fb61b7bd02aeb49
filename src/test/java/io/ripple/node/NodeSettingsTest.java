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
            assertThatThrownBy(() -> settings("health-port = 9010\n[jmx]\nport = 9010\n"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid health-port '9010' at server.conf:5. It is the port of [jmx] too; each endpoint needs its own port.");
        }
    }
}
