package io.ripple.management;

import java.util.ArrayList;
import java.util.List;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Ripple's MXBeans, with their descriptions, in one MBeanServer, and unregisters all of
 * them on {@link #close()}.
 */
public final class MBeanRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MBeanRegistry.class);

    private final MBeanServer server;
    private final List<ObjectName> registered = new ArrayList<>();
    private final OperationGuard guard;

    public MBeanRegistry(MBeanServer server) {
        this(server, OperationGuard.NONE);
    }

    /** A registry whose MBeans have {@code guard} judge each of their operations before it runs. */
    public MBeanRegistry(MBeanServer server, OperationGuard guard) {
        this.server = server;
        this.guard = guard;
    }

    /**
     * Registers {@code impl} under {@code objectName}, replacing whatever was registered there.
     *
     * @throws IllegalArgumentException if the name is malformed or the MBean is refused
     */
    public synchronized <T> void register(String objectName, T impl, Class<T> mxbeanInterface) {
        ObjectName name = parse(objectName);
        try {
            if (server.isRegistered(name)) {
                LOG.info("Replacing MBean {}", name);
                unregisterQuietly(name);
            }
            server.registerMBean(DescribedMXBean.of(impl, mxbeanInterface).guardedBy(guard), name);
            registered.add(name);
            LOG.debug("Registered MBean {}", name);
        } catch (JMException e) {
            throw new IllegalArgumentException("Cannot register MBean " + name + ": " + e.getMessage(), e);
        }
    }

    /** Unregisters one MBean this registry registered; logs, never throws. */
    public synchronized void unregister(String objectName) {
        ObjectName name = parse(objectName);
        if (registered.remove(name)) {
            unregisterQuietly(name);
        }
    }

    /** Unregisters every MBean this registry registered; logs, never throws. */
    @Override
    public synchronized void close() {
        for (ObjectName name : registered) {
            unregisterQuietly(name);
        }
        registered.clear();
    }

    private void unregisterQuietly(ObjectName name) {
        try {
            server.unregisterMBean(name);
            LOG.debug("Unregistered MBean {}", name);
        } catch (InstanceNotFoundException e) {
            LOG.debug("MBean {} was already unregistered", name);
        } catch (JMException | RuntimeException e) {
            LOG.warn("Cannot unregister MBean {}: {}", name, e.toString());
        }
    }

    private static ObjectName parse(String objectName) {
        try {
            return new ObjectName(objectName);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Invalid ObjectName '" + objectName + "': " + e.getMessage(), e);
        }
    }
}
