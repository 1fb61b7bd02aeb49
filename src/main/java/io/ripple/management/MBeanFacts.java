package io.ripple.management;

import io.ripple.management.ManagementPolicy.Action;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** What {@link ManagementPolicy} needs to know about an MBean, as its MBeanServer describes it. */
final class MBeanFacts {

    private MBeanFacts() {
    }

    /** The policy's request for a call to {@code server}, with the facts it needs looked up only where they matter. */
    static ManagementPolicy.Request request(MBeanServer server, String user, Optional<AccessFile.Grant> grant,
                                           Action action, String method, ObjectName name, String member) {
        boolean changes = action == Action.INVOKE || action == Action.WRITE_ATTRIBUTE;
        boolean readOnlyOperation = action == Action.INVOKE
                && grant.filter(g -> g.role() == AccessFile.Role.READONLY).isPresent()
                && isReadOnly(server, name, member);
        return new ManagementPolicy.Request(user, grant, action, method, name, member,
                changes ? className(server, name) : null, readOnlyOperation);
    }

    /** Whether the operation only reads, as its MBean declares it (impact INFO): what a readonly user may invoke. */
    static boolean isReadOnly(MBeanServer server, ObjectName name, String operation) {
        if (name == null || operation == null || name.isPattern()) {
            return false;
        }
        // Jolokia may name an operation with its signature: "op(java.lang.String)"
        int paren = operation.indexOf('(');
        String bare = paren < 0 ? operation : operation.substring(0, paren);
        MBeanInfo info = info(server, name);
        if (info == null) {
            return false;
        }
        boolean found = false;
        for (MBeanOperationInfo op : info.getOperations()) {
            if (op.getName().equals(bare)) {
                if (op.getImpact() != MBeanOperationInfo.INFO) {
                    return false;
                }
                found = true;
            }
        }
        return found;
    }

    /** The MBean's class name, or {@code null} when there is no such single MBean. */
    static String className(MBeanServer server, ObjectName name) {
        if (name == null || name.isPattern()) {
            return null;
        }
        try {
            return server.getObjectInstance(name).getClassName();
        } catch (JMException e) {
            return null;
        }
    }

    private static MBeanInfo info(MBeanServer server, ObjectName name) {
        try {
            return server.getMBeanInfo(name);
        } catch (JMException e) {
            return null;
        }
    }
}
