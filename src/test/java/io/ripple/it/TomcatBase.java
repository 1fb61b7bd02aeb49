package io.ripple.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A CATALINA_BASE for one server of a test, laid out as docs/EMBEDDING.md tells a Tomcat administrator: the
 * distribution's {@code conf/} with this server's own ports in {@code server.xml}, {@code bin/setenv.sh} adding the
 * agent to {@code CATALINA_OPTS}, {@code ripple.conf} at the base (so that the replicated {@code webapps/} and
 * {@code conf/} files lie inside its folder) and the example jmx-config files. The Tomcat itself
 * ({@link #HOME}, CATALINA_HOME) is the unmodified distribution the build unpacked.
 */
final class TomcatBase {

    static final Path HOME = Path.of(System.getProperty("ripple.tomcatHome", "target/tomcat/apache-tomcat-10.1.59")).toAbsolutePath();
    static final String CONF = "ripple.conf";

    /** Ports, jmx-config and the folder; {@code server.dir} is CATALINA_BASE. */
    final ServerDir server;

    private TomcatBase(ServerDir server) {
        this.server = server;
    }

    /** A new CATALINA_BASE under {@code parent}, on free ports. */
    static TomcatBase create(Path parent, String name) {
        TomcatBase base = new TomcatBase(new ServerDir(parent, name));
        try {
            Path dir = base.dir();
            for (String folder : new String[] {"conf", "logs", "temp", "work", "webapps/ROOT/WEB-INF", "bin"}) {
                Files.createDirectories(dir.resolve(folder));
            }
            try (Stream<Path> conf = Files.list(HOME.resolve("conf"))) {
                for (Path file : (Iterable<Path>) conf::iterator) {
                    Files.copy(file, dir.resolve("conf").resolve(file.getFileName()));
                }
            }
            base.write("conf/server.xml", serverXml(Files.readString(HOME.resolve("conf/server.xml")), base.server.httpPort));
            base.agentArguments("ready-port=" + base.server.httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return base;
    }

    /**
     * The distribution's server.xml with this server's ports: no shutdown port (the supervisor stops Tomcat with a
     * signal), the HTTP connector on {@code httpPort}, bound only when it starts, after the webapps are deployed.
     */
    static String serverXml(String distribution, int httpPort) {
        String shutdown = "<Server port=\"8005\" shutdown=\"SHUTDOWN\">";
        String connector = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";
        if (!distribution.contains(shutdown) || !distribution.contains(connector)) {
            throw new IllegalStateException("server.xml of " + HOME + " is not the one this test knows");
        }
        return distribution.replace(shutdown, "<Server port=\"-1\" shutdown=\"SHUTDOWN\">")
                .replaceFirst(java.util.regex.Pattern.quote(connector),
                        "<Connector port=\"" + httpPort + "\" bindOnInit=\"false\" protocol=\"HTTP/1.1\"");
    }

    /**
     * {@code bin/setenv.sh} with the agent's arguments after its {@code conf=} (the default:
     * {@code ready-port=HTTP_PORT}, Ready once the connector accepts, which bindOnInit="false" makes mean serving).
     */
    void agentArguments(String arguments) {
        write("bin/setenv.sh", """
                # Ripple: the agent, with this server's ripple.conf
                CATALINA_OPTS="$CATALINA_OPTS -javaagent:%s=conf=$CATALINA_BASE/ripple.conf,%s"
                # test only: a small, quickly started JVM
                CATALINA_OPTS="$CATALINA_OPTS -Xmx96m -XX:TieredStopAtLevel=1 -Xshare:auto"
                """.formatted(AgentProcess.AGENT_JAR, arguments));
    }

    /** The {@code <Host>} without autoDeploy: only Ripple deploys and reloads, never Tomcat's background check. */
    void withoutAutoDeploy() {
        try {
            String xml = read("conf/server.xml");
            if (!xml.contains("autoDeploy=\"true\"")) {
                throw new IllegalStateException("server.xml of " + HOME + " has no autoDeploy=\"true\"");
            }
            write("conf/server.xml", xml.replace("autoDeploy=\"true\"", "autoDeploy=\"false\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return server.dir;
    }

    Path conf() {
        return dir().resolve(CONF);
    }

    String name() {
        return server.name;
    }

    /** ripple.conf with these [cluster] entries: Ripple's stanzas, and the Tomcat files a cluster shares. */
    void writeConf(String clusterEntries) {
        writeConf(clusterEntries, "");
    }

    /** As {@link #writeConf(String)}, with more {@code files =} lines in [cfg-db:files]. */
    void writeConf(String clusterEntries, String moreFiles) {
        write(CONF, """
                # Ripple for the Tomcat in this CATALINA_BASE
                [server]
                name = %s
                data-dir = ripple-data

                [cluster]
                credentials-file = jmx-config/cluster.credentials
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

                [cfg-db:files]
                # the same on every server; never conf/server.xml (its ports are this server's) nor bin/setenv.sh
                files = webapps/ROOT/**
                files = conf/tomcat-users.xml
                %s""".formatted(name(), clusterEntries, server.jmxPort, server.jolokiaPort, moreFiles));
    }

    void write(String relative, String content) {
        server.write(relative, content);
    }

    String read(String relative) throws IOException {
        return Files.readString(dir().resolve(relative), StandardCharsets.UTF_8);
    }
}
