package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.management.AccessFile.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessFileTest {

    @TempDir
    Path dir;

    @Test
    void readsRolesIgnoringCreateClauses() throws Exception {
        AccessFile access = AccessFile.load(TestFiles.accessFile(dir));

        assertThat(access.roleOf("admin")).contains(Role.READWRITE);
        assertThat(access.roleOf("monitor")).contains(Role.READONLY);
        assertThat(access.roleOf("ripple")).contains(Role.READWRITE);
        assertThat(access.roleOf("nobody")).isEmpty();
        assertThat(access.roleOf(null)).isEmpty();
    }

    @Test
    void refusesAnUnknownRoleNamingFileAndLine() throws Exception {
        Path file = TestFiles.write(dir.resolve("a"), "# roles\nadmin readwrite\nmonitor maybe\n");

        assertThatThrownBy(() -> AccessFile.load(file))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Invalid role 'maybe' at " + file + ":3. Must be 'readonly' or 'readwrite'.");
    }

    @Test
    void refusesAMissingRole() throws Exception {
        Path file = TestFiles.write(dir.resolve("a"), "admin\n");

        assertThatThrownBy(() -> AccessFile.load(file))
                .hasMessage("Invalid role '' at " + file + ":1. Must be 'readonly' or 'readwrite'.");
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("absent");

        assertThatThrownBy(() -> AccessFile.load(file)).hasMessage("Access file " + file + " is missing or unreadable");
    }
}
