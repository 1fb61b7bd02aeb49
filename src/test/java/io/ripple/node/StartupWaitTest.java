package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.config.ConfigException;
import io.ripple.remote.RemoteException;
import org.junit.jupiter.api.Test;

class StartupWaitTest {

    private static RemoteException remote(RemoteException.Kind kind) {
        return new RemoteException(kind, "x", null);
    }

    @Test
    void aMasterThatIsDownOrStartingIsTriedAgain() {
        assertThat(StartupWait.mayHeal(remote(RemoteException.Kind.CANNOT_CONNECT))).isTrue();
        assertThat(StartupWait.mayHeal(remote(RemoteException.Kind.TIMEOUT))).isTrue();
        assertThat(StartupWait.mayHeal(new RemoteException(RemoteException.Kind.REMOTE_ERROR,
                "http://m/jolokia/ has no ripple:type=Server", null, true))).isTrue();
    }

    @Test
    void whatCannotHealIsNotTriedAgain() {
        assertThat(StartupWait.mayHeal(remote(RemoteException.Kind.AUTHENTICATION_FAILED))).isFalse();
        assertThat(StartupWait.mayHeal(remote(RemoteException.Kind.NOT_ALLOWED))).isFalse();
        assertThat(StartupWait.mayHeal(remote(RemoteException.Kind.REMOTE_ERROR))).as("the master refused").isFalse();
        assertThat(StartupWait.mayHeal(new ConfigException("The server at x is replica 'replica-1', not the master")))
                .as("this replica's own checks").isFalse();
    }

    @Test
    void aWaitOfZeroGivesOneTry() {
        assertThat(new StartupWait(0).pauseBeforeRetry()).isFalse();
        assertThat(new StartupWait(5).pauseBeforeRetry()).isTrue();
    }
}
