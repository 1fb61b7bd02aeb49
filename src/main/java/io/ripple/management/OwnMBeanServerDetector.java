package io.ripple.management;

import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import org.jolokia.server.core.detector.ServerDetector;
import org.jolokia.server.core.service.api.JolokiaContext;
import org.jolokia.server.core.service.api.LogHandler;
import org.jolokia.server.core.service.api.ServerHandle;
import org.jolokia.server.core.service.container.ContainerLocator;
import org.jolokia.server.core.service.request.RequestInterceptor;
import org.jolokia.server.core.util.jmx.MBeanServerAccess;

/**
 * Hands Jolokia one given MBeanServer to serve, in place of looking for application servers: how an agent serves an
 * MBeanServer other than the platform one.
 */
final class OwnMBeanServerDetector implements ServerDetector {

    private final MBeanServer server;

    OwnMBeanServerDetector(MBeanServer server) {
        this.server = server;
    }

    @Override
    public String getName() {
        return "ripple-own-mbeanserver";
    }

    @Override
    public void init(Map<String, Object> options) {
        // nothing to configure
    }

    @Override
    public void init(JolokiaContext context) {
        // nothing to set up
    }

    @Override
    public boolean isEnabled(JolokiaContext context) {
        return true;
    }

    @Override
    public void destroy() {
        // the MBeanServer belongs to its owner
    }

    @Override
    public ServerHandle detect(MBeanServerAccess access) {
        return null; // no application server to report: the agent stays a plain JVM agent
    }

    @Override
    public Set<MBeanServerConnection> getMBeanServers() {
        return Set.of(server);
    }

    @Override
    public RequestInterceptor getRequestInterceptor(MBeanServerAccess access) {
        return null;
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public ClassLoader jvmAgentStartup(java.lang.instrument.Instrumentation instrumentation) {
        return null;
    }

    @Override
    public ContainerLocator getContainerLocator(LogHandler log) {
        return null;
    }

    @Override
    public int compareTo(ServerDetector other) {
        return Integer.compare(getOrder(), other.getOrder());
    }
}
