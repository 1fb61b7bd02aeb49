package io.ripple.remote;

import io.ripple.ServerMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * What both transports build alike: the typed views of a remote MBean and the {@link ServerSnapshot}, so that a view
 * prints, compares and fails the same over JMX and Jolokia.
 */
final class RemoteViews {

    /** The Server attributes of a {@link ServerSnapshot}, read in one round trip. */
    static final List<String> SNAPSHOT_ATTRIBUTES =
            List.of("Name", "State", "Ready", "BootId", "LastRunId", "LastRunOutcome", "LastRunDetail");

    /** The Server attributes of a {@link ServerIdentity}, read in one round trip. */
    static final List<String> IDENTITY_ATTRIBUTES = List.of("Name", "Role", "ClusterId");

    /** The Server attributes of a {@link MemberView}, read in one round trip. */
    static final List<String> MEMBER_VIEW_ATTRIBUTES = List.of("Name", "Role", "ClusterId", "Term", "MasterName");

    private RemoteViews() {
    }

    /** What a view does with a call of one of its MBean's methods (never a method of {@link Object}). */
    @FunctionalInterface
    interface MBeanCall {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    /**
     * A view of MBean {@code objectName} at {@code url} as {@code type}: its MBean methods go to {@code call}; the
     * methods of {@link Object} stay local (identity equality, and a {@code toString} naming the MBean and the URL).
     */
    static <T> T view(Class<T> type, String objectName, String url, MBeanCall call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> objectName + " at " + url;
                };
            }
            return call.invoke(method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /**
     * The snapshot in {@code values}, the {@link #SNAPSHOT_ATTRIBUTES} by name as either transport reads them.
     *
     * @throws RemoteException REMOTE_ERROR naming the attributes that are missing
     */
    static ServerSnapshot snapshot(Map<?, ?> values, String url) {
        List<String> missing = SNAPSHOT_ATTRIBUTES.stream().filter(a -> !values.containsKey(a)).toList();
        if (!missing.isEmpty()) {
            // JMX's getAttributes leaves out what it could not read, without saying why
            throw RemoteFailures.remoteError(url, "cannot read " + ServerMXBean.OBJECT_NAME + " attributes " + missing,
                    null);
        }
        return new ServerSnapshot(string(values.get("Name")), string(values.get("State")),
                Boolean.TRUE.equals(values.get("Ready")), string(values.get("BootId")),
                string(values.get("LastRunId")), string(values.get("LastRunOutcome")),
                string(values.get("LastRunDetail")));
    }

    /**
     * The identity in {@code values}, the {@link #IDENTITY_ATTRIBUTES} by name as either transport reads them.
     *
     * @throws RemoteException REMOTE_ERROR naming the attributes that are missing
     */
    static ServerIdentity identity(Map<?, ?> values, String url) {
        List<String> missing = IDENTITY_ATTRIBUTES.stream().filter(a -> !values.containsKey(a)).toList();
        if (!missing.isEmpty()) {
            throw RemoteFailures.remoteError(url, "cannot read " + ServerMXBean.OBJECT_NAME + " attributes " + missing,
                    null);
        }
        return new ServerIdentity(string(values.get("Name")), string(values.get("Role")), string(values.get("ClusterId")));
    }

    /**
     * The member's view in {@code values}, the {@link #MEMBER_VIEW_ATTRIBUTES} by name as either transport reads them.
     *
     * @throws RemoteException REMOTE_ERROR naming the attributes that are missing, or a Term that is not a number
     */
    static MemberView memberView(Map<?, ?> values, String url) {
        List<String> missing = MEMBER_VIEW_ATTRIBUTES.stream().filter(a -> !values.containsKey(a)).toList();
        if (!missing.isEmpty()) {
            throw RemoteFailures.remoteError(url, "cannot read " + ServerMXBean.OBJECT_NAME + " attributes " + missing,
                    null);
        }
        if (!(values.get("Term") instanceof Number term)) {
            throw RemoteFailures.remoteError(url, "the Term of " + ServerMXBean.OBJECT_NAME + " is not a number: "
                    + AnswerLimits.preview(values.get("Term")), null);
        }
        return new MemberView(string(values.get("Name")), string(values.get("Role")), string(values.get("ClusterId")),
                term.longValue(), string(values.get("MasterName")));
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /** {@code name}, one of Ripple's own object names, which are well formed. */
    static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
