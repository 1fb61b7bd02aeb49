package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {

    @TempDir
    Path dir;

    private Path file(String text, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve("cluster.credentials"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void loadsUserAndPassword() throws Exception {
        Credentials credentials = Credentials.load(file("""
                # what this server presents to the others
                user = ripple

                password =  s3cret = with equals\s
                """, "rw-------"));

        assertThat(credentials.user()).isEqualTo("ripple");
        assertThat(credentials.password()).isEqualTo("s3cret = with equals");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password = s3cret\n", "user =\npassword = s3cret\n", "user = ripple\n"})
    void refusesAFileWithoutUserOrPassword(String text) throws Exception {
        Path file = file(text, "rw-------");

        assertThatThrownBy(() -> Credentials.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Credentials file " + file + " must have a 'user = NAME' and a 'password = SECRET' line.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ripple s3cret", "name = ripple", "= s3cret"})
    void refusesABadLine(String line) throws Exception {
        Path file = file("user = ripple\n" + line + "\n", "rw-------");

        assertThatThrownBy(() -> Credentials.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid line at cluster.credentials:2. Expected 'user = NAME' or 'password = SECRET'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw-r--r--", "rw----r--"})
    void refusesAFileOthersCanRead(String mode) throws Exception {
        Path file = file("user = ripple\npassword = s3cret\n", mode);

        assertThatThrownBy(() -> Credentials.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Credentials file " + file + " must be readable by its owner only (chmod 600 " + file + ").")
                .hasMessageEndingWith(" gives group or others access to it.");
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("absent.credentials");

        assertThatThrownBy(() -> Credentials.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Credentials file " + file + " does not exist.");
    }

    @Test
    void toStringHidesThePassword() throws Exception {
        Credentials credentials = Credentials.load(file("user = ripple\npassword = s3cret\n", "rw-------"));

        assertThat(credentials.toString()).isEqualTo("ripple (password hidden)").doesNotContain("s3cret");
        assertThat(Credentials.NONE.toString()).isEqualTo("(no credentials)");
    }
}
