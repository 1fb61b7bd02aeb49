package io.ripple.management;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * Jolokia's access check: the role of the request's user (read from the {@link Caller} that
 * {@link JolokiaEndpoint} puts on the serving thread) and, when given, a Jolokia policy; a request
 * passes only when both allow it.
 */
final class RoleRestrictor implements Restrictor {

    private static final Set<RequestType> READONLY_TYPES =
            Set.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH, RequestType.VERSION, RequestType.EXEC);

    private final Function<String, Optional<AccessFile.Role>> roles;
    private final Restrictor policy;
    private final MBeanServer server;

    /**
     * @param roles the role of a user
     * @param policy the Jolokia policy restrictor, or {@code null} for none
     * @param server the MBeanServer the agent serves, where an operation's impact is looked up
     */
    RoleRestrictor(Function<String, Optional<AccessFile.Role>> roles, Restrictor policy, MBeanServer server) {
        this.roles = roles;
        this.policy = policy;
        this.server = server;
    }

    private Optional<AccessFile.Role> role() {
        Caller caller = Caller.currentJolokia();
        // Jolokia consults the restrictor outside a request only for housekeeping: grant nothing.
        return caller == null ? Optional.empty() : roles.apply(caller.user());
    }

    private boolean mayWrite() {
        return role().filter(r -> r == AccessFile.Role.READWRITE).isPresent();
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return policy == null || policy.isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        Optional<AccessFile.Role> role = role();
        boolean byRole = role.isPresent()
                && (role.get() == AccessFile.Role.READWRITE || READONLY_TYPES.contains(type));
        return byRole && (policy == null || policy.isTypeAllowed(type));
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return role().isPresent() && (policy == null || policy.isAttributeReadAllowed(name, attribute));
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return mayWrite() && (policy == null || policy.isAttributeWriteAllowed(name, attribute));
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        boolean byRole = mayWrite() || (role().isPresent()
                && OperationImpact.isReadOnly(server, name, operation));
        return byRole && (policy == null || policy.isOperationAllowed(name, operation));
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return policy == null || policy.isRemoteAccessAllowed(hostOrAddress);
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        if (policy != null) {
            return policy.isOriginAllowed(origin, strictCheck);
        }
        // Without a policy, never tell a browser it may send our users' credentials cross-origin;
        // the server-side (strict) check is left to authentication.
        return strictCheck || origin == null;
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return policy != null && policy.isObjectNameHidden(name);
    }

    @Override
    public boolean ignoreScheme() {
        return policy != null && policy.ignoreScheme();
    }
}
