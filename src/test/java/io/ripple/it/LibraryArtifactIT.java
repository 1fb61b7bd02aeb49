package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an embedder gets: a consumer project whose pom.xml depends on {@code io.ripple:ripple} (the jar and pom this
 * build made, installed into a local repository of its own) and logs with slf4j-simple, built by a real {@code mvn}
 * that may read nothing but the artifacts this build already resolved; and the contents of the jars the build makes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryArtifactIT {

    private static final Path TARGET = ServerDir.PROJECT.resolve("target");
    private static final Path LIBRARY_JAR = TARGET.resolve("ripple.jar");
    private static final Path LAUNCHER_JAR = TARGET.resolve("ripple-launcher.jar");
    private static final Path AGENT_JAR = AgentProcess.AGENT_JAR;
    private static final String VERSION = System.getProperty("ripple.version", "0.1.0-SNAPSHOT");
    private static final String SLF4J_VERSION = System.getProperty("ripple.slf4jVersion", "2.0.16");
    private static final Path LOCAL_REPOSITORY = Path.of(System.getProperty("ripple.localRepository",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    /** The launchers' code: the CLI, the sample server and its logback set-up. */
    private static final List<String> LAUNCHER_PACKAGES = List.of("io/ripple/cli/", "io/ripple/sample/", "io/ripple/logging/");
    private static final String LOGBACK_CONFIGURATOR = "META-INF/services/ch.qos.logback.classic.spi.Configurator";

    private Path consumer;
    private String dependencyTree;
    private String consumerClasspath;
    private String mavenOutput;

    @BeforeAll
    void buildConsumer(@TempDir Path temp) throws Exception {
        Path repository = temp.resolve("repository");
        installLibrary(repository);
        consumer = temp.resolve("consumer");
        Path source = consumer.resolve("src/main/java/consumer/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(consumer.resolve("pom.xml"), consumerPom(), StandardCharsets.UTF_8);
        Files.writeString(source, CONSUMER_MAIN, StandardCharsets.UTF_8);
        // Every remote repository is this build's local repository: the consumer build reads what is there, never the
        // network, and installs into a repository of its own.
        Path settings = temp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror><id>this-build</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(LOCAL_REPOSITORY.toUri()), StandardCharsets.UTF_8);
        String dependencyPlugin = "org.apache.maven.plugins:maven-dependency-plugin:" + pluginVersion("maven-dependency-plugin");
        List<String> command = List.of("mvn", "-B", "-q", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository, "-f", consumer.resolve("pom.xml").toString(),
                "compile", dependencyPlugin + ":tree", "-DoutputFile=" + consumer.resolve("tree.txt"),
                dependencyPlugin + ":build-classpath", "-Dmdep.outputFile=" + consumer.resolve("classpath.txt"));
        Path output = temp.resolve("mvn.out");
        Process mvn = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(mvn.waitFor(3, TimeUnit.MINUTES)).as("the consumer build ends").isTrue();
        } finally {
            mvn.destroyForcibly();
        }
        mavenOutput = Files.readString(output);
        assertThat(mvn.exitValue()).as("the consumer build:\n" + mavenOutput).isZero();
        dependencyTree = Files.readString(consumer.resolve("tree.txt"));
        consumerClasspath = Files.readString(consumer.resolve("classpath.txt")).strip();
    }

    /** What {@code mvn install} would put there: the library jar and the project's pom.xml. */
    private static void installLibrary(Path repository) throws IOException {
        Path dir = repository.resolve("io/ripple/ripple").resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(LIBRARY_JAR, dir.resolve("ripple-" + VERSION + ".jar"));
        Files.copy(ServerDir.PROJECT.resolve("pom.xml"), dir.resolve("ripple-" + VERSION + ".pom"));
    }

    private static String consumerPom() throws IOException {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency><groupId>io.ripple</groupId><artifactId>ripple</artifactId><version>%s</version></dependency>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>%s</version></dependency>
                  </dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><artifactId>maven-resources-plugin</artifactId><version>%s</version></plugin>
                        <plugin><artifactId>maven-compiler-plugin</artifactId><version>%s</version></plugin>
                      </plugins>
                    </pluginManagement>
                  </build>
                </project>
                """.formatted(VERSION, SLF4J_VERSION, pluginVersion("maven-resources-plugin"),
                pluginVersion("maven-compiler-plugin"));
    }

    /** The version Ripple's own pom.xml pins for a plugin, so that the consumer needs only what this build resolved. */
    private static String pluginVersion(String artifactId) throws IOException {
        String pom = Files.readString(ServerDir.PROJECT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>" + artifactId + "</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).as("pom.xml pins " + artifactId).isTrue();
        return m.group(1);
    }

    private static final String CONSUMER_MAIN = """
            package consumer;

            import io.ripple.HostConfiguration;
            import io.ripple.Ripple;
            import io.ripple.RippleHost;
            import java.nio.file.Path;
            import java.util.Set;
            import org.slf4j.LoggerFactory;

            public final class Main implements RippleHost {
                @Override public Set<String> stanzas() { return Set.of("service"); }
                @Override public void start(HostConfiguration configuration) { }
                @Override public void stop() { }

                public static void main(String[] args) throws Exception {
                    try (Ripple ripple = Ripple.start(Path.of(args[0]), new Main())) {
                        LoggerFactory.getLogger(Main.class).info("consumer running {}", ripple.serverName());
                        System.out.println("logger factory: " + LoggerFactory.getILoggerFactory().getClass().getName());
                        System.out.println("configurator service: "
                                + (Main.class.getClassLoader().getResource("%s") != null));
                    }
                    System.exit(0);
                }
            }
            """.formatted(LOGBACK_CONFIGURATOR);

    @Test
    void aConsumerPomGetsNeitherLogbackNorPicocli() {
        assertThat(dependencyTree).as(dependencyTree)
                .contains("io.ripple:ripple:jar:" + VERSION + ":compile", "org.slf4j:slf4j-api")
                .doesNotContain("ch.qos.logback", "info.picocli");
    }

    @Test
    void aConsumerThatLogsWithAnotherSlf4jProviderGetsThatOneProviderAndRipplesLinesInIt(@TempDir Path temp)
            throws Exception {
        ServerDir server = new ServerDir(temp, "embedded");
        server.write("banner.txt", "hello\n");
        server.writeConf(server.masterConf(""));
        Path output = temp.resolve("consumer.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-cp", consumer.resolve("target/classes") + java.io.File.pathSeparator
                + consumerClasspath, "consumer.Main", server.conf().toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the consumer ends").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(output);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out)
                .contains("logger factory: org.slf4j.simple.SimpleLoggerFactory", "configurator service: false",
                        "INFO consumer.Main - consumer running embedded", "INFO io.ripple.")
                .doesNotContain("multiple SLF4J providers", "SLF4J(W)", "ch.qos.logback");
    }

    @Test
    void theLibraryJarHoldsNoLauncherCodeAndNoLoggingSetUp() throws IOException {
        List<String> entries = entries(LIBRARY_JAR);
        assertThat(entries).contains("io/ripple/Ripple.class", "io/ripple/RippleHost.class")
                .noneMatch(e -> LAUNCHER_PACKAGES.stream().anyMatch(e::startsWith))
                .doesNotContain(LOGBACK_CONFIGURATOR, "logback.xml");
        assertThat(classesReferring(LIBRARY_JAR, "picocli/", "ch/qos/logback/"))
                .as("library classes that use picocli or logback").isEmpty();
    }

    @Test
    void theLauncherJarHoldsTheLaunchersAndTheirLoggingSetUp() throws IOException {
        List<String> entries = entries(LAUNCHER_JAR);
        assertThat(entries).contains("io/ripple/cli/RippleCli.class", "io/ripple/sample/SampleMain.class",
                "io/ripple/logging/RippleLogbackConfigurator.class", LOGBACK_CONFIGURATOR);
        assertThat(entries).filteredOn(e -> e.endsWith(".class"))
                .allMatch(e -> LAUNCHER_PACKAGES.stream().anyMatch(e::startsWith), "a launcher class");
    }

    @Test
    void theAgentJarHoldsOnlyWhatTheAgentRunsAllRelocated() throws IOException {
        List<String> classes = entries(AGENT_JAR).stream().filter(e -> e.endsWith(".class")).toList();
        assertThat(classes).contains("io/ripple/agent/RippleAgent.class",
                "io/ripple/shaded/org/jolokia/jvmagent/handler/JolokiaHttpHandler.class");
        assertThat(classes).as("third-party classes outside io/ripple/shaded (META-INF/versions included)")
                .allMatch(e -> e.startsWith("io/ripple/"))
                .filteredOn(e -> !e.startsWith("io/ripple/shaded/"))
                .noneMatch(e -> LAUNCHER_PACKAGES.stream().anyMatch(e::startsWith));
        assertThat(classes).as("picocli and the Jolokia services the agent disables")
                .noneMatch(e -> e.startsWith("io/ripple/shaded/picocli/")
                        || e.startsWith("io/ripple/shaded/org/jolokia/service/jsr160/")
                        || e.startsWith("io/ripple/shaded/org/jolokia/service/discovery/"));
        try (ZipFile jar = new ZipFile(AGENT_JAR.toFile())) {
            for (ZipEntry entry : jar.stream().filter(e -> e.getName().startsWith("META-INF/jolokia/")).toList()) {
                String list = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(list).as(entry.getName()).doesNotContainPattern("(?m)^org\\.jolokia\\.")
                        .doesNotContain("jsr160", "discovery");
            }
            assertThat(jar.getEntry(LOGBACK_CONFIGURATOR)).isNull();
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    /** Class files whose constant pool names a type of one of the given packages (internal names, with slashes). */
    private static List<String> classesReferring(Path jar, String... packages) throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                String bytes = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                for (String p : packages) {
                    if (bytes.contains(p)) {
                        found.add(entry.getName() + " -> " + p);
                    }
                }
            }
        }
        return found;
    }
}
