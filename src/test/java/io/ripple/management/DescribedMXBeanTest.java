package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class DescribedMXBeanTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    @Test
    void mbeanInfoCarriesDescriptionsAndParameterNames() throws Exception {
        ObjectName name = new ObjectName("ripple.test:type=Sample");
        server.registerMBean(DescribedMXBean.of(new Sample(), SampleMXBean.class), name);

        MBeanInfo info = server.getMBeanInfo(name);
        Map<String, MBeanAttributeInfo> attributes = Arrays.stream(info.getAttributes())
                .collect(Collectors.toMap(MBeanAttributeInfo::getName, a -> a));
        Map<String, MBeanOperationInfo> operations = Arrays.stream(info.getOperations())
                .collect(Collectors.toMap(MBeanOperationInfo::getName, o -> o));

        assertThat(info.getDescription()).isEqualTo("A sample MBean for tests");
        assertThat(attributes.get("Name").getDescription()).isEqualTo("The sample's name");
        assertThat(attributes.get("Enabled").getDescription()).isEqualTo("Whether the sample is on");
        assertThat(attributes.get("Level").getDescription()).isEqualTo("A number that can be changed");
        assertThat(attributes.get("Level").isWritable()).isTrue();
        assertThat(operations.get("whoAmI").getDescription()).isEqualTo("Who is calling, as Caller.current() sees it");
        assertThat(operations.get("whoAmI").getSignature()).isEmpty();
        MBeanOperationInfo add = operations.get("add");
        assertThat(add.getDescription()).isEqualTo("Adds two numbers");
        assertThat(add.getSignature()).extracting("name").containsExactly("left", "right");
        assertThat(add.getSignature()).extracting("description")
                .containsExactly("the first number", "the second number");
        assertThat(server.invoke(name, "add", new Object[] {2, 3}, new String[] {"int", "int"})).isEqualTo(5);
    }

    @Test
    void isAnMXBean() throws Exception {
        ObjectName name = new ObjectName("ripple.test:type=Sample");
        server.registerMBean(DescribedMXBean.of(new Sample(), SampleMXBean.class), name);

        assertThat(server.getMBeanInfo(name).getDescriptor().getFieldValue("mxbean")).isEqualTo("true");
        assertThat(ManagementFactory.getPlatformMBeanServer()).isNotSameAs(server);
    }

    /** An emitting sample: its notifications are declared, and reach a listener through the wrapper. */
    static final class EmittingSample extends javax.management.NotificationBroadcasterSupport implements SampleMXBean {
        private final Sample sample = new Sample();

        EmittingSample() {
            super(new javax.management.MBeanNotificationInfo(new String[] {"ripple.test.event"},
                    javax.management.Notification.class.getName(), "A test event"));
        }

        @Override public String getName() { return sample.getName(); }
        @Override public boolean isEnabled() { return sample.isEnabled(); }
        @Override public int getLevel() { return sample.getLevel(); }
        @Override public void setLevel(int level) { sample.setLevel(level); }
        @Override public int add(int left, int right) { return sample.add(left, right); }
        @Override public String whoAmI() { return sample.whoAmI(); }
        @Override public String block() { return sample.block(); }

        void fire() {
            sendNotification(new javax.management.Notification("ripple.test.event", "sample", 1, "fired"));
        }
    }

    @Test
    void anEmitterListsItsNotificationsAndKeepsItsDescriptions() throws Exception {
        ObjectName name = new ObjectName("ripple.test:type=Emitting");
        EmittingSample impl = new EmittingSample();
        server.registerMBean(DescribedMXBean.of(impl, SampleMXBean.class), name);

        MBeanInfo info = server.getMBeanInfo(name);
        assertThat(info.getNotifications()).hasSize(1);
        assertThat(info.getNotifications()[0].getNotifTypes()).containsExactly("ripple.test.event");
        assertThat(info.getNotifications()[0].getDescription()).isEqualTo("A test event");
        assertThat(info.getDescription()).isEqualTo("A sample MBean for tests");
        assertThat(info.getDescriptor().getFieldValue("mxbean")).isEqualTo("true");
        assertThat(Arrays.stream(info.getOperations()).filter(o -> o.getName().equals("add")).findFirst().orElseThrow()
                .getSignature()).extracting("name").containsExactly("left", "right");

        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.addNotificationListener(name, (n, handback) -> heard.add(n.getType()), null, null);
        impl.fire();
        assertThat(heard).containsExactly("ripple.test.event");
    }

    /** JConsole, jmxterm and a Jolokia exec with a null argument: the refusal names the parameter, and nothing runs. */
    @Test
    void aNullForANumberParameterIsRefusedNamingTheParameter() throws Exception {
        ObjectName name = new ObjectName("ripple.test:type=Sample");
        server.registerMBean(DescribedMXBean.of(new Sample(), SampleMXBean.class), name);

        Throwable refusal = catchThrowable(() -> server.invoke(name, "add", new Object[] {2, null}, new String[] {"int", "int"}));

        assertThat(refusal).isInstanceOf(MBeanException.class);
        assertThat(((MBeanException) refusal).getTargetException()).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Operation add of ripple.test:type=Sample: parameter right (int) needs a value, not null.");
    }
}
