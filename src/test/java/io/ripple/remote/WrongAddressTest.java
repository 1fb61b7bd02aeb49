package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A URL of the wrong kind for its port: each failure is a connection failure (the CLI's exit code 3) whose one line
 * names the likely mistake and what to use instead, asked of the port itself rather than guessed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrongAddressTest {

    private static final String HOST = "127.0.0.1";
    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration CALL = Duration.ofSeconds(5);
    private static final Credentials NOBODY = new Credentials("admin", "secret");

    private Registry registry;
    private JMXConnectorServer jmx;
    private int jmxPort;
    private HttpServer http;
    private ExecutorService httpThreads;
    private int httpPort;

    static {
        JmxRemoteServer.configureTimeouts(Duration.ofSeconds(30));
    }

    @BeforeAll
    void start() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            jmxPort = probe.getLocalPort();
        }
        registry = LocateRegistry.createRegistry(jmxPort);
        jmx = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL(jmxUrl(jmxPort)), null,
                ManagementFactory.getPlatformMBeanServer());
        jmx.start();
        // an HTTP server without contexts answers every path 404, as a server's other HTTP ports do for /jolokia/
        http = HttpServer.create(new InetSocketAddress(HOST, 0), 5);
        httpThreads = Executors.newFixedThreadPool(4);
        http.setExecutor(httpThreads);
        http.start();
        httpPort = http.getAddress().getPort();
    }

    @AfterAll
    void stop() throws Exception {
        http.stop(0);
        httpThreads.shutdownNow();
        jmx.stop();
        UnicastRemoteObject.unexportObject(registry, true);
    }

    private static String jmxUrl(int port) {
        return "service:jmx:rmi:///jndi/rmi://" + HOST + ":" + port + "/jmxrmi";
    }

    private static RemoteException jolokia(String url) {
        return catchThrowableOfType(RemoteException.class, () -> JolokiaRemoteServer.open(url, NOBODY, CONNECT, CALL).close());
    }

    @Test
    void aJolokiaUrlWithoutTheJolokiaPathSaysWhatThePathShouldBe() {
        String url = "http://" + HOST + ":" + httpPort + "/";

        RemoteException e = jolokia(url);

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.CANNOT_CONNECT);
        assertThat(e.getMessage()).isEqualTo("Cannot connect to " + url + ": HTTP 404: no Jolokia agent at path '/';"
                + " the agent's path is /jolokia/: http://" + HOST + ":" + httpPort + "/jolokia/");
    }

    @Test
    void aJolokiaUrlOnAnotherHttpPortAsksWhetherItIsTheJolokiaPort() {
        String url = "http://" + HOST + ":" + httpPort + "/jolokia/";

        RemoteException e = jolokia(url);

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.CANNOT_CONNECT);
        assertThat(e.getMessage()).isEqualTo("Cannot connect to " + url + ": HTTP 404: no Jolokia agent at /jolokia/ on"
                + " this port; is it the server's [jolokia] port (not its [service] http-port or [cluster] health-port)?");
    }

    @Test
    void aJolokiaUrlOnTheJmxRmiPortSaysItIsAJmxPort() {
        for (String scheme : new String[] {"http", "https"}) {
            String url = scheme + "://" + HOST + ":" + jmxPort + "/jolokia/";

            RemoteException e = jolokia(url);

            assertThat(e.kind()).as(scheme).isEqualTo(RemoteException.Kind.CANNOT_CONNECT);
            assertThat(e.getMessage()).as(scheme).isEqualTo("Cannot connect to " + url + ": port " + jmxPort
                    + " is a JMX RMI port, not a Jolokia (HTTP) one: connect to it as JMX (--jmx " + HOST + ":" + jmxPort
                    + ", " + jmxUrl(jmxPort) + "), or give the server's [jolokia] port in the URL")
                    .doesNotContain("TLS");
        }
    }

    @Test
    void anHttpsUrlOnAPlainHttpPortSaysToUseHttp() {
        String url = "https://" + HOST + ":" + httpPort + "/jolokia/";

        RemoteException e = jolokia(url);

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.CANNOT_CONNECT);
        assertThat(e.getMessage()).isEqualTo("Cannot connect to " + url + ": port " + httpPort
                + " answers plain HTTP, not TLS: use http://" + HOST + ":" + httpPort + "/jolokia/");
    }

    @Test
    void aJmxAddressOnAnHttpPortSaysItIsAnHttpPort() {
        String url = jmxUrl(httpPort);

        RemoteException e = catchThrowableOfType(RemoteException.class,
                () -> JmxRemoteServer.open(url, NOBODY, CONNECT, CALL).close());

        assertThat(e.kind()).isEqualTo(RemoteException.Kind.CANNOT_CONNECT);
        assertThat(e.getMessage()).isEqualTo("Cannot connect to " + url + ": port " + httpPort + " answers HTTP, not JMX"
                + " RMI: a Jolokia port? connect with --jolokia http://" + HOST + ":" + httpPort + "/jolokia/ (or give the"
                + " server's [jmx] port)");
    }
}
