package io.ripple.management;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.AccessController;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

/**
 * Lets {@code readonly} users of an {@link AccessFile} call only the MBeanServer methods that
 * read, and {@code readwrite} users call everything; users without a role call nothing.
 */
final class JmxAccessForwarder implements InvocationHandler {

    private static final Set<String> READ_METHODS = Set.of(
            "getAttribute", "getAttributes", "getMBeanInfo", "getObjectInstance", "queryMBeans",
            "queryNames", "isRegistered", "isInstanceOf", "getMBeanCount", "getDefaultDomain",
            "getDomains", "addNotificationListener", "removeNotificationListener",
            // as the JDK's file access controller: the connector needs these to unwrap arguments
            "getClassLoader", "getClassLoaderFor", "getClassLoaderRepository");

    /** What no remote user may do: load classes into the server or take MBeans away from it. */
    private static final Set<String> NOBODY_METHODS = Set.of(
            "createMBean", "registerMBean", "unregisterMBean", "instantiate", "deserialize");

    private final AccessFile access;
    private MBeanServer target;

    private JmxAccessForwarder(AccessFile access) {
        this.access = access;
    }

    static MBeanServerForwarder create(AccessFile access) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(
                MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class},
                new JmxAccessForwarder(access));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == MBeanServerForwarder.class) {
            if (name.equals("getMBeanServer")) {
                return target;
            }
            target = (MBeanServer) args[0];
            return null;
        }
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(this, args);
        }
        check(name, args);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void check(String method, Object[] args) {
        Subject subject = currentSubject();
        if (subject == null) {
            // The connector's own calls (e.g. while opening a connection) run without a Subject;
            // every client request runs as the Subject the authenticator made. The JDK's file
            // access controller draws the same line.
            return;
        }
        String user = userOf(subject);
        Optional<AccessFile.Role> role = access.roleOf(user);
        if (role.isEmpty()) {
            throw new SecurityException("Access denied: user '" + user + "' has no role");
        }
        if (NOBODY_METHODS.contains(method)) {
            throw new SecurityException("Access denied: no remote user may call " + method);
        }
        if (role.get() == AccessFile.Role.READONLY && !READ_METHODS.contains(method)
                && !(method.equals("invoke") && OperationImpact.isReadOnly(target, (ObjectName) args[0], (String) args[1]))) {
            throw new SecurityException("Access denied: user '" + user + "' is readonly and may not call "
                    + method);
        }
    }

    @SuppressWarnings("removal") // RMIConnectionImpl runs each request as the client's Subject
    private static Subject currentSubject() {
        return Subject.getSubject(AccessController.getContext());
    }

    private static String userOf(Subject subject) {
        Set<JMXPrincipal> principals = subject.getPrincipals(JMXPrincipal.class);
        return principals.isEmpty() ? null : principals.iterator().next().getName();
    }
}
