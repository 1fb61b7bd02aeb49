package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.it.RippleTool.Result;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secret files (password, credentials) and the files that decide who may do what (access, policy) that another user
 * could read or change: bin/ripple-node refuses to start with exit 2 and one line naming the file and the fix, before
 * it writes anything, on either channel; the command line refuses such a {@code --password-file} with exit 2. The
 * tests run as root, so that "another user" is {@code nobody}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretFilesIT {

    static final String ME = System.getProperty("user.name");
    static final String PASSWORDS = "jmx-config/jmxremote.password";
    static final String ACCESS = "jmx-config/jmxremote.access";
    static final String POLICY = "jmx-config/jolokia-access.xml";
    static final String CREDENTIALS = "jmx-config/cluster.credentials";

    enum Channel { JMX, JOLOKIA }

    /** A standalone master's server.conf that opens one channel, with the password and access files on it. */
    static String conf(ServerDir dir, Channel channel) {
        String text = dir.masterConf("");
        if (channel == Channel.JMX) {
            return text.replace("port = " + dir.jolokiaPort + "\n", "port = 0\n");
        }
        return text.replace("port = " + dir.jmxPort + "\npassword-file = " + PASSWORDS + "\naccess-file = " + ACCESS + "\n", "port = 0\n")
                .replace("policy-file = " + POLICY + "\n",
                        "password-file = " + PASSWORDS + "\naccess-file = " + ACCESS + "\npolicy-file = " + POLICY + "\n");
    }

    @FunctionalInterface
    interface Setup {
        /** Spoils the server's folder; returns the exact line the start must be refused with. */
        String spoil(ServerDir dir) throws Exception;
    }

    static Path chmod(ServerDir dir, String file, String mode) throws IOException {
        Path path = dir.dir.resolve(file);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    static void giveToNobody(Path path) throws IOException {
        Files.setOwner(path, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    }

    static String modeRefusal(String what, Path file, String octal) {
        return what + " " + file + " must be readable by its owner only (chmod 600 " + file + "). Its mode " + octal
                + " gives group or others access to it.";
    }

    /** As the user nobody, appends a login of its own to a file: what a 602 or 620 password file lets happen. */
    static void appendAsNobody(Path file, String line) throws Exception {
        Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", "sh", "-c", "printf '%s\\n' \"$1\" >> \"$0\"",
                file.toString(), line).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    static Stream<Arguments> refusals() {
        List<Arguments> cases = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            cases.add(Arguments.of(channel, "a 602 password file nobody appended a login to", (Setup) dir -> {
                // nobody must get through the test's folders to reach the file, as it would through /etc
                Files.setPosixFilePermissions(dir.dir.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
                Path p = chmod(dir, PASSWORDS, "rw-----w-");
                appendAsNobody(p, "intruder intruder-secret");
                assertThat(Files.readString(p)).contains("intruder intruder-secret");
                return modeRefusal("Password file", p, "602");
            }));
            cases.add(Arguments.of(channel, "a 620 password file", (Setup) dir ->
                    modeRefusal("Password file", chmod(dir, PASSWORDS, "rw--w----"), "620")));
            cases.add(Arguments.of(channel, "a 604 password file", (Setup) dir ->
                    modeRefusal("Password file", chmod(dir, PASSWORDS, "rw----r--"), "604")));
            cases.add(Arguments.of(channel, "a 600 password file owned by nobody", (Setup) dir -> {
                Path p = dir.dir.resolve(PASSWORDS);
                giveToNobody(p);
                return "Password file " + p + " must be owned by " + ME + ", the user this process runs as (chown " + ME + " " + p
                        + "). It is owned by nobody.";
            }));
            cases.add(Arguments.of(channel, "a password file that links to a 644 file", (Setup) dir -> {
                Path target = dir.dir.resolve("shared/passwords");
                Files.createDirectories(target.getParent());
                Files.move(dir.dir.resolve(PASSWORDS), target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                Path link = Files.createSymbolicLink(dir.dir.resolve(PASSWORDS), target);
                Path real = target.toRealPath();
                return "Password file " + link + " (a symbolic link, judged by its target " + real
                        + ") must be readable by its owner only (chmod 600 " + real + "). Its mode 644 gives group or others access to it.";
            }));
            cases.add(Arguments.of(channel, "a password file in a folder anyone can write", (Setup) dir -> {
                Path open = dir.dir.resolve("jmx-config");
                Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
                chmod(dir, CREDENTIALS, "rw-------");
                // the credentials file lives elsewhere, so that the password file is the one the channel refuses
                Path credentials = Files.createDirectories(dir.dir.resolve("own")).resolve("cluster.credentials");
                Files.move(dir.dir.resolve(CREDENTIALS), credentials);
                dir.writeConf(dir.readConf().replace(CREDENTIALS, "own/cluster.credentials"));
                return "Password file " + dir.dir.resolve(PASSWORDS) + " must be in a folder that group and others cannot write"
                        + " (chmod go-w " + open + "). Its mode 777 lets them replace the file.";
            }));
            cases.add(Arguments.of(channel, "a group-writable access file", (Setup) dir -> {
                Path a = chmod(dir, ACCESS, "rw-rw-r--");
                return "Access file " + a + " must not be writable by group or others (chmod go-w " + a + "). Its mode is 664.";
            }));
        }
        cases.add(Arguments.of(Channel.JOLOKIA, "a group-writable policy file", (Setup) dir -> {
            Path p = chmod(dir, POLICY, "rw-rw-r--");
            return "Jolokia policy file " + p + " must not be writable by group or others (chmod go-w " + p + "). Its mode is 664.";
        }));
        cases.add(Arguments.of(Channel.JMX, "a 602 credentials file", (Setup) dir ->
                modeRefusal("Credentials file", chmod(dir, CREDENTIALS, "rw-----w-"), "602")));
        cases.add(Arguments.of(Channel.JMX, "a credentials file in a sticky folder anyone can write, as /tmp", (Setup) dir -> {
            Path tmp = Files.createDirectories(dir.dir.resolve("tmp"));
            Files.setAttribute(tmp, "unix:mode", 01777);
            Files.move(dir.dir.resolve(CREDENTIALS), tmp.resolve("cluster.credentials"));
            dir.writeConf(dir.readConf().replace(CREDENTIALS, "tmp/cluster.credentials"));
            return "Credentials file " + tmp.resolve("cluster.credentials") + " must be in a folder that group and others cannot write"
                    + " (move it out of " + tmp + "). Its mode 1777 lets anyone create a file or link there first, sticky bit or not.";
        }));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusals")
    void anUnsafeFileRefusesTheStartWithExit2AndOneLine(Channel channel, String what, Setup setup, @TempDir Path temp)
            throws Exception {
        ServerDir dir = new ServerDir(temp, "lonely");
        dir.write("banner.txt", "Welcome\n");
        dir.writeConf(conf(dir, channel));
        String refusal = setup.spoil(dir);

        Path output = temp.resolve("output.log");
        Process p = NodeProcess.launch(dir.conf(), output);
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(output);
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("ripple-node: RPL1003E " + refusal + "\n").doesNotContain("\tat ", "Exception");
        assertThat(dir.dataDir()).doesNotExist();
    }

    // ------------------------------------------------------------------ the command line's --password-file

    ServerDir master;
    NodeProcess masterProcess;
    Path files;

    @BeforeAll
    void startMaster(@TempDir Path temp) throws IOException {
        master = new ServerDir(temp.resolve("cluster"), "master");
        master.write("banner.txt", "Welcome\n");
        files = Files.createDirectories(temp.resolve("cli"));
        masterProcess = NodeProcess.start(master, d -> d.masterConf(""));
    }

    @AfterAll
    void stopMaster() {
        if (masterProcess != null) {
            masterProcess.close();
        }
    }

    Result ripple(String channel, Path passwordFile) {
        return RippleTool.inProcess("--" + channel,
                channel.equals("jmx") ? master.jmxUrl() : master.jolokiaUrl(), "--user", ServerDir.ADMIN,
                "--password-file", passwordFile.toString(), "server", "info");
    }

    Path adminPassword(String name, String mode) throws IOException {
        Path file = Files.writeString(files.resolve(name), ServerDir.ADMIN_PASSWORD + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    static Stream<Arguments> cliRefusals() {
        return Stream.of("jmx", "jolokia").flatMap(channel -> Stream.of(
                Arguments.of(channel, "644"), Arguments.of(channel, "602"), Arguments.of(channel, "620"), Arguments.of(channel, "nobody")));
    }

    @ParameterizedTest(name = "--{0} with a password file: {1}")
    @MethodSource("cliRefusals")
    void theCommandLineRefusesAnUnsafePasswordFile(String channel, String problem) throws Exception {
        Path file;
        String refusal;
        if (problem.equals("nobody")) {
            file = adminPassword(channel + "-nobody.password", "rw-------");
            giveToNobody(file);
            refusal = "Password file " + file + " must be owned by " + ME + ", the user this process runs as (chown " + ME + " "
                    + file + "). It is owned by nobody.";
        } else {
            String symbolic = problem.equals("644") ? "rw-r--r--" : problem.equals("602") ? "rw-----w-" : "rw--w----";
            file = adminPassword(channel + "-" + problem + ".password", symbolic);
            refusal = modeRefusal("Password file", file, problem);
        }
        Result result = ripple(channel, file);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains(refusal).doesNotContain("\tat ", "Exception");
        assertThat(result.out()).doesNotContain(master.name);
    }

    @Test
    void theCommandLineTakesAnOwnerOnlyPasswordFile() throws Exception {
        Path file = adminPassword("good.password", "rw-------");
        for (String channel : List.of("jmx", "jolokia")) {
            Result result = ripple(channel, file);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).contains(master.name);
        }
    }
}
