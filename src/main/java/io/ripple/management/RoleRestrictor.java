package io.ripple.management;

import io.ripple.management.ManagementPolicy.Action;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jolokia's access check: {@link ManagementPolicy} for the request's user (read from the {@link Caller} that
 * {@link JolokiaEndpoint} puts on the serving thread) and, when given, a Jolokia policy; a request passes only when
 * both allow it.
 */
final class RoleRestrictor implements Restrictor {

    private static final Logger LOG = LoggerFactory.getLogger(RoleRestrictor.class);

    // NOTIFICATION: listening only reads, and JolokiaEndpoint serves it for the ripple domain in pull mode only.
    private static final Set<RequestType> READONLY_TYPES = Set.of(RequestType.READ, RequestType.LIST,
            RequestType.SEARCH, RequestType.VERSION, RequestType.EXEC, RequestType.NOTIFICATION);

    private final Function<String, Optional<AccessFile.Grant>> grants;
    private final Restrictor policy;
    private final MBeanServer server;

    /**
     * @param grants the access file's line of a user
     * @param policy the Jolokia policy restrictor, or {@code null} for none
     * @param server the MBeanServer the agent serves, where an operation's impact is looked up
     */
    RoleRestrictor(Function<String, Optional<AccessFile.Grant>> grants, Restrictor policy, MBeanServer server) {
        this.grants = grants;
        this.policy = policy;
        this.server = server;
    }

    private Optional<AccessFile.Grant> grant() {
        Caller caller = Caller.currentJolokia();
        // Jolokia consults the restrictor outside a request only for housekeeping: grant nothing.
        return caller == null ? Optional.empty() : grants.apply(caller.user());
    }

    private boolean allows(Action action, String method, ObjectName name, String member) {
        Caller caller = Caller.currentJolokia();
        Optional<String> refusal = ManagementPolicy.refusal(MBeanFacts.request(server,
                caller == null ? null : caller.user(), grant(), action, method, name, member));
        // Jolokia answers with its own words ("Operation gc forbidden for MBean ..."): the rule is in the log
        refusal.ifPresent(reason -> LOG.debug("Jolokia {} of {} {} refused: {}", method, name, member, reason));
        return refusal.isEmpty();
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return policy == null || policy.isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        Optional<AccessFile.Grant> grant = grant();
        boolean byRole = grant.isPresent()
                && (grant.get().role() == AccessFile.Role.READWRITE || READONLY_TYPES.contains(type));
        return byRole && (policy == null || policy.isTypeAllowed(type));
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return allows(Action.READ_ATTRIBUTE, "read", name, attribute)
                && (policy == null || policy.isAttributeReadAllowed(name, attribute));
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return allows(Action.WRITE_ATTRIBUTE, "write", name, attribute)
                && (policy == null || policy.isAttributeWriteAllowed(name, attribute));
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return allows(Action.INVOKE, "exec", name, operation)
                && (policy == null || policy.isOperationAllowed(name, operation));
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return policy == null || policy.isRemoteAccessAllowed(hostOrAddress);
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        if (strictCheck && origin != null) {
            // The server-side check of every request. A browser attaches its cached basic-auth
            // credentials to a request that another site's page makes (cross-site request forgery),
            // so a request that names an origin (or a referer) must name an allowed one, whether or
            // not the policy asks for <strict-checking/>. Scripts and servers send neither.
            return policy != null && policy.isOriginAllowed(origin, true)
                    && policy.isOriginAllowed(originOf(origin), false);
        }
        if (policy != null) {
            return policy.isOriginAllowed(origin, strictCheck);
        }
        // Without a policy, never tell a browser it may send our users' credentials cross-origin.
        return origin == null;
    }

    /** The scheme://host[:port] of an Origin header or of a Referer URL. */
    private static String originOf(String originOrReferer) {
        try {
            URI uri = new URI(originOrReferer);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (URISyntaxException e) {
            // not a URL: compared as it is
        }
        return originOrReferer;
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
