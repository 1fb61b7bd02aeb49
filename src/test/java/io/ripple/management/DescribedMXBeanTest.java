package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
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
}
