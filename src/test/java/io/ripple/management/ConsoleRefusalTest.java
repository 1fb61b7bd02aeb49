package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.remote.RemoteException;
import javax.management.MBeanException;
import org.junit.jupiter.api.Test;

class ConsoleRefusalTest {

    @Test
    void aJdkRefusalKeepsItsTypeAndSentenceAndLosesItsCause() {
        MBeanException e = ConsoleRefusal.of("restart", new IllegalArgumentException("Bad batch size -1.",
                new RemoteException(RemoteException.Kind.REMOTE_ERROR, "inner", null)));
        assertThat(e.getTargetException()).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("Bad batch size -1.")
                .hasNoCause();
        assertThat(e).hasMessage("Bad batch size -1.");
    }

    @Test
    void aRippleExceptionBecomesAnIllegalStateExceptionWithItsMessage() {
        MBeanException e = ConsoleRefusal.of("sync", new RemoteException(RemoteException.Kind.CANNOT_CONNECT,
                "Cannot connect to service:jmx:rmi:///jndi/rmi://127.0.0.1:9/jmxrmi: connection refused", null));
        assertThat(e.getTargetException()).isExactlyInstanceOf(IllegalStateException.class).hasNoCause()
                .hasMessage("Cannot connect to service:jmx:rmi:///jndi/rmi://127.0.0.1:9/jmxrmi: connection refused");
    }

    @Test
    void aBugSaysWhichOperationFailedAndWhereToLook() {
        MBeanException e = ConsoleRefusal.of("health", new NullPointerException());
        assertThat(e.getTargetException()).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("health failed: java.lang.NullPointerException. The server's log has the details.");
    }
}
