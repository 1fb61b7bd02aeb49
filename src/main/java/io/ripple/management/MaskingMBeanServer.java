package io.ripple.management;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * An MBeanServer that answers as the one it wraps, except that attribute reads pass through {@link SecretMask}: what
 * the Jolokia agent serves, whose every reader is remote.
 */
final class MaskingMBeanServer implements InvocationHandler {

    private final MBeanServer target;

    private MaskingMBeanServer(MBeanServer target) {
        this.target = target;
    }

    static MBeanServer wrap(MBeanServer target) {
        return (MBeanServer) Proxy.newProxyInstance(MBeanServer.class.getClassLoader(),
                new Class<?>[] {MBeanServer.class}, new MaskingMBeanServer(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "masking " + target;
            };
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        return switch (method.getName()) {
            case "getAttribute" -> SecretMask.attribute((ObjectName) args[0], (String) args[1], result);
            case "getAttributes" -> SecretMask.attributes((ObjectName) args[0], (AttributeList) result);
            default -> result;
        };
    }
}
