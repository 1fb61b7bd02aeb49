package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class MBeanRegistryTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    @Test
    void replacesAnMBeanOfTheSameNameAndUnregistersAllOnClose() throws Exception {
        Sample first = new Sample();
        Sample second = new Sample();
        second.setLevel(7);
        ObjectName name = new ObjectName("ripple.test:type=Sample");
        ObjectName other = new ObjectName("ripple.test:type=Other");

        try (MBeanRegistry registry = new MBeanRegistry(server)) {
            registry.register(name.toString(), first, SampleMXBean.class);
            registry.register(name.toString(), second, SampleMXBean.class);
            registry.register(other.toString(), first, SampleMXBean.class);

            assertThat(server.getAttribute(name, "Level")).isEqualTo(7);
            assertThat(server.getAttribute(other, "Level")).isEqualTo(1);
        }
        assertThat(server.isRegistered(name)).isFalse();
        assertThat(server.isRegistered(other)).isFalse();
    }

    @Test
    void closeToleratesMBeansUnregisteredByOthers() throws Exception {
        MBeanRegistry registry = new MBeanRegistry(server);
        registry.register("ripple.test:type=Sample", new Sample(), SampleMXBean.class);
        server.unregisterMBean(new ObjectName("ripple.test:type=Sample"));

        registry.close();

        assertThat(server.queryNames(new ObjectName("ripple.test:*"), null)).isEmpty();
    }

    @Test
    void refusesAMalformedName() {
        try (MBeanRegistry registry = new MBeanRegistry(server)) {
            assertThatThrownBy(() -> registry.register("no colon", new Sample(), SampleMXBean.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid ObjectName 'no colon'");
        }
    }
}
