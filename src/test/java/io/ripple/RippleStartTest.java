package io.ripple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an embedder gets from {@link Ripple#start} for a server.conf that the schema refuses: nothing started. */
class RippleStartTest {

    @TempDir
    Path dir;

    /** A host that reads [routes] and would fail the test if Ripple ever started it. */
    static final class RoutesHost implements RippleHost {
        private final Set<String> stanzas;

        RoutesHost(Set<String> stanzas) {
            this.stanzas = stanzas;
        }

        @Override
        public Set<String> stanzas() {
            return stanzas;
        }

        @Override
        public void start(HostConfiguration configuration) {
            throw new AssertionError("started");
        }

        @Override
        public void stop() {
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[jmxx]; port = 9010 | routes | Unknown stanza [jmxx] at server.conf:5. Did you mean [jmx]?",
        "[routs]; a = b      | routes | Unknown stanza [routs] at server.conf:5. Did you mean [routes]?",
        "[routes]; a = b     | other  | Unknown stanza [routes] at server.conf:5. If it is your server's own, declare it: host-stanzas = routes in [server].",
        "[jmx]; pasword-file = p | routes | Unknown key 'pasword-file' in [jmx] at server.conf:6. Did you mean 'password-file'?",
        "[jmx]; port = 9010  | routes | Missing [jmx] password-file in server.conf: set it, or authenticate = no for anonymous access on loopback only.",
        "[routes]; a = b     | jmx    | The hosted server declares [jmx] as its own stanza, but it is one of Ripple's: a host's stanzas need names of their own.",
    })
    void aRefusedConfIsAConfigurationErrorAndStartsNothing(String text, String hostStanza, String message) throws IOException {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, "[server]\nname = m\n[cluster]\nis-master = yes\n" + text.replace("; ", "\n") + "\n");
        RippleStartException e = catchThrowableOfType(() -> Ripple.start(conf, new RoutesHost(Set.of(hostStanza))),
                RippleStartException.class);
        assertThat(e).hasMessage(message);
        assertThat(e.isConfigurationError()).isTrue();
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
