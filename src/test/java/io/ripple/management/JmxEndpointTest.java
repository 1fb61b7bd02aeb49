package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.it.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmxEndpointTest {

    private static final String HOST = "127.0.0.1";
    private static final String NOT_THIS_MACHINE = "192.0.2.1";

    @TempDir
    Path dir;

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ObjectName sample = objectName("ripple:type=Sample,test=JmxEndpointTest");
    private JmxEndpoint endpoint;

    @BeforeEach
    void registerSample() throws Exception {
        server.registerMBean(DescribedMXBean.of(new Sample(), SampleMXBean.class), sample);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private JmxEndpoint startSecured() throws Exception {
        endpoint = JmxEndpoint.start(
                new JmxSettings(HOST, 0, TestFiles.passwordFile(dir), TestFiles.accessFile(dir)), server);
        return endpoint;
    }

    private JMXConnector connect(String user, String password) throws Exception {
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        }
        return JMXConnectorFactory.connect(endpoint.url(), env);
    }

    @Test
    void servesRegistryAndConnectorOnOnePort() throws Exception {
        startSecured();

        assertThat(endpoint.port()).isPositive();
        assertThat(endpoint.url().toString()).isEqualTo(
                "service:jmx:rmi://127.0.0.1:" + endpoint.port() + "/jndi/rmi://127.0.0.1:" + endpoint.port() + "/jmxrmi");
        try (JMXConnector connector = connect("admin", "admin-secret")) {
            assertThat(connector.getMBeanServerConnection().getAttribute(sample, "Name")).isEqualTo("sample");
        }
    }

    @Test
    void readonlyUserReadsButCannotInvokeOrWrite() throws Exception {
        startSecured();

        try (JMXConnector connector = connect("monitor", "monitor-secret")) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            assertThat(connection.getAttribute(sample, "Enabled")).isEqualTo(true);
            assertThat(connection.getMBeanInfo(sample).getDescription()).isEqualTo("A sample MBean for tests");
            assertThatThrownBy(() -> connection.invoke(sample, "add", new Object[] {1, 2}, new String[] {"int", "int"}))
                    .isInstanceOf(SecurityException.class)
                    .hasMessageContaining("readonly");
            assertThatThrownBy(() -> connection.setAttribute(sample, new Attribute("Level", 3)))
                    .isInstanceOf(SecurityException.class);
        }
    }

    @Test
    void readwriteUserInvokesAndSeesItselfAsCaller() throws Exception {
        startSecured();

        try (JMXConnector connector = connect("admin", "admin-secret")) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            assertThat(connection.invoke(sample, "add", new Object[] {1, 2}, new String[] {"int", "int"})).isEqualTo(3);
            assertThat(connection.invoke(sample, "whoAmI", null, null)).isEqualTo("admin (jmx 127.0.0.1)");
        }
    }

    @Test
    void refusesWrongPasswordUnknownUserAndAnonymous() throws Exception {
        startSecured();

        assertThatThrownBy(() -> connect("admin", "wrong")).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> connect("nobody", "admin-secret")).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> connect(null, null)).isInstanceOf(SecurityException.class);
    }

    @Test
    void userWithoutRoleMayDoNothing() throws Exception {
        Path access = TestFiles.write(dir.resolve("only-admin.access"), "admin readwrite\n");
        endpoint = JmxEndpoint.start(new JmxSettings(HOST, 0, TestFiles.passwordFile(dir), access), server);

        try (JMXConnector connector = connect("monitor", "monitor-secret")) {
            assertThatThrownBy(() -> connector.getMBeanServerConnection().getAttribute(sample, "Name"))
                    .isInstanceOf(SecurityException.class);
        }
    }

    @Test
    void refusesAPasswordFileOthersCanRead() throws Exception {
        Path passwords = TestFiles.passwordFile(dir);
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> JmxEndpoint.start(new JmxSettings(HOST, 0, passwords, null), server))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Password file " + passwords + " must be readable by its owner only (chmod 600 "
                        + passwords + "). Its mode 644 gives group or others access to it.");
    }

    /** An address of another machine (TEST-NET-1) in [jmx] host: no port there is "in use", the host is wrong. */
    @Test
    void reportsAHostThatIsNotThisMachines() throws Exception {
        Path passwords = TestFiles.passwordFile(dir);

        assertThatThrownBy(() -> JmxEndpoint.start(new JmxSettings(NOT_THIS_MACHINE, 45678, passwords, null), server))
                .isInstanceOf(ManagementException.class)
                .hasMessage("JMX port 45678 on 192.0.2.1 cannot be opened: 192.0.2.1 is not an address of this machine");
    }

    @Test
    void reportsAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            int port = taken.getLocalPort();
            Path passwords = TestFiles.passwordFile(dir);

            assertThatThrownBy(() -> JmxEndpoint.start(new JmxSettings(HOST, port, passwords, null), server))
                    .isInstanceOf(ManagementException.class)
                    .hasMessage("JMX port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void refusesAnonymousAccessOffLoopback() {
        assertThatThrownBy(() -> JmxEndpoint.start(new JmxSettings("0.0.0.0", 0, null, null), server))
                .isInstanceOf(ManagementException.class)
                .hasMessage("JMX on 0.0.0.0 needs a password file: anonymous access is allowed on loopback addresses only");
    }

    @Test
    void allowsAnonymousAccessOnLoopbackWithoutPasswordFile() throws Exception {
        endpoint = JmxEndpoint.start(new JmxSettings(HOST, 0, null, null), server);

        try (JMXConnector connector = connect(null, null)) {
            assertThat(connector.getMBeanServerConnection().invoke(sample, "add", new Object[] {2, 2},
                    new String[] {"int", "int"})).isEqualTo(4);
        }
    }

    @Test
    void runsSeveralEndpointsInOneJvm() throws Exception {
        startSecured();
        MBeanServer otherServer = MBeanServerFactory.newMBeanServer();
        try (JmxEndpoint other = JmxEndpoint.start(
                new JmxSettings(HOST, 0, TestFiles.passwordFile(dir), TestFiles.accessFile(dir)), otherServer)) {
            assertThat(other.port()).isNotEqualTo(endpoint.port());
            try (JMXConnector first = connect("admin", "admin-secret");
                 JMXConnector second = JMXConnectorFactory.connect(other.url(),
                         Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", "admin-secret"}))) {
                assertThat(first.getMBeanServerConnection().isRegistered(sample)).isTrue();
                assertThat(second.getMBeanServerConnection().isRegistered(sample)).isFalse();
            }
        }
        // the port is free again once closed: a port below the kernel's ephemeral range, which no outgoing
        // connection of this host takes between the close and the second start
        endpoint.close();
        int port = FreePorts.next();
        endpoint = JmxEndpoint.start(
                new JmxSettings(HOST, port, TestFiles.passwordFile(dir), TestFiles.accessFile(dir)), server);
        endpoint.close();
        endpoint = JmxEndpoint.start(
                new JmxSettings(HOST, port, TestFiles.passwordFile(dir), TestFiles.accessFile(dir)), server);
        assertThat(endpoint.port()).isEqualTo(port);
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
