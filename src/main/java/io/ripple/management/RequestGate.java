package io.ripple.management;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.management.IntrospectionException;
import javax.management.JMException;
import javax.management.MBeanInfo;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import org.jolokia.server.core.request.JolokiaExecRequest;
import org.jolokia.server.core.request.JolokiaNotificationRequest;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.request.JolokiaWriteRequest;
import org.jolokia.server.core.service.api.AbstractJolokiaService;
import org.jolokia.server.core.service.api.JolokiaContext;
import org.jolokia.server.core.service.request.RequestHandler;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.jolokia.server.core.util.jmx.MBeanServerAccess;

/**
 * Judges every request as Jolokia parsed it, before any of Jolokia's handlers runs it: its type whatever the client's
 * spelling, the HTTP method it came with (whether from the URL path, the {@code p} parameter or a body), its options
 * and its arguments. So no spelling or encoding of a request can differ between what is checked and what is run.
 *
 * <p>It refuses: exec, write and notification requests sent with GET (a link or an image on any page can send a GET
 * with a browser's cached credentials); requests to be forwarded to another JMX server ({@code target}); the
 * {@code version} and {@code config} types to callers the restrictor does not allow them (Jolokia's handlers of these
 * ask the restrictor nothing, so a user without a role could read them); notification requests outside what
 * {@link NotificationRequests} serves; and exec requests whose boolean arguments are not booleans, or write
 * requests of a boolean attribute whose value is not one ({@link BooleanArguments}), for callers allowed the operation
 * or the write at all (the others get Jolokia's own refusal). The JSR-160 proxy is disabled, and Jolokia would answer
 * a request with a {@code target} from this JVM as if it came from the target.
 *
 * <p>A Jolokia request handler that never handles anything: Jolokia's dispatcher asks each handler, first to last,
 * whether it handles a request; this one is first, and answers by throwing the refusal (which Jolokia turns into that
 * request's error: 403 for a {@link SecurityException}, 400 for an {@link IllegalArgumentException}, and for a bulk
 * request into the error of that element only) or with {@code false}, so that Jolokia's own handlers run.
 */
final class RequestGate extends AbstractJolokiaService<RequestHandler> implements RequestHandler {

    static final String GET_REFUSED = "exec and write must be sent as POST requests";
    static final String NOTIFICATION_GET_REFUSED = "notification requests must be sent as POST requests";
    static final String PROXY_REFUSED = "Proxy requests ('target') are not allowed: this agent answers for its own JVM only";
    /** Before Jolokia's own handlers, of which the config (-2) and version (-1) handlers come first. */
    static final int FIRST = -1000;
    private static final String TARGET_OPTION = "target";
    /** The types whose Jolokia handlers consult no restrictor. */
    private static final Set<RequestType> UNRESTRICTED_TYPES = Set.of(RequestType.VERSION, RequestType.CONFIG);

    private volatile JolokiaContext context;

    RequestGate() {
        super(RequestHandler.class, FIRST);
    }

    @Override
    public void init(JolokiaContext jolokiaContext) {
        super.init(jolokiaContext);
        this.context = jolokiaContext;
    }

    /**
     * Never handles a request: throws the request's refusal, or answers {@code false}.
     *
     * @throws SecurityException when the request is refused
     * @throws IllegalArgumentException when a boolean argument is not a boolean
     */
    @Override
    public boolean canHandle(JolokiaRequest request) {
        JolokiaContext jolokia = context;
        Optional<String> refusal = refusal(request, jolokia::isTypeAllowed);
        if (refusal.isPresent()) {
            throw new SecurityException(refusal.get());
        }
        if (request instanceof JolokiaExecRequest exec && exec.getObjectName() != null
                && jolokia.isOperationAllowed(exec.getObjectName(), exec.getOperation())) {
            for (Map.Entry<ObjectName, MBeanInfo> mbean : infos(jolokia.getMBeanServerAccess(), exec.getObjectName()).entrySet()) {
                BooleanArguments.refusal(mbean.getKey(), exec.getOperation(), exec.getArguments(), mbean.getValue())
                        .ifPresent(RequestGate::refuseValue);
            }
        }
        if (request instanceof JolokiaWriteRequest write && write.getObjectName() != null
                && jolokia.isAttributeWriteAllowed(write.getObjectName(), write.getAttributeName())) {
            for (Map.Entry<ObjectName, MBeanInfo> mbean : infos(jolokia.getMBeanServerAccess(), write.getObjectName()).entrySet()) {
                BooleanArguments.valueRefusal(mbean.getKey(), write.getAttributeName(), write.getValue(), write.getPathParts(),
                        mbean.getValue()).ifPresent(RequestGate::refuseValue);
            }
        }
        return false;
    }

    private static void refuseValue(String why) {
        throw new IllegalArgumentException(why);
    }

    /**
     * Why the request is refused whoever may run what, or empty.
     *
     * @param typeAllowed whether the restrictor allows the caller a request type
     */
    static Optional<String> refusal(JolokiaRequest request, Predicate<RequestType> typeAllowed) {
        RequestType type = request.getType();
        if (request.getHttpMethod() == HttpMethod.GET) {
            if (type == RequestType.EXEC || type == RequestType.WRITE) {
                return Optional.of(GET_REFUSED);
            }
            if (type == RequestType.NOTIFICATION) {
                return Optional.of(NOTIFICATION_GET_REFUSED);
            }
        }
        if (request.getOption(TARGET_OPTION) != null) {
            return Optional.of(PROXY_REFUSED);
        }
        if (UNRESTRICTED_TYPES.contains(type) && !typeAllowed.test(type)) {
            return Optional.of("Request type " + type.getName() + " is not allowed");
        }
        if (request instanceof JolokiaNotificationRequest notification) {
            return NotificationRequests.refusal(notification, () -> typeAllowed.test(RequestType.NOTIFICATION));
        }
        return Optional.empty();
    }

    /**
     * The info of the MBean, or of each MBean a pattern names, that Jolokia would invoke; an MBean Jolokia cannot find
     * is left out (Jolokia reports it).
     */
    private static Map<ObjectName, MBeanInfo> infos(MBeanServerAccess servers, ObjectName name) {
        Map<ObjectName, MBeanInfo> infos = new LinkedHashMap<>();
        try {
            for (ObjectName each : name.isPattern() ? servers.queryNames(name) : Set.of(name)) {
                try {
                    infos.put(each, servers.call(each, (connection, objectName, extra) -> {
                        try {
                            return connection.getMBeanInfo(objectName);
                        } catch (IntrospectionException e) {
                            throw new ReflectionException(e);
                        }
                    }));
                } catch (JMException | IOException gone) {
                    // not there (any more): Jolokia answers for it
                }
            }
        } catch (IOException e) {
            // the query failed: so will Jolokia's own, and it answers for it
        }
        return infos;
    }

    /** Never called: {@link #canHandle} answers {@code false} for every request it lets through. */
    @Override
    public <R extends JolokiaRequest> Object handleRequest(R request, Object previousResult) {
        throw new IllegalStateException("The request gate handles no request");
    }

    @Override
    public String getProvider() {
        return null;
    }

    @Override
    public Object getRuntimeInfo() {
        return null;
    }
}
