package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jolokia.server.core.config.ConfigKey;
import org.junit.jupiter.api.Test;

class JolokiaConfigurationTest {

    private static final Map<String, String> RIPPLE = Map.of(
            "agentId", "ripple-127.0.0.1-8778",
            "discoveryEnabled", "false",
            "includeStackTrace", "false",
            "disableDetectors", "true",
            "noSuchKey", "ignored");

    @Test
    void ripplesValuesComeFirstThenSystemPropertyThenEnvironmentThenTheDefault() {
        JolokiaConfiguration config = JolokiaConfiguration.of(RIPPLE,
                name -> switch (name) {
                    case "jolokia.includeStackTrace" -> "true"; // Ripple sets it: not taken
                    case "jolokia.maxDepth" -> "7";
                    default -> null;
                },
                name -> switch (name) {
                    case "JOLOKIA_MAX_DEPTH" -> "9"; // a system property sets it: not taken
                    case "JOLOKIA_MAX_OBJECTS" -> "100";
                    default -> null;
                });
        assertThat(config.getConfig(ConfigKey.AGENT_ID)).isEqualTo("ripple-127.0.0.1-8778");
        assertThat(config.getConfig(ConfigKey.INCLUDE_STACKTRACE)).isEqualTo("false");
        assertThat(config.getConfig(ConfigKey.MAX_DEPTH)).isEqualTo("7");
        assertThat(config.getConfig(ConfigKey.MAX_OBJECTS)).isEqualTo("100");
        assertThat(config.getConfig(ConfigKey.MAX_COLLECTION_SIZE)).isEqualTo(ConfigKey.MAX_COLLECTION_SIZE.getDefaultValue());
        assertThat(config.containsKey(ConfigKey.MAX_DEPTH)).isTrue();
        assertThat(config.containsKey(ConfigKey.MAX_COLLECTION_SIZE)).isFalse();
        assertThat(config.getConfigKeys()).contains(ConfigKey.AGENT_ID, ConfigKey.DISCOVERY_ENABLED,
                ConfigKey.INCLUDE_STACKTRACE, ConfigKey.MAX_DEPTH, ConfigKey.MAX_OBJECTS);
    }

    @Test
    void namesTheOwnAddressesOfNoNetworkInterface() {
        assertThat(JolokiaConfiguration.of(RIPPLE, name -> null, name -> null).getNetworkConfig()).isEmpty();
    }

    @Test
    void agreesWithJolokiasStaticConfigurationOnRipplesValues() {
        var jolokias = new org.jolokia.server.core.config.StaticConfiguration(RIPPLE);
        JolokiaConfiguration ours = JolokiaConfiguration.of(RIPPLE);
        for (ConfigKey key : ConfigKey.values()) {
            if (key.isGlobalConfig()) {
                assertThat(ours.getConfig(key)).as(key.getKeyValue()).isEqualTo(jolokias.getConfig(key));
                assertThat(ours.containsKey(key)).as(key.getKeyValue()).isEqualTo(jolokias.containsKey(key));
            }
        }
    }
}
