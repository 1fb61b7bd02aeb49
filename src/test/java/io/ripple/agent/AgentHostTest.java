package io.ripple.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.HostConfiguration;
import io.ripple.config.StanzaFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
