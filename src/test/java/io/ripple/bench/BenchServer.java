package io.ripple.bench;

import io.ripple.it.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A server folder for benchmarks: server.conf on free loopback ports and the example jmx-config files. */
final class BenchServer {

    final Path dir;
    final String name;
    final int jmxPort = freePort();
    final int jolokiaPort = freePort();
    final int httpPort = freePort();

    BenchServer(Path parent, String name, Path projectDir) throws IOException {
        this.name = name;
        this.dir = Files.createDirectories(parent.resolve(name));
        Files.createDirectories(dir.resolve("junctions"));
        for (String file : new String[] {"jmxremote.password", "jmxremote.access", "cluster.credentials", "jolokia-access.xml"}) {
            Path copy = dir.resolve(file);
            Files.copy(projectDir.resolve("jmx-config").resolve(file), copy);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        }
        // the node benchmark measures the heap after a gc, an operation on the JVM's own MBeans
        Path access = dir.resolve("jmxremote.access");
        Files.writeString(access, Files.readString(access).replaceFirst("(?m)^admin(\\s+)readwrite\\s*$", "admin$1readwrite jvm-control"));
        Files.writeString(dir.resolve("banner.txt"), "benchmark\n");
        Files.writeString(dir.resolve("junctions/app.json"), "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9\"}\n");
    }

    static int freePort() {
        return FreePorts.next();
    }

    String jmxUrl() {
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
    }

    String jolokiaUrl() {
        return "http://127.0.0.1:" + jolokiaPort + "/jolokia/";
    }

    Path conf() {
        return dir.resolve("server.conf");
    }

    void writeConf(String clusterEntries) throws IOException {
        Files.writeString(conf(), """
                [server]
                name = %s
                host-stanzas = service
                [service]
                http-port = %d
                banner-file = banner.txt
                [cluster]
                credentials-file = cluster.credentials
                %s
                [jmx]
                port = %d
                password-file = jmxremote.password
                access-file = jmxremote.access
                [jolokia]
                port = %d
                policy-file = jolokia-access.xml
                [cfg-db:entries]
                cluster::* = exclude
                jmx::* = exclude
                jolokia::* = exclude
                server::name = exclude
                service::http-port = exclude
                *::* = include
                [cfg-db:files]
                files = junctions/*.json
                files = cfg(service::banner-file)
                """.formatted(name, httpPort, clusterEntries, jmxPort, jolokiaPort));
    }
}
