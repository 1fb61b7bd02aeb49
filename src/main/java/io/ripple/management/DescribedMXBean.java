package io.ripple.management;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.StandardMBean;

/**
 * An MXBean whose MBeanInfo carries the {@link Description} texts of its interface and the real
 * names of operation parameters, so that JConsole, VisualVM and Jolokia's {@code list} show them
 * instead of {@code p0}, {@code p1}. An implementation that emits notifications keeps doing so
 * through it.
 */
public class DescribedMXBean extends StandardMBean {

    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "char", "short", "int", "long", "float",
            "double");

    private volatile OperationGuard guard = OperationGuard.NONE;
    private volatile ObjectName name;

    <T> DescribedMXBean(T impl, Class<T> mxbeanInterface) {
        super(impl, mxbeanInterface, true);
    }

    /** Has {@code guard} judge every operation before it runs; returns this. */
    public DescribedMXBean guardedBy(OperationGuard guard) {
        this.guard = guard;
        return this;
    }

    /**
     * Runs the operation after the guard; a refusal or failure leaves as a {@link ConsoleRefusal}: a JDK exception with
     * the refusal's sentence, which every console can show.
     */
    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws MBeanException, ReflectionException {
        try {
            guard.check(actionName);
            refuseNullForValue(actionName, params, signature);
            return super.invoke(actionName, params, signature);
        } catch (javax.management.JMRuntimeException e) {
            throw e; // the JMX machinery's own (no such operation, wrong arguments): every console knows it
        } catch (RuntimeException e) {
            throw ConsoleRefusal.of(actionName, e);
        } catch (MBeanException e) {
            // a checked exception the operation declares, wrapped by the MXBean machinery
            throw e.getTargetException() == null ? e : ConsoleRefusal.of(actionName, e.getTargetException());
        }
    }

    @Override
    public ObjectName preRegister(MBeanServer server, ObjectName requested) throws Exception {
        name = super.preRegister(server, requested);
        return name;
    }

    /**
     * A null cannot become an int, long or boolean: the reflection call would fail with a bare IllegalArgumentException
     * that names nothing, so the parameter is named here, before anything runs. No operation takes a null list either:
     * it would end in a NullPointerException.
     */
    private void refuseNullForValue(String actionName, Object[] params, String[] signature) {
        if (params == null) {
            return;
        }
        for (MBeanOperationInfo op : getMBeanInfo().getOperations()) {
            MBeanParameterInfo[] parameters = op.getSignature();
            if (!op.getName().equals(actionName) || parameters.length != params.length
                    || signature != null && !Arrays.equals(signature, types(parameters))) {
                continue;
            }
            for (int i = 0; i < parameters.length; i++) {
                String type = parameters[i].getType();
                if (params[i] == null && (PRIMITIVES.contains(type) || type.startsWith("["))) {
                    throw new IllegalArgumentException("Operation " + actionName + " of " + name + ": parameter "
                            + parameters[i].getName() + " (" + parameters[i].getType() + ") needs a value, not null.");
                }
            }
        }
    }

    private static String[] types(MBeanParameterInfo[] parameters) {
        return Arrays.stream(parameters).map(MBeanParameterInfo::getType).toArray(String[]::new);
    }

    /**
     * Wraps an implementation of an MXBean interface.
     *
     * @throws IllegalArgumentException if the interface is not a valid MXBean interface
     */
    public static <T> DescribedMXBean of(T impl, Class<T> mxbeanInterface) {
        try {
            return impl instanceof NotificationEmitter
                    ? new DescribedEmitterMXBean(impl, mxbeanInterface) : new DescribedMXBean(impl, mxbeanInterface);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(mxbeanInterface.getName() + " is not an MXBean interface: "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return text(getMBeanInterface().getAnnotation(Description.class), super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        Optional<Method> getter = method("get" + info.getName(), 0)
                .or(() -> method("is" + info.getName(), 0))
                .or(() -> setter(info.getName()));
        return text(getter.map(m -> m.getAnnotation(Description.class)).orElse(null), super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return text(operation(info).map(m -> m.getAnnotation(Description.class)).orElse(null),
                super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return text(parameter(op, sequence).map(p -> p.getAnnotation(Description.class)).orElse(null),
                super.getDescription(op, param, sequence));
    }

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return operation(info).filter(m -> m.isAnnotationPresent(ReadOnly.class)).isPresent()
                ? MBeanOperationInfo.INFO : MBeanOperationInfo.ACTION;
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return parameter(op, sequence).filter(Parameter::isNamePresent).map(Parameter::getName)
                .orElseGet(() -> super.getParameterName(op, param, sequence));
    }

    private Optional<Method> operation(MBeanOperationInfo info) {
        return method(info.getName(), info.getSignature().length);
    }

    private Optional<Parameter> parameter(MBeanOperationInfo op, int sequence) {
        return operation(op).map(m -> m.getParameters()[sequence]);
    }

    private Optional<Method> setter(String attribute) {
        return method("set" + attribute, 1);
    }

    // Contract: operations are never overloaded, so name and arity find the method.
    private Optional<Method> method(String name, int parameterCount) {
        return Arrays.stream(getMBeanInterface().getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == parameterCount)
                .findFirst();
    }

    private static String text(Description description, String fallback) {
        return description != null ? description.value() : fallback;
    }
}
