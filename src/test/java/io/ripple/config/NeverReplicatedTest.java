package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeverReplicatedTest {

    @ParameterizedTest(name = "{0}::{1} -> {2}")
    @CsvSource({
            "server,         name,                     true",
            "cluster,        master-url,               true",
            "jmx,            access-file,              true",
            "jolokia,        policy-file,              true",
            "cfg-db:entries, '*::*',                   true",
            "cfg-db:files,   files,                    true",
            "cfg-db:other,   x,                        true",
            "service,        http-port,                true",
            "service,        port,                     true",
            "service,        health-host,              true",
            "service,        host,                     true",
            "service,        ssl,                      true",
            "service,        tls-protocols,            true",
            "service,        db-password,              true",
            "service,        DB_PASSWORD_FILE,         true",
            "service,        client-secret,            true",
            "service,        auth-token,               true",
            "service,        keystore,                 true",
            "service,        truststore-password-file, true",
            "service,        credentials-file,         true",
            "service,        api-key,                  true",
            "service,        banner-file,              false",
            "service,        greeting,                 false",
            "service,        report,                   false",
            "service,        hostname-style,           false",
            "service,        sslx,                     false",
            "logging,        level,                    false",
    })
    void coversRipplesStanzasAndEndpointAndSecretKeys(String stanza, String key, boolean covered) {
        assertThat(NeverReplicated.covers(stanza, key)).isEqualTo(covered);
    }
}
