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
    void readsTheJvmControlGrant() throws Exception {
        Path file = TestFiles.write(dir.resolve("a"), "admin readwrite jvm-control\nripple readwrite\n"
                + "old readwrite create javax.management.monitor.*,javax.management.timer.* unregister\n");

        AccessFile access = AccessFile.load(file);

        assertThat(access.grantOf("admin")).contains(new AccessFile.Grant(Role.READWRITE, true));
        assertThat(access.grantOf("ripple")).contains(new AccessFile.Grant(Role.READWRITE, false));
        assertThat(access.grantOf("old")).as("the JDK's clauses grant nothing")
                .contains(new AccessFile.Grant(Role.READWRITE, false));
    }

    @Test
    void refusesAnUnknownClauseAndClausesAfterReadonly() throws Exception {
        Path typo = TestFiles.write(dir.resolve("a"), "admin readwrite jvm-contrl\n");
        Path readonly = TestFiles.write(dir.resolve("b"), "monitor readonly jvm-control\n");

        assertThatThrownBy(() -> AccessFile.load(typo))
                .hasMessage("Unknown clause 'jvm-contrl' at " + typo + ":1. After readwrite only 'jvm-control' is allowed.");
        assertThatThrownBy(() -> AccessFile.load(readonly))
                .hasMessage("Unexpected 'jvm-control' after readonly at " + readonly
                        + ":1. Only readwrite takes clauses (jvm-control).");
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
