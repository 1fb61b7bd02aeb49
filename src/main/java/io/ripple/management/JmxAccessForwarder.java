package io.ripple.management;

import io.ripple.management.ManagementPolicy.Action;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.AccessController;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

/**
 * The JMX connector's access check: every client request, which the connector runs as the client's Subject, is
 * decided by {@link ManagementPolicy}, and what it reads passes through {@link SecretMask}. The connector's own calls
 * (it asks for class loaders to unwrap a client's arguments) run without a Subject and pass.
 */
final class JmxAccessForwarder implements InvocationHandler {

    private static final Map<String, Action> ACTIONS = Map.ofEntries(
            Map.entry("getAttribute", Action.READ_ATTRIBUTE),
            Map.entry("getAttributes", Action.READ_ATTRIBUTE),
            Map.entry("setAttribute", Action.WRITE_ATTRIBUTE),
            Map.entry("setAttributes", Action.WRITE_ATTRIBUTE),
            Map.entry("invoke", Action.INVOKE),
            Map.entry("addNotificationListener", Action.LISTEN),
            Map.entry("removeNotificationListener", Action.LISTEN),
            Map.entry("getMBeanInfo", Action.QUERY),
            Map.entry("getObjectInstance", Action.QUERY),
            Map.entry("queryMBeans", Action.QUERY),
            Map.entry("queryNames", Action.QUERY),
            Map.entry("isRegistered", Action.QUERY),
            Map.entry("isInstanceOf", Action.QUERY),
            Map.entry("getMBeanCount", Action.QUERY),
            Map.entry("getDefaultDomain", Action.QUERY),
            Map.entry("getDomains", Action.QUERY),
            Map.entry("createMBean", Action.MBEAN_LIFECYCLE),
            Map.entry("registerMBean", Action.MBEAN_LIFECYCLE),
            Map.entry("unregisterMBean", Action.MBEAN_LIFECYCLE),
            Map.entry("instantiate", Action.CLASS_LOADING),
            Map.entry("deserialize", Action.CLASS_LOADING),
            Map.entry("getClassLoader", Action.CLASS_LOADING),
            Map.entry("getClassLoaderFor", Action.CLASS_LOADING),
            Map.entry("getClassLoaderRepository", Action.CLASS_LOADING));

    /** The methods whose first argument is the MBean's name. */
    private static final Set<Action> NAMED = Set.of(Action.READ_ATTRIBUTE, Action.WRITE_ATTRIBUTE, Action.INVOKE,
            Action.LISTEN);

    private final Function<String, Optional<AccessFile.Grant>> grants;
    private MBeanServer target;

    private JmxAccessForwarder(Function<String, Optional<AccessFile.Grant>> grants) {
        this.grants = grants;
    }

    /** A forwarder that grants each authenticated user what {@code grants} says. */
    static MBeanServerForwarder create(Function<String, Optional<AccessFile.Grant>> grants) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(
                MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class},
                new JmxAccessForwarder(grants));
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
        Subject subject = currentSubject();
        if (subject != null) {
            check(userOf(subject), name, args);
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        return subject == null ? result : masked(name, args, result);
    }

    private void check(String user, String method, Object[] args) {
        // a method this table does not know (a later JDK's) is refused as class loading is: never
        Action action = ACTIONS.getOrDefault(method, Action.CLASS_LOADING);
        ObjectName name = NAMED.contains(action) ? (ObjectName) args[0] : null;
        String member = args != null && args.length > 1 && args[1] instanceof String s ? s : null;
        ManagementPolicy.Request request = MBeanFacts.request(target, user, grants.apply(user), action, method, name,
                member);
        Optional<String> refusal = ManagementPolicy.refusal(request);
        if (refusal.isPresent()) {
            throw new SecurityException(refusal.get());
        }
    }

    private static Object masked(String method, Object[] args, Object result) {
        if (method.equals("getAttribute")) {
            return SecretMask.attribute((ObjectName) args[0], (String) args[1], result);
        }
        if (method.equals("getAttributes")) {
            return SecretMask.attributes((ObjectName) args[0], (AttributeList) result);
        }
        return result;
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
