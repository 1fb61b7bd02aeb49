package io.ripple.remote;

import io.ripple.ConfigStoreMXBean;
import io.ripple.ServerMXBean;
import io.ripple.management.JmxEndpoint;
import io.ripple.management.JmxSettings;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.JolokiaSettings;
import io.ripple.management.MBeanRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Loopback round trips of both transports against endpoints in this JVM: median and p99 of an attribute read and of
 * a snapshot read. A program, not a test: {@code java -cp … io.ripple.remote.RoundTripBenchmark [iterations]}.
 */
public final class RoundTripBenchmark {

    private RoundTripBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        JolokiaEndpoint.setHttpServerOptions();
        JmxRemoteServer.configureTimeouts(Duration.ofSeconds(30));
        Path dir = Files.createTempDirectory("ripple-bench");
        Path passwords = Files.writeString(dir.resolve("jmxremote.password"), "admin admin-secret\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Path access = Files.writeString(dir.resolve("jmxremote.access"), "admin readwrite\n");
        try (MBeanRegistry beans = new MBeanRegistry(ManagementFactory.getPlatformMBeanServer());
             JmxEndpoint jmx = JmxEndpoint.start(new JmxSettings("127.0.0.1", 0, passwords, access),
                     ManagementFactory.getPlatformMBeanServer());
             JolokiaEndpoint jolokia = JolokiaEndpoint.start(
                     new JolokiaSettings("127.0.0.1", 0, passwords, access, null))) {
            beans.register(ServerMXBean.OBJECT_NAME, new FakeBeans.Server(), ServerMXBean.class);
            beans.register(ConfigStoreMXBean.OBJECT_NAME, new FakeBeans.ConfigStore(), ConfigStoreMXBean.class);
            RemoteConnector connector = new RemoteConnector(new Credentials("admin", "admin-secret"));
            for (String url : new String[] {jmx.url().toString(), jolokia.url()}) {
                try (RemoteServer remote = connector.open(url)) {
                    report(url, "read Name", iterations, () -> remote.server().getName());
                    report(url, "serverSnapshot", iterations, remote::serverSnapshot);
                    report(url, "exec readObject", iterations, () -> remote.configStore().readObject("ab", 0, 10));
                }
            }
        } finally {
            Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static void report(String url, String what, int iterations, Supplier<?> call) {
        for (int i = 0; i < Math.max(500, iterations / 10); i++) {
            call.get();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-60s %-16s median %7.3f ms  p99 %7.3f ms  (n=%d)%n", url, what,
                nanos[iterations / 2] / 1e6, nanos[(int) (iterations * 0.99)] / 1e6, iterations);
    }
}
