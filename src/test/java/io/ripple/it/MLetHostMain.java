package io.ripple.it;

import io.ripple.sample.SampleMain;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * The sample server, in a JVM whose host registered an MLet (an MBean that loads classes from a URL) of its own, as
 * an application might: for tests that no remote caller can reach it. Usage: {@code MLetHostMain CONF}.
 */
public final class MLetHostMain {

    /** Where the host registers its MLet. */
    static final String MLET_NAME = "app:type=Loader";

    private MLetHostMain() {
    }

    public static void main(String[] args) throws Exception {
        // by name: the class is gone from later JDKs, and a local registration needs no compile-time reference
        ManagementFactory.getPlatformMBeanServer().createMBean("javax.management.loading.MLet", new ObjectName(MLET_NAME));
        SampleMain.main(args);
    }
}
