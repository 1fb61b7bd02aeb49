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
}
