package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordFileTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "admin, admin-secret, true",
            "monitor, monitor-secret, true",
            "admin, monitor-secret, false",
            "admin, admin-secre, false",
            "nobody, admin-secret, false",
            "'#', test, false"})
    void authenticatesUsersOfTheFile(String user, String password, boolean expected) throws Exception {
        PasswordFile file = PasswordFile.load(TestFiles.passwordFile(dir));

        assertThat(file.authenticate(user, password)).isEqualTo(expected);
    }

    @Test
    void refusesNullCredentials() throws Exception {
        PasswordFile file = PasswordFile.load(TestFiles.passwordFile(dir));

        assertThat(file.authenticate(null, "x")).isFalse();
        assertThat(file.authenticate("admin", null)).isFalse();
        assertThat(file.users()).containsExactlyInAnyOrder("admin", "monitor", "ripple");
    }

    @Test
    void refusesAFileThatOthersCanRead() throws Exception {
        Path file = TestFiles.passwordFile(dir);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Password file " + file + " must be readable by its owner only (chmod 600 " + file
                        + "). Its mode 644 gives group or others access to it.");
    }

    @Test
    void refusesAFileThatTheGroupCanRead() throws Exception {
        Path file = TestFiles.passwordFile(dir);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> PasswordFile.load(file)).hasMessageContaining("chmod 600");
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("absent.password");

        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Password file " + file + " is missing or unreadable");
    }

    @Test
    void refusesALineWithoutPassword() throws Exception {
        Path file = TestFiles.ownerOnly(TestFiles.write(dir.resolve("p"), "admin admin-secret\nmonitor\n"));

        assertThatThrownBy(() -> PasswordFile.load(file))
                .hasMessage("Invalid line at " + file + ":2. Must be 'user password'.");
    }
}
