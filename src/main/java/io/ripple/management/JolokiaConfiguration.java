package io.ripple.management;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.Configuration;
import org.jolokia.server.core.service.api.SecurityDetails;

/**
 * The agent's configuration: the values Ripple sets, then as Jolokia's {@code StaticConfiguration} falls back, a
 * {@code jolokia.*} system property, then a {@code JOLOKIA_*} environment variable, then the key's default.
 *
 * <p>Why not {@code StaticConfiguration}: its constructor lists every network interface and its addresses, always, for
 * {@code ${ip}}-style placeholders Ripple never writes. That costs a node's start tens of milliseconds on its main
 * thread, and more on a host with many interfaces. Without them {@link #getNetworkConfig()} is empty, which only
 * Jolokia's own agents and placeholders read.
 */
final class JolokiaConfiguration implements Configuration {

    private final Map<ConfigKey, String> values;
    private final SecurityDetails securityDetails = new SecurityDetails();

    private JolokiaConfiguration(Map<ConfigKey, String> values) {
        this.values = values;
    }

    /** Ripple's values over this JVM's system properties and this process's environment. */
    static JolokiaConfiguration of(Map<String, String> settings) {
        return of(settings, System::getProperty, System::getenv);
    }

    /**
     * Ripple's values, unknown names left out as Jolokia leaves them out, over {@code systemProperty} and
     * {@code environment} for the keys Ripple does not set.
     */
    static JolokiaConfiguration of(Map<String, String> settings, UnaryOperator<String> systemProperty,
                                   UnaryOperator<String> environment) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.isGlobalConfig()) {
                continue;
            }
            String value = settings.get(key.getKeyValue());
            if (value == null) {
                value = systemProperty.apply(key.asSystemProperty());
            }
            if (value == null) {
                value = environment.apply(key.asEnvVariable());
            }
            if (value != null) {
                values.put(key, value);
            }
        }
        return new JolokiaConfiguration(Collections.unmodifiableMap(values));
    }

    @Override
    public String getConfig(ConfigKey key) {
        String value = values.get(key);
        return value != null ? value : key.getDefaultValue();
    }

    @Override
    public Set<ConfigKey> getConfigKeys() {
        return values.keySet();
    }

    @Override
    public boolean containsKey(ConfigKey key) {
        return values.containsKey(key);
    }

    @Override
    public Map<String, String> getNetworkConfig() {
        return Map.of();
    }

    @Override
    public SecurityDetails getSecurityDetails() {
        return securityDetails;
    }
}
