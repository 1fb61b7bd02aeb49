package io.ripple.it;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** JMX RMI connections as JConsole makes them. */
final class JmxClients {

    private JmxClients() {
    }

    static JMXConnector connect(String url, String user, String password) throws IOException {
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(url), env);
    }

    /**
     * As a Ripple server connects: the cluster account of jmx-config/cluster.credentials, with a cluster claim naming
     * {@code caller} and no cluster id (as a replica that has not pinned one).
     */
    static JMXConnector connectAsServer(String url, String caller) throws IOException {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {ServerDir.CLUSTER_USER, ServerDir.CLUSTER_PASSWORD, "", caller});
        return JMXConnectorFactory.connect(new JMXServiceURL(url), env);
    }
}
