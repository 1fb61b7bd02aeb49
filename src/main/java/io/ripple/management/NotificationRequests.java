package io.ripple.management;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.management.ObjectName;
import org.jolokia.server.core.request.JolokiaNotificationRequest;
import org.jolokia.server.core.request.notification.AddCommand;
import org.jolokia.server.core.request.notification.NotificationCommand;
import org.jolokia.server.core.request.notification.NotificationCommandType;

/**
 * What Jolokia notification requests this agent serves: to users the restrictor allows the {@code notification} type
 * (any role, and the policy's {@code <commands>}), in pull mode only, listeners on {@code ripple} MBeans only.
 * Jolokia 2.4.2 checks a notification request against nothing (its handler skips the restrictor altogether), so all of
 * it is checked here, on the request as Jolokia parsed it: its type and command in whatever case the client wrote them.
 * Listening only reads: the notifications carry what the MBeans' attributes already show.
 */
final class NotificationRequests {

    /** The MBean domain whose notifications may be listened to. */
    static final String DOMAIN = "ripple";
    /** The commands of pull mode; {@code open} (server-sent events) holds a serving thread per client and is not served. */
    private static final Set<NotificationCommandType> COMMANDS = EnumSet.of(NotificationCommandType.REGISTER,
            NotificationCommandType.UNREGISTER, NotificationCommandType.ADD, NotificationCommandType.REMOVE,
            NotificationCommandType.PING, NotificationCommandType.LIST);
    /** The backend of pull mode; Jolokia looks backends up by this exact name. */
    private static final String PULL = "pull";

    private NotificationRequests() {
    }

    /**
     * Why this agent refuses a notification request, or empty when it serves it.
     *
     * @param typeAllowed whether the restrictor allows the caller notification requests
     */
    static Optional<String> refusal(JolokiaNotificationRequest request, BooleanSupplier typeAllowed) {
        if (!typeAllowed.getAsBoolean()) {
            return Optional.of("Request type notification is not allowed");
        }
        NotificationCommand command = request.getCommand();
        if (!COMMANDS.contains(command.getType())) {
            return Optional.of("Notification command '" + command.getType().getType() + "' is not served: use pull mode "
                    + "(register, add, then exec pull on jolokia:type=NotificationStore)");
        }
        if (!(command instanceof AddCommand add)) {
            return Optional.empty();
        }
        if (!PULL.equals(add.getMode())) {
            return Optional.of("Notification mode '" + add.getMode() + "' is not served: only pull");
        }
        ObjectName name = add.getObjectName();
        if (name.isPattern() || !DOMAIN.equals(name.getDomain())) {
            return Optional.of("Notifications of " + name + " are not served: only of MBeans in the " + DOMAIN + " domain");
        }
        return Optional.empty();
    }
}
