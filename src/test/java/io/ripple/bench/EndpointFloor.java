package io.ripple.bench;

import java.lang.management.ManagementFactory;
import java.rmi.registry.LocateRegistry;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.slf4j.LoggerFactory;

/**
 * The floor under a node's start: the parts every node starts, with nothing of Ripple. Logging through logback, the
 * platform MBeanServer that JConsole and VisualVM read, the JDK's JMX RMI connector (on a thread of its own, as the
 * node opens it) and Jolokia's JVM agent, without passwords, policy or TLS. Prints {@code Start completed} once both
 * listen, and runs until it is stopped.
 */
public final class EndpointFloor {

    private EndpointFloor() {
    }

    /** Arguments: the JMX port and the Jolokia port, both on loopback. */
    public static void main(String[] args) throws Exception {
        int jmxPort = Integer.parseInt(args[0]);
        int jolokiaPort = Integer.parseInt(args[1]);
        LoggerFactory.getLogger(EndpointFloor.class).info("Starting the endpoints alone");
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Thread jmx = new Thread(() -> {
            try {
                LocateRegistry.createRegistry(jmxPort);
                JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL(
                        "service:jmx:rmi://127.0.0.1:" + jmxPort + "/jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"), new HashMap<>(), mbeans);
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "floor-jmx-start");
        jmx.start();
        new JolokiaServer(new JolokiaServerConfig(Map.of("host", "127.0.0.1", "port", Integer.toString(jolokiaPort),
                "discoveryEnabled", "false"))).start();
        jmx.join();
        System.out.println("Start completed");
    }
}
