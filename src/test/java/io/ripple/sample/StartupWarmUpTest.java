package io.ripple.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The start-up warm-up of bin/ripple-node: a daemon thread that ends, and changes no JVM-wide setting. */
class StartupWarmUpTest {

    @Test
    void warmsUpOnADaemonThreadThatEndsAndSetsNoSystemProperty() {
        Properties before = (Properties) System.getProperties().clone();

        StartupWarmUp.begin();

        Optional<Thread> warmUp = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("ripple-startup-warm-up")).findFirst();
        warmUp.ifPresent(t -> assertThat(t.isDaemon()).as("never keeps a JVM alive").isTrue());
        await().atMost(Duration.ofSeconds(30)).until(() -> warmUp.map(t -> !t.isAlive()).orElse(true));
        // Ripple's JVM-wide settings (JvmGlobals: RMI host name and time-outs, HTTP server options) must still be unset
        // when the classes that read them first load; the warm-up leaves those classes, and the properties, alone.
        java.util.Map<Object, Object> changed = new java.util.HashMap<>(System.getProperties());
        changed.entrySet().removeAll(before.entrySet());
        changed.remove("user.timezone"); // the JDK's own record of the default time zone, made at its first use
        assertThat(changed).isEmpty();
    }
}
