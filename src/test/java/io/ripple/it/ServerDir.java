package io.ripple.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A server's folder for a test: its server.conf, its copy of the example jmx-config files, its replicated files. */
final class ServerDir {

    static final Path PROJECT = Path.of(System.getProperty("ripple.projectDir", "."));
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-secret";
    static final String MONITOR = "monitor";
    static final String MONITOR_PASSWORD = "monitor-secret";
    /** The cluster account of jmx-config/cluster.credentials: what servers present to each other. */
    static final String CLUSTER_USER = "ripple";
    static final String CLUSTER_PASSWORD = "ripple-secret";

    final Path dir;
    final String name;
    int jmxPort;
    int jolokiaPort;
    int httpPort;
    /**
     * The server's {@code [cluster] ready-checks}. One probe, not the default three: each probe after the first adds
     * 200 ms to every restart, which the ITs' hundreds of restarts pay for nothing; tests of a server that falls over
     * after it was Ready, or of a balancer re-admitting it, set the default back.
     */
    int readyChecks = 1;

    ServerDir(Path parent, String name) {
        this.dir = parent.resolve(name);
        this.name = name;
        try {
            Files.createDirectories(dir.resolve("junctions"));
            Path config = dir.resolve("jmx-config");
            Files.createDirectories(config);
            for (String file : new String[] {"jmxremote.password", "jmxremote.access", "cluster.credentials", "jolokia-access.xml"}) {
                Path copy = config.resolve(file);
                Files.copy(PROJECT.resolve("jmx-config").resolve(file), copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assignPorts();
    }

    void assignPorts() {
        jmxPort = FreePorts.next();
        jolokiaPort = FreePorts.next();
        httpPort = FreePorts.next();
    }

    Path conf() {
        return dir.resolve("server.conf");
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    String jmxUrl() {
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
    }

    String jolokiaUrl() {
        return "http://127.0.0.1:" + jolokiaPort + "/jolokia/";
    }

    /** A standalone master's server.conf with both endpoints, the sample service and the contract's cfg-db rules. */
    String masterConf(String extraCluster) {
        return masterConf(extraCluster, 20);
    }

    /** As {@link #masterConf(String)}, waiting {@code maxWaitSeconds} for each replica. */
    String masterConf(String extraCluster, int maxWaitSeconds) {
        return conf("is-master = yes\nmax-wait-time = " + maxWaitSeconds + "\n" + extraCluster);
    }

    /** The server.conf on disk now, for a restart that keeps what the last sync merged into it. */
    String readConf() {
        try {
            return Files.readString(conf(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A replica's server.conf: its master reached over JMX RMI or Jolokia. */
    String replicaConf(ServerDir master, boolean overJolokia) {
        return conf("is-master = no\nmaster-name = " + master.name + "\nmaster-url = "
                + (overJolokia ? master.jolokiaUrl() : master.jmxUrl()) + "\n");
    }

    /** A server.conf with both endpoints, the sample service and the contract's cfg-db rules. */
    String conf(String clusterEntries) {
        return """
                # test server
                [server]
                name = %s
                data-dir = data
                host-stanzas = service

                [service]
                http-port = %d
                banner-file = banner.txt
                local-label = %s

                [cluster]
                credentials-file = jmx-config/cluster.credentials
                ready-checks = %d
                %s

                [jmx]
                host = 127.0.0.1
                port = %d
                password-file = jmx-config/jmxremote.password
                access-file = jmx-config/jmxremote.access

                [jolokia]
                host = 127.0.0.1
                port = %d
                policy-file = jmx-config/jolokia-access.xml

                [cfg-db:entries]
                service::local-* = exclude
                cluster::* = exclude
                jmx::* = exclude
                jolokia::* = exclude
                server::name = exclude
                server::data-dir = exclude
                service::http-port = exclude
                *::* = include

                [cfg-db:files]
                files = junctions/*.json
                files = cfg(service::banner-file)
                """.formatted(name, httpPort, "label of " + name, readyChecks, clusterEntries, jmxPort, jolokiaPort);
    }

    void writeConf(String text) {
        write("server.conf", text);
    }

    void write(String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
