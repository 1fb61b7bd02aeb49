package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreTakenBelowTheKernelsEphemeralRange() {
        assumeTrue(Files.isReadable(Path.of("/proc/sys/net/ipv4/ip_local_port_range")), "Linux only");
        int first = FreePorts.firstEphemeralPort();
        assertThat(first).as("the range's first port, read from /proc").isGreaterThan(11_000);
        for (int i = 0; i < 20; i++) {
            assertThat(FreePorts.next()).isBetween(10_000, first - 1);
        }
    }
}
