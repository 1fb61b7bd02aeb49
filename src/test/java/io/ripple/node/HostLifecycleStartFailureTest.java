package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import io.ripple.config.StanzaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that cannot start says why in its exception's message (RippleHost.start): that message is the line. */
class HostLifecycleStartFailureTest {

    @TempDir
    Path dir;

    private HostLifecycle lifecycle(Exception thrown) throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, "[server]\nname = r1\n[cluster]\nis-master = yes\n");
        return new HostLifecycle(NodeSettings.from(conf, StanzaFile.read(conf)), new RippleHost() {
            @Override
            public void start(HostConfiguration configuration) throws Exception {
                throw thrown;
            }

            @Override
            public void stop() {
            }

            @Override
            public boolean isReady() {
                return false;
            }
        });
    }

    @Test
    void theHostsMessageIsTheReasonWithoutItsExceptionClass() throws Exception {
        HostLifecycle lifecycle = lifecycle(new IllegalStateException("[service] http-port 8080 on 127.0.0.1 is already in use"));

        assertThatThrownBy(() -> lifecycle.start(1)).isInstanceOf(HostStartException.class)
                .hasMessage("The hosted server failed to start: [service] http-port 8080 on 127.0.0.1 is already in use");
        assertThat(lifecycle.lastError())
                .isEqualTo("The hosted server failed to start: [service] http-port 8080 on 127.0.0.1 is already in use");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedByItsClass() throws Exception {
        HostLifecycle lifecycle = lifecycle(new NullPointerException());

        assertThatThrownBy(() -> lifecycle.start(1)).isInstanceOf(HostStartException.class)
                .hasMessage("The hosted server failed to start: java.lang.NullPointerException");
    }
}
