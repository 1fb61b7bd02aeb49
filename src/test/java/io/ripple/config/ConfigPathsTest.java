package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigPathsTest {

    @Nested
    class CheckRelative {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "../x", "..", ".", "a/../../x", "a/..", "a/./b", "./a", "a//b", "a/", "/abs", "/",
                "a\\b", "..\\x", "C:/x", "c:x", "a\0b",
        })
        void badPathsAreRejected(String path) {
            assertThatThrownBy(() -> ConfigPaths.checkRelative(path))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'" + path + "'");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void emptyPathIsRejected(String path) {
            assertThatThrownBy(() -> ConfigPaths.checkRelative(path))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Empty path in the configuration database.");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiterString = " => ", value = {
                "/etc/passwd => Path '/etc/passwd' must be relative to the configuration folder.",
                "a\\b => Path 'a\\b' must be relative to the configuration folder.",
                "C:/x => Path 'C:/x' must be relative to the configuration folder.",
                "../x => Path '../x' leaves the configuration folder or is not normalized.",
                "a//b => Path 'a//b' leaves the configuration folder or is not normalized.",
        })
        void messagesNameTheRuleBroken(String path, String message) {
            assertThatThrownBy(() -> ConfigPaths.checkRelative(path)).hasMessage(message);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "a", "server.conf", "junctions/app.json", "a/b/c/d.txt", ".hidden", "a/.hidden", "a..b", "...",
                "..a", "a.", "with space.txt", "ünïcode/ö.json",
        })
        void goodPathsAreAccepted(String path) {
            assertThatCode(() -> ConfigPaths.checkRelative(path)).doesNotThrowAnyException();
        }
    }

    @Nested
    class ResolveInside {

        @TempDir
        Path root;

        @Test
        void resolvesBelowTheRoot() throws Exception {
            assertThat(ConfigPaths.resolveInside(root, "junctions/app.json"))
                    .isEqualTo(root.toAbsolutePath().normalize().resolve("junctions").resolve("app.json"));
        }

        @Test
        void missingFilesAreFineAsLongAsTheyStayInside() throws Exception {
            Files.createDirectories(root.resolve("a"));

            assertThat(ConfigPaths.resolveInside(root, "a/b/c.txt"))
                    .isEqualTo(root.toAbsolutePath().normalize().resolve("a/b/c.txt"));
        }

        @Test
        void badPathsAreRejectedBeforeAnyLookup() {
            assertThatThrownBy(() -> ConfigPaths.resolveInside(root, "../outside.txt"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Path '../outside.txt' leaves the configuration folder or is not normalized.");
        }

        @Test
        void fileLinkThatLeavesTheFolderIsRefused(@TempDir Path outside) throws Exception {
            Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
            Files.createSymbolicLink(root.resolve("link.txt"), secret);

            assertThatThrownBy(() -> ConfigPaths.resolveInside(root, "link.txt"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Path 'link.txt' goes through a link that leaves the configuration folder "
                            + root.toAbsolutePath().normalize() + ".");
        }

        @Test
        void folderLinkThatLeavesTheFolderIsRefusedAlsoForMissingFilesBelowIt(@TempDir Path outside) throws Exception {
            Files.writeString(outside.resolve("secret.txt"), "secret");
            Files.createSymbolicLink(root.resolve("dir"), outside);

            assertThatThrownBy(() -> ConfigPaths.resolveInside(root, "dir/secret.txt"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("goes through a link that leaves the configuration folder");
            assertThatThrownBy(() -> ConfigPaths.resolveInside(root, "dir/not-there/x.txt"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("goes through a link that leaves the configuration folder");
        }

        @Test
        void aLinkToNothingIsRefusedSayingWhereItPoints() throws Exception {
            Files.createDirectories(root.resolve("junctions"));
            Path gone = root.resolve("junctions/gone.json");
            Files.createSymbolicLink(root.resolve("junctions/app.json"), gone);

            assertThatThrownBy(() -> ConfigPaths.resolveInside(root, "junctions/app.json"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Path 'junctions/app.json' in " + root.toAbsolutePath().normalize() + " is a link to " + gone
                            + ", which does not exist: remove the link, or make it point at a file inside the configuration folder.");
        }

        @Test
        void aFolderLinkToNothingIsNamedAsTheLinkThePathGoesThrough() throws Exception {
            Path base = root.toAbsolutePath().normalize();
            Files.createSymbolicLink(root.resolve("junctions"), Path.of("moved"));

            assertThatThrownBy(() -> ConfigPaths.resolveInside(root, "junctions/app.json"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Path 'junctions/app.json' in " + base + " goes through the link "
                            + base.resolve("junctions") + " to " + base.resolve("moved") + ", which does not exist");
        }

        @Test
        void linkThatStaysInsideIsAccepted() throws Exception {
            Path real = Files.writeString(root.resolve("real.txt"), "x");
            Files.createSymbolicLink(root.resolve("alias.txt"), real);

            assertThat(ConfigPaths.resolveInside(root, "alias.txt")).isEqualTo(root.toAbsolutePath().normalize().resolve("alias.txt"));
        }
    }

    @Nested
    class Relative {

        @Test
        void manifestFormUsesForwardSlashes(@TempDir Path root) {
            assertThat(ConfigPaths.relative(root, root.resolve("a").resolve("b.json"))).isEqualTo("a/b.json");
        }
    }
}
