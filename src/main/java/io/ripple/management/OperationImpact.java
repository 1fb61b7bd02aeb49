package io.ripple.management;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Whether an operation only reads, as its MBean declares it (impact INFO): what a readonly user may invoke. */
final class OperationImpact {

    private OperationImpact() {
    }

    static boolean isReadOnly(MBeanServer server, ObjectName name, String operation) {
        if (name == null || operation == null || name.isPattern()) {
            return false;
        }
        // Jolokia may name an operation with its signature: "op(java.lang.String)"
        int paren = operation.indexOf('(');
        String bare = paren < 0 ? operation : operation.substring(0, paren);
        try {
            boolean found = false;
            for (MBeanOperationInfo op : server.getMBeanInfo(name).getOperations()) {
                if (op.getName().equals(bare)) {
                    if (op.getImpact() != MBeanOperationInfo.INFO) {
                        return false;
                    }
                    found = true;
                }
            }
            return found;
        } catch (JMException e) {
            return false;
        }
    }
}
