package io.ripple.management;

import java.util.Optional;
import java.util.Set;
import javax.management.ObjectName;

/**
 * What a remote caller may do to an MBean, on either channel: the one rule set that the JMX connector's
 * {@link JmxAccessForwarder} and Jolokia's {@link RoleRestrictor} both apply. Pure logic: the channel gathers the
 * facts (the caller's {@link AccessFile.Grant}, the MBean's class, whether an operation only reads) into a
 * {@link Request}.
 *
 * <p>In order: a caller without a role may do nothing; nobody may create, register or unregister MBeans, instantiate
 * or deserialize, or reach a class loader; nobody may invoke or write on an MBean whose class belongs to
 * {@code javax.management.loading} (an MLet loads classes from a URL), even one the host registered itself; readonly
 * callers never write and never invoke except the operations that only read on Ripple's MBeans; outside the
 * {@code ripple} domain (the JVM's own MBeans and the host's) attributes may be read by everyone with a role, but
 * operations and writes need {@value AccessFile#JVM_CONTROL} on the caller's line of the access file. Jolokia's pull
 * of a client's own notifications is a read.
 */
public final class ManagementPolicy {

    /** Ripple's own domain: its MBeans are checked by role only. */
    public static final String RIPPLE_DOMAIN = "ripple";
    private static final String CLASS_LOADING_PACKAGE = "javax.management.loading.";
    private static final String NOTIFICATION_STORE_DOMAIN = "jolokia";
    private static final String NOTIFICATION_STORE_TYPE = "NotificationStore";
    private static final String NOTIFICATION_PULL = "pull";

    /** What a request does. */
    public enum Action {
        /** Query names, MBean info, instance checks, counts, domains. */
        QUERY,
        /** Read attributes. */
        READ_ATTRIBUTE,
        /** Add or remove a notification listener. */
        LISTEN,
        /** Write attributes. */
        WRITE_ATTRIBUTE,
        /** Invoke an operation. */
        INVOKE,
        /** createMBean, registerMBean, unregisterMBean: never. */
        MBEAN_LIFECYCLE,
        /** instantiate, deserialize, getClassLoader, getClassLoaderFor, getClassLoaderRepository: never. */
        CLASS_LOADING
    }

    private static final Set<Action> CHANGES = Set.of(Action.WRITE_ATTRIBUTE, Action.INVOKE);

    /**
     * One request of one caller.
     *
     * @param user the caller's user name, for messages
     * @param grant the caller's line of the access file, empty when the caller has no role
     * @param action what the request does
     * @param method the name of what was called ({@code invoke}, {@code createMBean}…), for messages
     * @param name the MBean, or {@code null} when the request names none
     * @param member the operation or attribute, or {@code null}
     * @param mbeanClass the MBean's class name when known, else {@code null}
     * @param readOnlyOperation whether the operation declares that it only reads (impact INFO)
     */
    public record Request(String user, Optional<AccessFile.Grant> grant, Action action, String method, ObjectName name,
                          String member, String mbeanClass, boolean readOnlyOperation) {
    }

    private ManagementPolicy() {
    }

    /** Why the request is refused, or empty when it is allowed. */
    public static Optional<String> refusal(Request request) {
        if (request.grant().isEmpty()) {
            return deny("user '" + request.user() + "' has no role");
        }
        if (request.action() == Action.MBEAN_LIFECYCLE || request.action() == Action.CLASS_LOADING) {
            return deny("no remote user may call " + request.method());
        }
        if (request.mbeanClass() != null && request.mbeanClass().startsWith(CLASS_LOADING_PACKAGE)) {
            return deny("no remote user may call " + request.method() + " on " + request.name() + ": it is a "
                    + request.mbeanClass() + " and no remote user may reach class loading");
        }
        if (!CHANGES.contains(request.action()) || isNotificationPull(request)) {
            return Optional.empty();
        }
        AccessFile.Grant grant = request.grant().get();
        boolean ripple = isRipple(request.name());
        if (grant.role() == AccessFile.Role.READONLY
                && !(ripple && request.action() == Action.INVOKE && request.readOnlyOperation())) {
            return deny("user '" + request.user() + "' is readonly and may not call " + request.method());
        }
        if (!ripple && !grant.jvmControl()) {
            return deny("user '" + request.user() + "' may not call " + request.method() + " on " + request.name()
                    + ": MBeans outside the ripple domain are read-only unless the access file grants '"
                    + AccessFile.JVM_CONTROL + "' to '" + request.user() + "'");
        }
        return Optional.empty();
    }

    /** Whether the name is one MBean of Ripple's own domain (a pattern is not). */
    static boolean isRipple(ObjectName name) {
        return name != null && !name.isDomainPattern() && RIPPLE_DOMAIN.equals(name.getDomain());
    }

    /**
     * A pull of a Jolokia client's own notifications (a client id is a random UUID known to its registrant only): it
     * reads what the client's listeners received. Jolokia may name the operation with its signature.
     */
    private static boolean isNotificationPull(Request request) {
        ObjectName name = request.name();
        String operation = request.member();
        if (request.action() != Action.INVOKE || name == null || operation == null || name.isPattern()) {
            return false;
        }
        int paren = operation.indexOf('(');
        String bare = paren < 0 ? operation : operation.substring(0, paren);
        return NOTIFICATION_STORE_DOMAIN.equals(name.getDomain())
                && NOTIFICATION_STORE_TYPE.equals(name.getKeyProperty("type")) && NOTIFICATION_PULL.equals(bare);
    }

    private static Optional<String> deny(String reason) {
        return Optional.of("Access denied: " + reason);
    }
}
