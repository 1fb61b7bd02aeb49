package io.ripple.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The class path and class-data sharing flags of the sample server's child JVMs, as {@code bin/ripple-node} runs it:
 * one training start per test JVM records the classes a node loads into an archive, and every later node maps them
 * instead of loading them again, which saves about 0.6 s of CPU per start on the ITs' hundreds of starts. The JVM
 * archives classes from jars only, so the project's classes go into a jar made from {@code target/classes} first, in
 * the same run (never a stale one). When anything of this fails, or with {@code -Dripple.it.cds=false}, nodes start
 * without an archive, as before.
 */
final class NodeClassData {

    private static final String CDS_LOG_OFF = "-Xlog:cds=off,cds+dynamic=off";
    private static List<String> prepared;

    private NodeClassData() {
    }

    /** The JVM flags, {@code -cp} and class path for a child that runs the sample server. */
    static synchronized List<String> flagsAndClassPath() {
        if (prepared == null) {
            prepared = prepare();
        }
        return prepared;
    }

    /** The class path of test processes without an archive: the classes folders and the libraries. */
    static String plainClassPath(boolean withTestClasses) {
        return System.getProperty("ripple.classesDir", "target/classes") + File.pathSeparator + libraries()
                + (withTestClasses ? File.pathSeparator + System.getProperty("ripple.testClassesDir", "target/test-classes") : "");
    }

    private static String libraries() {
        return System.getProperty("ripple.libDir", "target/lib") + File.separator + "*";
    }

    private static List<String> prepare() {
        if (System.getProperty("ripple.it.cds", "true").equals("false")) { // to compare, or to rule the archive out
            return List.of("-cp", plainClassPath(false));
        }
        Path classes = Path.of(System.getProperty("ripple.classesDir", "target/classes")).toAbsolutePath();
        Path dir = classes.getParent().resolve("it-cds");
        long pid = ProcessHandle.current().pid();
        Path jar = dir.resolve("classes-" + pid + ".jar");
        Path archive = dir.resolve("node-" + pid + ".jsa");
        try {
            clear(dir);
            jar(classes, jar);
            String classPath = jar + File.pathSeparator + libraries();
            if (train(classPath, archive)) {
                return List.of("-Xshare:auto", CDS_LOG_OFF, "-XX:SharedArchiveFile=" + archive, "-cp", classPath);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("NodeClassData: nodes start without a class-data sharing archive: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of("-cp", plainClassPath(false));
    }

    /** Removes the jars and archives of earlier test JVMs. */
    private static void clear(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    /** One master started to Ready and stopped, which writes the archive at its exit; true when it did. */
    private static boolean train(String classPath, Path archive) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("ripple-it-cds");
        ServerDir server = new ServerDir(root, "training");
        server.writeConf(server.masterConf(""));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", CDS_LOG_OFF, "-XX:ArchiveClassesAtExit=" + archive));
        command.addAll(NodeProcess.commonFlags());
        command.addAll(List.of("-cp", classPath, NodeProcess.SAMPLE_MAIN, server.conf().toString()));
        Path log = root.resolve("training.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + NodeProcess.START_TIMEOUT.toNanos();
            while (process.isAlive() && !Files.readString(log).contains("Start completed") && System.nanoTime() < deadline) {
                process.waitFor(50, TimeUnit.MILLISECONDS); // a poll interval inside the deadline above
            }
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the training node did not end");
            }
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the training node wrote no archive:\n" + Files.readString(log));
            }
            return true;
        } finally {
            process.destroyForcibly();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
