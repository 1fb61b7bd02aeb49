package io.ripple.management;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import org.jolokia.json.JSONObject;
import org.jolokia.server.core.request.EmptyResponseException;
import org.jolokia.server.core.request.JolokiaNotificationRequest;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.request.JolokiaRequestFactory;
import org.jolokia.server.core.request.NotChangedException;
import org.jolokia.server.core.request.ProcessingParameters;
import org.jolokia.server.core.request.notification.NotificationCommandType;
import org.jolokia.server.core.request.notification.UnregisterCommand;
import org.jolokia.server.core.service.api.AbstractJolokiaService;
import org.jolokia.server.core.service.api.JolokiaContext;
import org.jolokia.server.core.service.request.RequestHandler;

/**
 * Works around a Jolokia 2.4.2 bug: its {@code unregister} of a notification client removes the client's listeners
 * while it iterates over them, so a client with two or more listeners gets a {@code ConcurrentModificationException}
 * (HTTP 500) and keeps all but one of its listeners (docs/JOLOKIA-NOTIFICATIONS.md). This handler takes an
 * {@code unregister} before Jolokia's own: it removes the client's listeners one {@code remove} at a time, then lets
 * Jolokia's {@code unregister} end a client that has none left. Each step is an ordinary notification request, run by
 * Jolokia's own handler.
 */
final class NotificationUnregister extends AbstractJolokiaService<RequestHandler> implements RequestHandler {

    /** After the {@link RequestGate}, which judges every request first, and before Jolokia's own handlers. */
    static final int ORDER = RequestGate.FIRST + 1;

    private volatile JolokiaContext context;

    NotificationUnregister() {
        super(RequestHandler.class, ORDER);
    }

    @Override
    public void init(JolokiaContext jolokiaContext) {
        super.init(jolokiaContext);
        this.context = jolokiaContext;
    }

    @Override
    public boolean canHandle(JolokiaRequest request) {
        return request instanceof JolokiaNotificationRequest notification
                && notification.getCommand().getType() == NotificationCommandType.UNREGISTER;
    }

    @Override
    public <R extends JolokiaRequest> Object handleRequest(R request, Object previousResult)
            throws JMException, IOException, NotChangedException, EmptyResponseException {
        String client = ((JolokiaNotificationRequest) request).<UnregisterCommand>getCommand().getClient();
        // Jolokia's list answers for an unknown client with its own error, as its unregister would
        Object listeners = passOn(command(Map.of("command", "list", "client", client)));
        if (listeners instanceof Map<?, ?> handles) {
            for (Object handle : new ArrayList<>(handles.keySet())) {
                passOn(command(Map.of("command", "remove", "client", client, "handle", String.valueOf(handle))));
            }
        }
        return passOn(request);
    }

    private static JolokiaRequest command(Map<String, String> fields) {
        JSONObject json = new JSONObject();
        json.put("type", "notification");
        json.putAll(fields);
        return JolokiaRequestFactory.createPostRequest(json, new ProcessingParameters(Map.of()));
    }

    /** Runs the request by the first handler after this one that takes it: Jolokia's notification handler. */
    private Object passOn(JolokiaRequest request) throws JMException, IOException, NotChangedException, EmptyResponseException {
        List<RequestHandler> handlers = new ArrayList<>(context.getServices(RequestHandler.class));
        for (RequestHandler handler : handlers) {
            if (handler != this && handler.getOrder() > ORDER && handler.canHandle(request)) {
                return handler.handleRequest(request, null);
            }
        }
        throw new IllegalStateException("No Jolokia handler serves notification requests");
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
