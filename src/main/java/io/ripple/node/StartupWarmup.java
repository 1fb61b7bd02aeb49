package io.ripple.node;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ClusterReplicaMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.FailoverMXBean;
import io.ripple.ReplicaProtocolMXBean;
import io.ripple.ServerMXBean;
import io.ripple.config.PublishedVersion;
import io.ripple.management.DescribedMXBean;
import io.ripple.util.DaemonThreads;
import io.ripple.util.JsonMappers;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Prepares, on a thread of its own, the JDK parts a node's start needs later on its main thread: the platform
 * MBeanServer (it registers the JVM's own MBeans, which asks every diagnostic command for its help text), Jackson's
 * mapper, the JCE providers behind the peer proofs' HMAC, the XML parser that reads the Jolokia policy, the jars
 * Jolokia reads its service lists from, and the JDK's analysis of Ripple's MXBean interfaces. Each one is a one-time
 * cost of loading and initialising classes; done here, a second core pays it while the main thread sets up logging
 * and reads server.conf, and the main thread finds it ready. Nothing here changes what the start does or checks: the
 * start makes the same calls, and a part that fails here fails there again and is reported there.
 */
public final class StartupWarmup {

    private static final AtomicBoolean BEGUN = new AtomicBoolean();

    private static final List<String> JOLOKIA_SERVICE_FILES = List.of("META-INF/jolokia/services-default",
            "META-INF/jolokia/services", "META-INF/jolokia/detectors-default", "META-INF/jolokia/simplifiers-default");
    private static final List<Class<?>> MXBEANS = List.of(ServerMXBean.class, ConfigStoreMXBean.class,
            FailoverMXBean.class, ReplicaProtocolMXBean.class, ClusterMXBean.class, ClusterProtocolMXBean.class,
            ClusterReplicaMXBean.class);

    private StartupWarmup() {
    }

    /**
     * Starts the warm-up once per JVM and returns at once.
     *
     * @return true if this call started it, false if an earlier one had
     */
    public static boolean begin() {
        if (!BEGUN.compareAndSet(false, true)) {
            return false;
        }
        DaemonThreads.start("ripple-startup-warmup", StartupWarmup::run);
        return true;
    }

    /** The steps in the order the start needs them; a failed step is left for the start to meet and report. */
    static List<Callable<?>> steps() {
        return List.of(
                ManagementFactory::getPlatformMBeanServer,
                StartupWarmup::json,
                () -> Mac.getInstance("HmacSHA256"),
                () -> DocumentBuilderFactory.newInstance().newDocumentBuilder(),
                StartupWarmup::jolokiaServiceFiles,
                StartupWarmup::mxbeans);
    }

    /** Jackson's mapper and the serializer of a published version, which the master's start writes. */
    private static Object json() throws Exception {
        JsonMappers.files().readTree("{\"warm\": [1, \"up\"]}");
        return JsonMappers.files().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new PublishedVersion(0, 0, "", List.of(), ""));
    }

    /**
     * The JDK's analysis of each of Ripple's MXBean interfaces, which it keeps per interface: registering the beans
     * then finds it made.
     */
    private static Object mxbeans() {
        for (Class<?> type : MXBEANS) {
            analyse(type);
        }
        return null;
    }

    /**
     * Jolokia's service lists, read as Jolokia reads them (a {@code jar:} URL each): the first read of each jar through
     * such a URL opens the jar again, and the JDK keeps it open for the agent's start to find.
     */
    private static Object jolokiaServiceFiles() throws java.io.IOException {
        ClassLoader loader = StartupWarmup.class.getClassLoader();
        for (String name : JOLOKIA_SERVICE_FILES) {
            for (java.net.URL url : java.util.Collections.list(loader.getResources(name))) {
                try (java.io.InputStream in = new java.net.URL(url.toExternalForm()).openStream()) {
                    in.readAllBytes();
                }
            }
        }
        return null;
    }

    private static <T> void analyse(Class<T> type) {
        T refusing = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException("start-up warm-up only");
        }));
        DescribedMXBean.of(refusing, type).getMBeanInfo();
    }

    private static void run() {
        run(steps());
    }

    /** Runs each step in turn; one that fails does not keep the later ones from running. */
    static void run(List<Callable<?>> steps) {
        for (Callable<?> step : steps) {
            try {
                step.call();
            } catch (Exception | LinkageError e) {
                // the start makes this call again, and reports what goes wrong with it
            }
        }
    }
}
