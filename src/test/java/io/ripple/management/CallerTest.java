package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** In-process calls; the JMX and Jolokia channels are tested with their endpoints. */
class CallerTest {

    @Test
    void codeOutsideAnyRequestIsLocal() {
        assertThat(Caller.current()).isEqualTo(new Caller("local", "local", ""));
        assertThat(Caller.current()).hasToString("local (local)");
    }

    @Test
    void aJolokiaCallerLastsForTheRequestOnly() {
        Caller.enterJolokia(new Caller("admin", "jolokia", "127.0.0.1"));
        try {
            assertThat(Caller.current()).hasToString("admin (jolokia 127.0.0.1)");
        } finally {
            Caller.leaveJolokia();
        }
        assertThat(Caller.current()).isEqualTo(Caller.LOCAL);
    }
}
