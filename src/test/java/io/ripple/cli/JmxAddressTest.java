package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** --jmx: the forms JConsole and jmxterm take, and service URLs. */
class JmxAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1:9010|service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi",
            "localhost:1|service:jmx:rmi:///jndi/rmi://localhost:1/jmxrmi",
            "master.example.com:65535|service:jmx:rmi:///jndi/rmi://master.example.com:65535/jmxrmi",
            "[::1]:9010|service:jmx:rmi:///jndi/rmi://[::1]:9010/jmxrmi",
            "[fe80::1%eth0]:9010|service:jmx:rmi:///jndi/rmi://[fe80::1%eth0]:9010/jmxrmi",
            "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi|service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi",
            "service:jmx:rmi://127.0.0.1:9010/jndi/rmi://127.0.0.1:9010/jmxrmi|service:jmx:rmi://127.0.0.1:9010/jndi/rmi://127.0.0.1:9010/jmxrmi"})
    void acceptedForms(String given, String url) {
        assertThat(JmxAddress.toUrl(given)).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":9010", "::1:9010", "[::1]", "127.0.0.1:0", "127.0.0.1:65536",
            "127.0.0.1:99999", "127.0.0.1:90a", "rmi://127.0.0.1:9010/jmxrmi", "host name:9010", "[zz::1]:9010",
            "service:jmx:", "http://127.0.0.1:9010/"})
    void refusedWithTheFormsAccepted(String given) {
        assertThatThrownBy(() -> JmxAddress.toUrl(given)).isInstanceOf(CliException.class)
                .hasMessageStartingWith("Malformed JMX URL '" + given + "': expected HOST:PORT, [IPv6]:PORT or"
                        + " service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
