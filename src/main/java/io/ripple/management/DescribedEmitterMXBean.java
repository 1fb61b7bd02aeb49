package io.ripple.management;

import javax.management.ListenerNotFoundException;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;

/**
 * A {@link DescribedMXBean} whose implementation emits notifications: listeners are passed on to it, and its
 * MBeanInfo lists the notifications, so that JConsole and VisualVM show them (a plain StandardMBean lists none).
 */
final class DescribedEmitterMXBean extends DescribedMXBean implements NotificationEmitter {

    private final NotificationEmitter emitter;
    private volatile MBeanInfo info;

    <T> DescribedEmitterMXBean(T impl, Class<T> mxbeanInterface) {
        super(impl, mxbeanInterface);
        this.emitter = (NotificationEmitter) impl;
    }

    @Override
    public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
        emitter.addNotificationListener(listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        emitter.removeNotificationListener(listener);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback)
            throws ListenerNotFoundException {
        emitter.removeNotificationListener(listener, filter, handback);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanInfo cached = info;
        if (cached == null) {
            MBeanInfo plain = super.getMBeanInfo();
            cached = new MBeanInfo(plain.getClassName(), plain.getDescription(), plain.getAttributes(),
                    plain.getConstructors(), plain.getOperations(), emitter.getNotificationInfo(), plain.getDescriptor());
            info = cached;
        }
        return cached;
    }

    @Override
    public MBeanNotificationInfo[] getNotificationInfo() {
        return emitter.getNotificationInfo();
    }
}
