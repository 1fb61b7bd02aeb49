package io.ripple.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.HostConfiguration;
import io.ripple.config.StanzaFile;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentHostTest {

    private static HostConfiguration configuration() throws Exception {
        return new HostConfiguration("agent-1", 1, "boot", StanzaFile.parse("[service]\n", "server.conf"), Path.of("."));
    }

    @Test
    void aProgramThatFailedIsNeverReady() throws Exception {
        AgentHost host = new AgentHost(0);
        host.start(configuration());
        assertThat(host.isReady()).isTrue();

        host.programFailed("the program's main threw java.lang.IllegalStateException: no");

        assertThat(host.isReady()).isFalse();
    }

    @Test
    void theFirstFailureReachesTheListenerOnceWhetherItCameBeforeOrAfterIt() {
        List<String> heard = new ArrayList<>();
        AgentHost early = new AgentHost(0);
        early.programFailed("the program's main threw X");
        early.programFailed(RippleAgent.PROGRAM_ENDED);
        early.onProgramFailure(heard::add);

        AgentHost late = new AgentHost(0);
        late.onProgramFailure(heard::add);
        late.programFailed(RippleAgent.PROGRAM_ENDED);
        late.programFailed("later");

        assertThat(heard).containsExactly("the program's main threw X", RippleAgent.PROGRAM_ENDED);
    }

    @Test
    void withReadyUrlReadyIsThatPageAnswering2xxOr3xx() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ready", exchange -> {
            exchange.getResponseHeaders().add("Location", "/login");
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ready");
        AgentHost host = new AgentHost(0, url);
        try {
            host.start(configuration());
            assertThat(host.isReady()).as("200").isTrue();
            status.set(302);
            assertThat(host.isReady()).as("302, not followed").isTrue();
            status.set(503);
            assertThat(host.isReady()).as("503").isFalse();
            status.set(404);
            assertThat(host.isReady()).as("404").isFalse();
            status.set(204);
            assertThat(host.isReady()).as("204").isTrue();
        } finally {
            server.stop(0);
        }
        assertThat(host.isReady()).as("nothing listening").isFalse();
    }
}
