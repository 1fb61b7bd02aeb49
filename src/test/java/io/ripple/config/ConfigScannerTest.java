package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigScannerTest {

    /**
     * The included entries of the contract example, in canonical form: its rules include everything but a few keys,
     * and Ripple's own stanzas (the rules among them) are never replicated whatever the rules say.
     */
    static final String EXAMPLE_ENTRIES = """
            [service]
            banner-file = banner.txt
            """;

    @TempDir
    Path dir;

    Path conf;

    @BeforeEach
    void exampleFolder() throws IOException {
        conf = write("server.conf", StanzaFileTest.EXAMPLE);
        write("banner.txt", "Welcome\n");
        write("junctions/app.json", "{\"path\": \"/app\", \"backend\": \"http://127.0.0.1:9000\"}\n");
        write("junctions/api.json", "{\"path\": \"/api\", \"backend\": \"http://127.0.0.1:9001\"}\n");
        write("junctions/readme.txt", "not a junction\n");
        write("junctions/old/legacy.json", "{}\n");
        write("data/store/versions/0000000001.json", "{}\n");
        write("data/junctions/stale.json", "{}\n");
    }

    Path write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    Path writeConf(String text) throws IOException {
        return write("server.conf", text);
    }

    ScannedDatabase scan() throws ConfigException {
        return new ConfigScanner(conf, dir.resolve("data")).scan();
    }

    static String entriesText(ScannedDatabase db) {
        return new String(db.entries(), StandardCharsets.UTF_8);
    }

    @Nested
    class Entries {

        @Test
        void onlyIncludedEntriesInCanonicalForm() throws Exception {
            ScannedDatabase db = scan();

            assertThat(entriesText(db)).isEqualTo(EXAMPLE_ENTRIES);
            assertThat(db.manifest().get(0)).isEqualTo(new ManifestEntry(ReplicatedEntries.PATH,
                    EXAMPLE_ENTRIES.getBytes(StandardCharsets.UTF_8).length, Hashing.sha256Hex(db.entries())));
        }

        @Test
        void canonicalFormParsesBackToTheIncludedEntries() throws Exception {
            ScannedDatabase db = scan();

            assertThat(ReplicatedEntries.parse(db.entries()))
                    .extracting(StanzaFile.Entry::qualifiedKey)
                    .containsExactly("service::banner-file");
        }

        @Test
        void stanzasSortedByNameEntriesInFileOrder() throws Exception {
            writeConf("""
                    [zeta]
                    b = 2
                    a = 1
                    b = 3
                    [alpha]
                    y = why
                    x = ex
                    [cfg-db:entries]
                    cfg-db:*::* = exclude
                    *::* = include
                    """);

            assertThat(entriesText(scan())).isEqualTo("""
                    [alpha]
                    y = why
                    x = ex

                    [zeta]
                    b = 2
                    a = 1
                    b = 3
                    """);
        }

        @Test
        void nothingIncludedGivesEmptyEntries() throws Exception {
            writeConf("[service]\nhttp-port = 8080\n");

            ScannedDatabase db = scan();

            assertThat(db.entries()).isEmpty();
            assertThat(db.manifest()).containsExactly(new ManifestEntry(ReplicatedEntries.PATH, 0, Hashing.sha256Hex(new byte[0])));
        }

        @Test
        void reorderingStanzasAndEditingCommentsAndSpacingKeepTheDigest() throws Exception {
            String before = scan().digest();
            String[] blocks = StanzaFileTest.EXAMPLE.split("\n\n");
            StringBuilder reordered = new StringBuilder("# a new comment at the top\n\n");
            for (int i = blocks.length - 1; i >= 0; i--) {
                reordered.append(blocks[i].replace(" = ", "=").replace("# ", "#  edited ")).append("\n\n\n");
            }
            writeConf(reordered.toString().replace("\n", "\r\n"));

            ScannedDatabase after = scan();

            assertThat(entriesText(after)).isEqualTo(EXAMPLE_ENTRIES);
            assertThat(after.digest()).isEqualTo(before);
        }

        @Test
        void changingAnIncludedValueChangesTheDigest() throws Exception {
            String before = scan().digest();
            writeConf(StanzaFileTest.EXAMPLE + "\n[custom]\ncolour = blue\n");
            String withEntry = scan().digest();
            writeConf(StanzaFileTest.EXAMPLE + "\n[custom]\ncolour = green\n");

            assertThat(withEntry).isNotEqualTo(before);
            assertThat(scan().digest()).isNotEqualTo(withEntry).isNotEqualTo(before);
        }

        @Test
        void reorderingRepeatedKeysChangesTheDigest() throws Exception {
            writeConf(StanzaFileTest.EXAMPLE + "\n[custom]\nlist = a\nlist = b\n");
            String before = scan().digest();
            writeConf(StanzaFileTest.EXAMPLE + "\n[custom]\nlist = b\nlist = a\n");

            assertThat(scan().digest()).isNotEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "http-port = 8080", "name = master", "data-dir = data", "is-master = yes", "port = 9010", "port = 8778",
        })
        void changingAnExcludedValueKeepsTheDigest(String line) throws Exception {
            assertThat(StanzaFileTest.EXAMPLE).contains(line);
            String before = scan().digest();
            writeConf(StanzaFileTest.EXAMPLE.replace(line, line + "1"));

            ScannedDatabase after = scan();

            assertThat(after.conf().text()).contains(line + "1");
            assertThat(after.digest()).isEqualTo(before);
        }

        @Test
        void scanOfAnAlreadyParsedFile() throws Exception {
            StanzaFile parsed = StanzaFile.read(conf);

            assertThat(new ConfigScanner(conf, dir.resolve("data")).scan(parsed).digest()).isEqualTo(scan().digest());
        }
    }

    @Nested
    class Files_ {

        @Test
        void exampleReplicatesMatchingJunctionsAndTheBannerFile() throws Exception {
            ScannedDatabase db = scan();

            assertThat(db.files()).containsOnlyKeys("banner.txt", "junctions/api.json", "junctions/app.json");
            assertThat(db.files().get("junctions/app.json")).isEqualTo(dir.resolve("junctions/app.json").toAbsolutePath().normalize());
            assertThat(db.manifest()).extracting(ManifestEntry::path)
                    .containsExactly(ReplicatedEntries.PATH, "banner.txt", "junctions/api.json", "junctions/app.json");
            assertThat(db.missing()).isEmpty();
        }

        @Test
        void manifestEntriesHaveSizeAndSha256OfTheContent() throws Exception {
            ScannedDatabase db = scan();

            byte[] banner = "Welcome\n".getBytes(StandardCharsets.UTF_8);
            assertThat(db.manifest()).contains(new ManifestEntry("banner.txt", banner.length, Hashing.sha256Hex(banner)));
            assertThat(db.totalBytes()).isEqualTo(db.manifest().stream().mapToLong(ManifestEntry::size).sum());
            assertThat(db.digest()).isEqualTo(Hashing.digest(db.manifest())).hasSize(64);
        }

        @Test
        void globNeverPicksTheStanzaFileItself() throws Exception {
            writeConf(StanzaFileTest.EXAMPLE + "files = *\nfiles = *.conf\n");

            assertThat(scan().files()).containsOnlyKeys("banner.txt", "junctions/api.json", "junctions/app.json");
        }

        @Test
        void globSkipsTheExcludedDataFolder() throws Exception {
            writeConf("[cfg-db:files]\nfiles = **.json\n");

            assertThat(scan().files()).containsOnlyKeys("junctions/api.json", "junctions/app.json", "junctions/old/legacy.json");
            assertThat(new ConfigScanner(conf, null).scan().files())
                    .containsKeys("data/junctions/stale.json", "data/store/versions/0000000001.json");
        }

        @Test
        void globsWithQuestionMarkClassesAndAlternatives() throws Exception {
            write("junctions/ap1.json", "{}\n");
            writeConf("[cfg-db:files]\nfiles = junctions/ap?.json\nfiles = junctions/[r]*.txt\nfiles = {banner,none}.txt\n");

            assertThat(scan().files()).containsOnlyKeys(
                    "junctions/api.json", "junctions/app.json", "junctions/ap1.json", "junctions/readme.txt", "banner.txt");
        }

        @Test
        void globThatMatchesNothingIsNotMissing() throws Exception {
            writeConf("[cfg-db:files]\nfiles = nowhere/*.json\n");

            ScannedDatabase db = scan();

            assertThat(db.files()).isEmpty();
            assertThat(db.missing()).isEmpty();
        }

        @Test
        void globSkipsLinksThatLeaveTheFolder(@TempDir Path outside) throws Exception {
            Path secret = Files.writeString(outside.resolve("secret.json"), "{\"secret\": true}\n");
            Files.createSymbolicLink(dir.resolve("junctions/evil.json"), secret);
            Files.createSymbolicLink(dir.resolve("junctions/linked-dir"), outside);
            writeConf("[cfg-db:files]\nfiles = junctions/**\n");

            assertThat(scan().files()).doesNotContainKeys("junctions/evil.json", "junctions/linked-dir/secret.json")
                    .containsKey("junctions/app.json");
        }

        @Test
        void referencePicksTheFileNamedByTheEntry() throws Exception {
            write("motd/today.txt", "hello\n");
            writeConf("[service]\nbanner-file = motd/today.txt\n[cfg-db:files]\nfiles = cfg(service::banner-file)\n");

            assertThat(scan().files()).containsOnlyKeys("motd/today.txt");
        }

        @Test
        void referenceToARepeatedKeyPicksEveryFile() throws Exception {
            writeConf("[service]\nextra = banner.txt\nextra = ./junctions/app.json\n[cfg-db:files]\nfiles = cfg(service::extra)\n");

            assertThat(scan().files()).containsOnlyKeys("banner.txt", "junctions/app.json");
        }

        @Test
        void referencePicksTheFileEvenWhenTheEntryItselfIsNotReplicated() throws Exception {
            writeConf("[cfg-db:entries]\nservice::* = exclude\n[service]\nbanner-file = banner.txt\n[cfg-db:files]\nfiles = cfg(service::banner-file)\n");

            ScannedDatabase db = scan();

            assertThat(db.files()).containsOnlyKeys("banner.txt");
            assertThat(db.entries()).isEmpty();
        }

        @Test
        void missingExplicitFilesAndReferencesAreListed() throws Exception {
            Files.delete(dir.resolve("banner.txt"));
            writeConf(StanzaFileTest.EXAMPLE + "files = extra/notes.txt\nfiles = ./junctions/app.json\nfiles = junctions\n");

            ScannedDatabase db = scan();

            assertThat(db.missing()).containsExactly("banner.txt (cfg(service::banner-file))", "extra/notes.txt",
                    "junctions (a folder, not a file: name its files, e.g. junctions/*)");
            assertThat(db.files()).containsOnlyKeys("junctions/api.json", "junctions/app.json");
        }

        @Test
        void explicitFileWithBackslashesIsNormalized() throws Exception {
            writeConf("[cfg-db:files]\nfiles = junctions\\app.json\n");

            assertThat(scan().files()).containsOnlyKeys("junctions/app.json");
        }

        @ParameterizedTest
        @ValueSource(strings = {"../etc/passwd", "/etc/passwd", "junctions/../../x", "a//b", "C:/Windows/win.ini", "..\\x"})
        void explicitPathOutsideTheFolderIsRefused(String path) throws Exception {
            writeConf("[cfg-db:files]\nfiles = " + path + "\n");

            assertThatThrownBy(ConfigScannerTest.this::scan)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Replicated file '" + path + "' (files = " + path + ") must be a relative path inside the "
                            + "configuration folder " + dir.toAbsolutePath().normalize() + ".");
        }

        @Test
        void referenceToAPathOutsideTheFolderIsRefused() throws Exception {
            writeConf("[service]\nbanner-file = ../etc/motd\n[cfg-db:files]\nfiles = cfg(service::banner-file)\n");

            assertThatThrownBy(ConfigScannerTest.this::scan)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Replicated file '../etc/motd' (files = cfg(service::banner-file)) must be a relative path "
                            + "inside the configuration folder " + dir.toAbsolutePath().normalize() + ".");
        }

        @ParameterizedTest
        @ValueSource(strings = {"../*.json", "/etc/*", "junctions/../../*", "./../*"})
        void globOutsideTheFolderIsRefused(String glob) throws Exception {
            writeConf("[cfg-db:files]\nfiles = " + glob + "\n");

            assertThatThrownBy(ConfigScannerTest.this::scan)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Replicated files '" + glob + "' must stay inside the configuration folder "
                            + dir.toAbsolutePath().normalize() + ".");
        }

        @Test
        void explicitLinkThatLeavesTheFolderIsRefused(@TempDir Path outside) throws Exception {
            Path secret = Files.writeString(outside.resolve("passwd"), "root:x:0:0\n");
            Files.createSymbolicLink(dir.resolve("passwd"), secret);
            writeConf("[cfg-db:files]\nfiles = passwd\n");

            assertThatThrownBy(ConfigScannerTest.this::scan)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Path 'passwd' goes through a link that leaves the configuration folder "
                            + dir.toAbsolutePath().normalize() + ".");
        }

        @Test
        void explicitFileWithTheReservedEntriesNameIsRefused() throws Exception {
            write(ReplicatedEntries.PATH, "a real file\n");
            writeConf("[cfg-db:files]\nfiles = <entries>\n");

            assertThatThrownBy(ConfigScannerTest.this::scan)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Replicated file '<entries>' (files = <entries>) has the name reserved for the replicated "
                            + "entries. Rename the file.");
        }

        @Test
        void globNeverPicksAFileWithTheReservedEntriesName() throws Exception {
            write(ReplicatedEntries.PATH, "a real file\n");
            writeConf("[cfg-db:files]\nfiles = *\n");

            assertThat(scan().manifest()).extracting(ManifestEntry::path).containsExactly(ReplicatedEntries.PATH, "banner.txt");
        }
    }

    @Nested
    class Digest {

        @Test
        void sameContentInAnotherFolderGivesTheSameDigest(@TempDir Path other) throws Exception {
            ScannedDatabase here = scan();
            for (String path : new String[] {"server.conf", "banner.txt", "junctions/app.json", "junctions/api.json"}) {
                Files.createDirectories(other.resolve(path).getParent());
                Files.copy(dir.resolve(path), other.resolve(path));
            }

            ScannedDatabase there = new ConfigScanner(other.resolve("server.conf"), other.resolve("data")).scan();

            assertThat(there.manifest()).isEqualTo(here.manifest());
            assertThat(there.digest()).isEqualTo(here.digest());
        }

        @Test
        void scanningTwiceGivesTheSameDigest() throws Exception {
            assertThat(scan().digest()).isEqualTo(scan().digest());
        }

        @Test
        void oneByteChangedChangesTheDigest() throws Exception {
            String before = scan().digest();
            byte[] content = Files.readAllBytes(dir.resolve("junctions/app.json"));
            content[content.length - 2] ^= 1;
            Files.write(dir.resolve("junctions/app.json"), content);

            ScannedDatabase after = scan();

            assertThat(after.digest()).isNotEqualTo(before);
            assertThat(after.manifest()).extracting(ManifestEntry::sha256).contains(Hashing.sha256Hex(content));
        }

        @Test
        void renamingAFileChangesTheDigest() throws Exception {
            String before = scan().digest();
            Files.move(dir.resolve("junctions/app.json"), dir.resolve("junctions/app2.json"));

            assertThat(scan().digest()).isNotEqualTo(before);
        }

        @Test
        void addingAMatchingFileChangesTheDigestAndAnUnmatchedOneDoesNot() throws Exception {
            String before = scan().digest();
            write("junctions/notes.md", "ignored\n");
            write("data/extra.json", "{}\n");
            assertThat(scan().digest()).isEqualTo(before);

            write("junctions/new.json", "{}\n");
            assertThat(scan().digest()).isNotEqualTo(before);
        }

        @Test
        void touchingAFileKeepsTheDigest() throws Exception {
            String before = scan().digest();
            for (String path : new String[] {"server.conf", "banner.txt", "junctions/app.json"}) {
                Files.setLastModifiedTime(dir.resolve(path), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
            }

            assertThat(scan().digest()).isEqualTo(before);
        }

        @Test
        void digestDoesNotDependOnManifestOrder() {
            ManifestEntry a = new ManifestEntry("a", 1, "00");
            ManifestEntry b = new ManifestEntry("b", 2, "11");

            assertThat(Hashing.digest(java.util.List.of(b, a))).isEqualTo(Hashing.digest(java.util.List.of(a, b)));
            assertThat(Hashing.digest(java.util.List.of(a))).isNotEqualTo(Hashing.digest(java.util.List.of(a, b)));
        }
    }
}
