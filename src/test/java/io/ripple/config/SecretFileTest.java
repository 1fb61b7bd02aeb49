package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretFileTest {

    static final String ME = System.getProperty("user.name");

    @TempDir
    Path dir;

    static Path write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    static void chmod(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    static void giveToNobody(Path path) throws IOException {
        assumeThat(ME).as("only root can give a file away").isEqualTo("root");
        UserPrincipal nobody = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(path, nobody);
    }

    @Nested
    class Secrets {

        @Test
        void readsAnOwnerOnlyFile() throws Exception {
            Path file = write(dir.resolve("secret"), "s3cret\nsecond\n", "rw-------");
            assertThat(SecretFile.readLines(file, "Password file " + file)).containsExactly("s3cret", "second");
            assertThat(SecretFile.firstLine(file, "Password file " + file)).isEqualTo("s3cret");
        }

        /** "chmod 600" or "is missing" would send the operator after the wrong fix: the setting names a folder. */
        @ParameterizedTest(name = "mode {0}")
        @ValueSource(strings = {"rwx------", "rwxr-xr-x"})
        void aFolderIsNamedAsAFolder(String mode) throws Exception {
            Path folder = Files.createDirectories(dir.resolve("jmx-config"));
            chmod(folder, mode);
            assertThatThrownBy(() -> SecretFile.firstLine(folder, "Password file " + folder))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Password file " + folder + " is a folder, not a file. Name the file itself.");
        }

        @Test
        void aReadOnlyFileOfTheOwnerIsFine() throws Exception {
            Path file = write(dir.resolve("secret"), "s3cret\n", "r--------");
            assertThat(SecretFile.firstLine(file, "Password file " + file)).isEqualTo("s3cret");
        }

        @ParameterizedTest(name = "mode {0}")
        @ValueSource(strings = {"602", "620", "604", "640", "644", "601", "610", "666"})
        void anyBitForGroupOrOthersIsRefused(String octal) throws Exception {
            Path file = write(dir.resolve("secret"), "s3cret\n", "rw-------");
            chmod(file, symbolic(octal));
            assertThatThrownBy(() -> SecretFile.readLines(file, "Password file " + file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Password file " + file + " must be readable by its owner only (chmod 600 " + file
                            + "). Its mode " + octal + " gives group or others access to it.");
        }

        @Test
        void aFileOfAnotherUserIsRefused() throws Exception {
            Path file = write(dir.resolve("secret"), "s3cret\n", "rw-------");
            giveToNobody(file);
            assertThatThrownBy(() -> SecretFile.readLines(file, "Credentials file " + file))
                    .hasMessage("Credentials file " + file + " must be owned by " + ME + ", the user this process runs as (chown "
                            + ME + " " + file + "). It is owned by nobody.");
        }

        @Test
        void aLinkIsJudgedByItsTarget() throws Exception {
            Path target = write(dir.resolve("real/secret"), "s3cret\n", "rw-r--r--");
            Path link = Files.createSymbolicLink(dir.resolve("link"), target);
            assertThatThrownBy(() -> SecretFile.readLines(link, "Password file " + link))
                    .hasMessage("Password file " + link + " (a symbolic link, judged by its target " + target.toRealPath()
                            + ") must be readable by its owner only (chmod 600 " + target.toRealPath()
                            + "). Its mode 644 gives group or others access to it.");
            chmod(target, "rw-------");
            assertThat(SecretFile.firstLine(link, "Password file " + link)).isEqualTo("s3cret");
        }

        @Test
        void aLinkToAFolderOthersCanWriteIsRefused() throws Exception {
            Path target = write(dir.resolve("open/secret"), "s3cret\n", "rw-------");
            chmod(target.getParent(), "rwxrwxrwx");
            Path link = Files.createSymbolicLink(dir.resolve("link"), target);
            Path real = target.getParent().toRealPath();
            assertThatThrownBy(() -> SecretFile.readLines(link, "Password file " + link))
                    .hasMessage("Password file " + link + " (a symbolic link, judged by its target " + target.toRealPath()
                            + ") must be in a folder that group and others cannot write (chmod go-w " + real
                            + "). Its mode 777 lets them replace the file.");
        }

        @ParameterizedTest(name = "folder mode {0}")
        @ValueSource(strings = {"rwxrwxr-x", "rwxr-xrwx", "rwxrwxrwx"})
        void aFolderGroupOrOthersCanWriteIsRefused(String mode) throws Exception {
            Path file = write(dir.resolve("conf/secret"), "s3cret\n", "rw-------");
            chmod(file.getParent(), mode);
            String octal = Integer.toOctalString(bits(mode));
            assertThatThrownBy(() -> SecretFile.readLines(file, "Password file " + file))
                    .hasMessage("Password file " + file + " must be in a folder that group and others cannot write (chmod go-w "
                            + file.getParent() + "). Its mode " + octal + " lets them replace the file.");
        }

        @Test
        void aStickyWorldWritableFolderIsRefusedToo() throws Exception {
            Path file = write(dir.resolve("tmp/secret"), "s3cret\n", "rw-------");
            Files.setAttribute(file.getParent(), "unix:mode", 01777);
            assertThatThrownBy(() -> SecretFile.readLines(file, "Password file " + file))
                    .hasMessage("Password file " + file + " must be in a folder that group and others cannot write (move it out of "
                            + file.getParent() + "). Its mode 1777 lets anyone create a file or link there first, sticky bit or not.");
        }

        @Test
        void aFolderOfAnotherUserIsRefused() throws Exception {
            Path file = write(dir.resolve("theirs/secret"), "s3cret\n", "rw-------");
            giveToNobody(file.getParent());
            assertThatThrownBy(() -> SecretFile.readLines(file, "Password file " + file))
                    .hasMessage("Password file " + file + " must be in a folder owned by " + ME + " or root (chown " + ME + " "
                            + file.getParent() + "). The folder is owned by nobody.");
        }

        @Test
        void aMissingOrEmptyFileIsNamed() throws Exception {
            Path missing = dir.resolve("missing");
            assertThatThrownBy(() -> SecretFile.readLines(missing, "Password file " + missing))
                    .hasMessage("Password file " + missing + " does not exist.");
            Path empty = write(dir.resolve("empty"), "", "rw-------");
            assertThatThrownBy(() -> SecretFile.firstLine(empty, "Password file " + empty))
                    .hasMessage("Password file " + empty + " is empty: its first line must be the password.");
        }
    }

    @Nested
    class Trusted {

        @Test
        void aFileAnyoneMayReadIsFine() throws Exception {
            Path file = write(dir.resolve("jmxremote.access"), "admin readwrite\n", "rw-r--r--");
            TrustedFile.check(file, "Access file " + file);
        }

        @ParameterizedTest(name = "mode {0}")
        @ValueSource(strings = {"664", "646", "666"})
        void aFileGroupOrOthersCanWriteIsRefused(String octal) throws Exception {
            Path file = write(dir.resolve("jmxremote.access"), "admin readwrite\n", symbolic(octal));
            assertThatThrownBy(() -> TrustedFile.check(file, "Access file " + file))
                    .hasMessage("Access file " + file + " must not be writable by group or others (chmod go-w " + file
                            + "). Its mode is " + octal + ".");
        }

        @Test
        void aFileOfAnotherUserIsRefused() throws Exception {
            Path file = write(dir.resolve("jolokia-access.xml"), "<restrict/>\n", "rw-r--r--");
            giveToNobody(file);
            assertThatThrownBy(() -> TrustedFile.check(file, "Jolokia policy file " + file))
                    .hasMessage("Jolokia policy file " + file + " must be owned by " + ME + " or root (chown " + ME + " " + file
                            + "). It is owned by nobody.");
        }

        @Test
        void itsFolderMayNotBeWritableByOthers() throws Exception {
            Path file = write(dir.resolve("conf/jmxremote.access"), "admin readwrite\n", "rw-r--r--");
            chmod(file.getParent(), "rwxrwxr-x");
            assertThatThrownBy(() -> TrustedFile.check(file, "Access file " + file))
                    .hasMessage("Access file " + file + " must be in a folder that group and others cannot write (chmod go-w "
                            + file.getParent() + "). Its mode 775 lets them replace the file.");
        }

        @Test
        void aMissingFileIsLeftToItsReader() throws Exception {
            TrustedFile.check(dir.resolve("missing"), "Access file");
        }
    }

    private static int bits(String symbolic) {
        int mode = 0;
        for (int i = 0; i < 9; i++) {
            mode = mode << 1 | (symbolic.charAt(i) == '-' ? 0 : 1);
        }
        return mode;
    }

    private static String symbolic(String octal) {
        StringBuilder s = new StringBuilder();
        for (char c : octal.toCharArray()) {
            int d = c - '0';
            s.append((d & 4) != 0 ? 'r' : '-').append((d & 2) != 0 ? 'w' : '-').append((d & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }
}
