package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.management.AccessFile.Grant;
import io.ripple.management.AccessFile.Role;
import io.ripple.management.ManagementPolicy.Action;
import io.ripple.management.ManagementPolicy.Request;
import java.util.Optional;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManagementPolicyTest {

    static final Grant ADMIN = new Grant(Role.READWRITE, false);
    static final Grant OPERATOR = new Grant(Role.READWRITE, true);
    static final Grant MONITOR = new Grant(Role.READONLY, false);
    static final String CLUSTER = "ripple:type=Cluster";
    static final String MEMORY = "java.lang:type=Memory";
    static final String HOST_MBEAN = "com.example:type=App";
    static final String MLET = "javax.management.loading.MLet";
    static final String PULL = "jolokia:type=NotificationStore,agent=ripple-1";

    static Arguments allowed(String what, Grant grant, Action action, String name, String member, boolean readOnlyOp) {
        return Arguments.of(what, grant, action, name, member, null, readOnlyOp, null);
    }

    static Arguments refused(String what, Grant grant, Action action, String name, String member, String mbeanClass,
                             boolean readOnlyOp, String refusal) {
        return Arguments.of(what, grant, action, name, member, mbeanClass, readOnlyOp, refusal);
    }

    static String jvmRule(String method, String name) {
        return "Access denied: user 'u' may not call " + method + " on " + name
                + ": MBeans outside the ripple domain are read-only unless the access file grants 'jvm-control' to 'u'";
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                allowed("admin reads a JVM attribute", ADMIN, Action.READ_ATTRIBUTE, MEMORY, "HeapMemoryUsage", false),
                allowed("monitor reads a JVM attribute", MONITOR, Action.READ_ATTRIBUTE, MEMORY, "Verbose", false),
                allowed("monitor queries", MONITOR, Action.QUERY, "*:*", null, false),
                allowed("monitor listens to the JVM", MONITOR, Action.LISTEN, MEMORY, null, false),
                allowed("admin invokes a Ripple operation", ADMIN, Action.INVOKE, CLUSTER, "restart", false),
                allowed("monitor invokes a read-only Ripple operation", MONITOR, Action.INVOKE, CLUSTER, "statusJson",
                        true),
                allowed("anonymous invokes a Ripple operation", Grant.ANONYMOUS, Action.INVOKE, CLUSTER, "restart",
                        false),
                allowed("jvm-control invokes gc", OPERATOR, Action.INVOKE, MEMORY, "gc", false),
                allowed("jvm-control writes a JVM attribute", OPERATOR, Action.WRITE_ATTRIBUTE, MEMORY, "Verbose", false),
                allowed("monitor pulls its notifications", MONITOR, Action.INVOKE, PULL, "pull(java.lang.String)", false),
                refused("no role reads", null, Action.READ_ATTRIBUTE, CLUSTER, "Name", null, false,
                        "Access denied: user 'u' has no role"),
                refused("admin creates an MBean", ADMIN, Action.MBEAN_LIFECYCLE, null, null, null, false,
                        "Access denied: no remote user may call m"),
                refused("jvm-control creates an MBean", OPERATOR, Action.MBEAN_LIFECYCLE, null, null, null, false,
                        "Access denied: no remote user may call m"),
                refused("admin reaches a class loader", OPERATOR, Action.CLASS_LOADING, CLUSTER, null, null, false,
                        "Access denied: no remote user may call m"),
                refused("jvm-control invokes an MLet", OPERATOR, Action.INVOKE, "app:type=Loader", "getMBeansFromURL",
                        MLET, false, "Access denied: no remote user may call m on app:type=Loader: it is a " + MLET
                                + " and no remote user may reach class loading"),
                refused("monitor invokes a Ripple operation", MONITOR, Action.INVOKE, CLUSTER, "restart", null, false,
                        "Access denied: user 'u' is readonly and may not call m"),
                refused("monitor invokes a read-only JVM operation", MONITOR, Action.INVOKE, MEMORY, "x", null, true,
                        "Access denied: user 'u' is readonly and may not call m"),
                refused("monitor writes a Ripple attribute", MONITOR, Action.WRITE_ATTRIBUTE, CLUSTER, "X", null, false,
                        "Access denied: user 'u' is readonly and may not call m"),
                refused("admin invokes gc", ADMIN, Action.INVOKE, MEMORY, "gc", null, false, jvmRule("m", MEMORY)),
                refused("admin writes a JVM attribute", ADMIN, Action.WRITE_ATTRIBUTE, MEMORY, "Verbose", null, false,
                        jvmRule("m", MEMORY)),
                refused("anonymous invokes gc", Grant.ANONYMOUS, Action.INVOKE, MEMORY, "gc", null, false,
                        jvmRule("m", MEMORY)),
                refused("admin invokes the host's MBean", ADMIN, Action.INVOKE, HOST_MBEAN, "op", null, false,
                        jvmRule("m", HOST_MBEAN)),
                refused("admin invokes on a domain pattern", ADMIN, Action.INVOKE, "rippl?:type=Cluster", "restart",
                        null, false, jvmRule("m", "rippl?:type=Cluster")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void decides(String what, Grant grant, Action action, String name, String member, String mbeanClass,
                 boolean readOnlyOperation, String refusal) throws Exception {
        Request request = new Request("u", Optional.ofNullable(grant), action, "m",
                name == null ? null : new ObjectName(name), member, mbeanClass, readOnlyOperation);

        assertThat(ManagementPolicy.refusal(request)).as(what).isEqualTo(Optional.ofNullable(refusal));
    }
}
