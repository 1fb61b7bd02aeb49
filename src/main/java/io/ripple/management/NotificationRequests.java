package io.ripple.management;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * What Jolokia notification requests this agent serves: to users the restrictor allows the {@code notification} type
 * (any role, and the policy's {@code <commands>}), in pull mode only, listeners on {@code ripple} MBeans only.
 * Jolokia 2.4.2 checks a notification request against nothing (its handler skips the restrictor altogether), so all of
 * it is checked here. Listening only reads: the notifications carry what the MBeans' attributes already show.
 */
final class NotificationRequests {

    /** The MBean domain whose notifications may be listened to. */
    static final String DOMAIN = "ripple";
    /** The commands of pull mode; {@code open} (server-sent events) holds a serving thread per client and is not served. */
    private static final Set<String> COMMANDS = Set.of("register", "unregister", "add", "remove", "ping", "list");
    private static final String PULL = "pull";

    private NotificationRequests() {
    }

    /**
     * Why this agent refuses one request of a (possibly bulk) body, or empty when it is not a refused notification request.
     *
     * @param typeAllowed whether the restrictor allows the caller notification requests
     */
    static Optional<String> refusal(JsonNode request, BooleanSupplier typeAllowed) {
        if (request == null || !"notification".equals(request.path("type").asText())) {
            return Optional.empty();
        }
        if (!typeAllowed.getAsBoolean()) {
            return Optional.of("Request type notification is not allowed");
        }
        String command = request.path("command").asText();
        if (!COMMANDS.contains(command)) {
            return Optional.of("Notification command '" + command + "' is not served: use pull mode (register, add, "
                    + "then exec pull on jolokia:type=NotificationStore)");
        }
        if (!"add".equals(command)) {
            return Optional.empty();
        }
        if (!PULL.equals(request.path("mode").asText())) {
            return Optional.of("Notification mode '" + request.path("mode").asText() + "' is not served: only pull");
        }
        String mbean = request.path("mbean").asText();
        try {
            ObjectName name = new ObjectName(mbean);
            if (name.isPattern() || !DOMAIN.equals(name.getDomain())) {
                return Optional.of("Notifications of " + mbean + " are not served: only of MBeans in the " + DOMAIN + " domain");
            }
            return Optional.empty();
        } catch (MalformedObjectNameException e) {
            return Optional.of("Invalid MBean name '" + mbean + "' in a notification request");
        }
    }
}
