package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClosestNameTest {

    static final List<String> STANZAS = List.of("server", "cluster", "jmx", "jolokia", "cfg-db:entries", "cfg-db:files");
    static final List<String> KEYS = List.of("host", "port", "authenticate", "password-file", "access-file", "ssl",
            "keystore", "keystore-password-file", "truststore");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "jmxx, jmx",
        "JMX, jmx",
        "jms, jmx",
        "clustr, cluster",
        "culster, cluster",
        "jolokai, jolokia",
        "servr, server",
        "cfg-db:file, cfg-db:files",
        "cfg-db:entry, cfg-db:entries",
        "service, none",
        "extras, none",
        "cfg-db, none",
    })
    void stanzas(String typed, String meant) {
        assertThat(ClosestName.among(typed, STANZAS).orElse(null)).isEqualTo(meant);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "pasword-file, password-file",
        "password_file, password-file",
        "passwordfile, password-file",
        "acess-file, access-file",
        "prot, port",
        "hots, host",
        "authentication, authenticate",
        "authenticat, authenticate",
        "keystore-pasword-file, keystore-password-file",
        "truststor, truststore",
        "password, none",
        "tls, none",
        "colour, none",
    })
    void keys(String typed, String meant) {
        assertThat(ClosestName.among(typed, KEYS).orElse(null)).isEqualTo(meant);
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({
        "jmx, jmx, 0",
        "jmx, JMX, 0",
        "jmxx, jmx, 1",
        "jolokai, jolokia, 1",
        "abc, xyz, 3",
        "'', abc, 3",
    })
    void distance(String a, String b, int d) {
        assertThat(ClosestName.distance(a, b)).isEqualTo(d);
    }
}
