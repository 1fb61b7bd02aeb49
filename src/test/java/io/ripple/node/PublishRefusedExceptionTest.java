package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The refusal is one sentence per thought: a host's reason ends with its own period, and gets no second one. */
class PublishRefusedExceptionTest {

    private static final String DIGEST = "b6fd043fdbdda4f3ef757c2ed59781de28edf4a9dfcef7636df1e01948599619";

    @Test
    void aReasonThatEndsWithAPeriodGetsNoSecondOne() {
        PublishRefusal refusal = new PublishRefusal(DIGEST,
                "Invalid [service] http-port 'abc'. Must be a port number from 1 to 65535.", 1L);

        assertThat(new PublishRefusedException("master", refusal, 0).getMessage()).isEqualTo("Configuration on master's disk"
                + " (digest b6fd043fdbdd) not published: Invalid [service] http-port 'abc'. Must be a port number from 1 to"
                + " 65535. No version is published yet; fix the configuration and start again.");
    }

    @Test
    void aReasonWithoutAPeriodGetsOne() {
        PublishRefusal refusal = new PublishRefusal(DIGEST, "junctions/broken.json is not valid JSON", 1L);

        assertThat(new PublishRefusedException("master", refusal, 4).getMessage()).isEqualTo("Configuration on master's disk"
                + " (digest b6fd043fdbdd) not published: junctions/broken.json is not valid JSON. Version 4 stays the"
                + " published one; fix the configuration and refresh again.");
    }
}
