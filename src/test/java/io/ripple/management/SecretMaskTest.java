package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskTest {

    static final ObjectName RUNTIME = name(ManagementFactory.RUNTIME_MXBEAN_NAME);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "-Djavax.net.ssl.keyStorePassword=hunter2 | -Djavax.net.ssl.keyStorePassword=****",
            "-Dmy.SECRET=a=b,c | -Dmy.SECRET=****",
            "-Dapi.Token=t | -Dapi.Token=****",
            "-Dssh.key=k | -Dssh.key=****",
            "-Dplain=value | -Dplain=value",
            "-Xmx128m | -Xmx128m",
            "-javaagent:jolokia.jar=user=admin,password=s3cret,port=1 | -javaagent:jolokia.jar=user=admin,password=****,port=1",
            "-Dopts=token=abc;x=1 | -Dopts=token=****;x=1"})
    void masksArguments(String argument, String masked) {
        assertThat(SecretMask.argument(argument)).isEqualTo(masked);
    }

    @Test
    void masksSystemPropertiesAsTheRuntimeMXBeanServesThem() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("test:type=Runtime");
        server.registerMBean(new Properties(), name);
        TabularData properties = (TabularData) server.getAttribute(name, "SystemProperties");

        TabularData masked = (TabularData) SecretMask.attribute(RUNTIME, "SystemProperties", properties);

        assertThat(masked.get(new Object[] {"db.password"}).get("value")).isEqualTo("****");
        assertThat(masked.get(new Object[] {"agent"}).get("value")).isEqualTo("secret=****,x=1");
        assertThat(masked.get(new Object[] {"java.version"}).get("value")).isEqualTo("17");
        assertThat(properties.get(new Object[] {"db.password"}).get("value")).as("the original is untouched")
                .isEqualTo("pw");
    }

    @Test
    void masksInGetAttributesAndLeavesOtherMBeansAlone() {
        AttributeList list = new AttributeList();
        list.add(new Attribute("InputArguments", new String[] {"-Dkey=v"}));
        list.add(new Attribute("Uptime", 5L));

        AttributeList masked = SecretMask.attributes(RUNTIME, list);

        assertThat((String[]) masked.asList().get(0).getValue()).containsExactly("-Dkey=****");
        assertThat(masked.asList().get(1).getValue()).isEqualTo(5L);
        assertThat(SecretMask.attribute(name("app:type=Runtime"), "InputArguments", new String[] {"-Dkey=v"}))
                .isEqualTo(new String[] {"-Dkey=v"});
    }

    @Test
    void masksWhatTheMaskingMBeanServerReads() throws Exception {
        MBeanServer masked = MaskingMBeanServer.wrap(ManagementFactory.getPlatformMBeanServer());
        String key = "ripple.test.secret";
        System.setProperty(key, "do-not-show");
        try {
            TabularData properties = (TabularData) masked.getAttribute(RUNTIME, "SystemProperties");
            assertThat(properties.get(new Object[] {key}).get("value")).isEqualTo("****");
            assertThat(JMX.newMXBeanProxy(masked, RUNTIME, java.lang.management.RuntimeMXBean.class)
                    .getSystemProperties()).containsEntry(key, "****");
        } finally {
            System.clearProperty(key);
        }
    }

    /** An MXBean with the Runtime MXBean's SystemProperties type. */
    public interface PropertiesMXBean {
        Map<String, String> getSystemProperties();
    }

    static final class Properties implements PropertiesMXBean {
        @Override
        public Map<String, String> getSystemProperties() {
            return Map.of("db.password", "pw", "agent", "secret=s,x=1", "java.version", "17");
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
