package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StanzaFileTest {

    /** The example server.conf of CONTRACT.md section 2, verbatim. */
    static final String EXAMPLE = """
            [server]
            name = master                 # this server's name, unique in the cluster
            data-dir = data               # Ripple's own state: versions, run journal, backups (relative to this file)

            [service]                     # the hosted server's own settings (here: the sample server)
            http-port = 8080              # local to each server: exclude it in [cfg-db:entries] if servers share a host
            banner-file = banner.txt

            [cluster]
            is-master = yes               # yes on exactly one server
            master-name = master          # replicas: the master's name
            master-url = service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi   # replicas: how to reach the master (JMX or http://…/jolokia/)
            max-wait-time = 60            # master: seconds to wait for each replica (default 60)
            replica = replica-1 service:jmx:rmi:///jndi/rmi://127.0.0.1:9011/jmxrmi   # master: one line per replica
            replica = replica-2 http://127.0.0.1:8780/jolokia/
            credentials-file = ../jmx-config/cluster.credentials   # user and password Ripple uses for its own calls

            [jmx]
            host = 127.0.0.1              # JMX RMI connector (JSR-160); port 0 or absent: no connector
            port = 9010
            password-file = ../jmx-config/jmxremote.password      # same format as the JDK's
            access-file = ../jmx-config/jmxremote.access          # readonly / readwrite roles, as the JDK's

            [jolokia]
            host = 127.0.0.1              # Jolokia HTTP agent (basic auth); port 0 or absent: no agent
            port = 8778
            password-file = ../jmx-config/jmxremote.password      # default: [jmx]'s; same users and roles on both channels
            access-file = ../jmx-config/jmxremote.access          # default: [jmx]'s; readonly users may read, not exec
            policy-file = ../jmx-config/jolokia-access.xml

            [cfg-db:entries]              # which entries of this file are replicated: first match wins, no match = not replicated
            cluster::* = exclude
            jmx::* = exclude
            jolokia::* = exclude
            server::name = exclude
            server::data-dir = exclude
            service::http-port = exclude
            *::* = include

            [cfg-db:files]                # which other files are replicated (paths relative to this file; globs allowed)
            files = junctions/*.json
            files = cfg(service::banner-file)     # the file named by that entry
            """;

    static StanzaFile parse(String text) throws ConfigException {
        return StanzaFile.parse(text, "server.conf");
    }

    @Nested
    class RoundTrip {

        @Test
        void textOfTheContractExampleIsTheInput() throws ConfigException {
            assertThat(parse(EXAMPLE).text()).isEqualTo(EXAMPLE);
        }

        @Test
        void crlfLinesAreKeptInTextButNotInValues() throws ConfigException {
            String crlf = EXAMPLE.replace("\n", "\r\n");

            StanzaFile file = parse(crlf);

            assertThat(file.text()).isEqualTo(crlf);
            assertThat(file.value("service", "banner-file")).contains("banner.txt");
            assertThat(file.stanzas()).contains("server", "cfg-db:files");
        }

        @Test
        void blankLinesCommentsAndSpacingAreKept() throws ConfigException {
            String text = "# leading comment\n\n   \n[a]\n  key=value\t# trailing\n\t\n#x = y\n";

            StanzaFile file = parse(text);

            assertThat(file.text()).isEqualTo(text);
            assertThat(file.lines()).hasSize(7);
            assertThat(file.entries()).singleElement()
                    .satisfies(e -> assertThat(e.raw()).isEqualTo("  key=value\t# trailing"));
        }

        @Test
        void textWithoutFinalNewlineGainsOne() throws ConfigException {
            assertThat(parse("[a]\nk = v").text()).isEqualTo("[a]\nk = v\n");
        }

        @Test
        void emptyTextHasNoLines() throws ConfigException {
            StanzaFile file = parse("");

            assertThat(file.lines()).isEmpty();
            assertThat(file.text()).isEmpty();
        }

        @Test
        void readGivesTheFileBackByteForByte(@TempDir Path dir) throws Exception {
            Path conf = dir.resolve("server.conf");
            Files.writeString(conf, EXAMPLE, StandardCharsets.UTF_8);

            StanzaFile file = StanzaFile.read(conf);

            assertThat(file.text()).isEqualTo(EXAMPLE);
            assertThat(file.sourceName()).isEqualTo("server.conf");
        }
    }

    @Nested
    class Lookup {

        @Test
        void repeatedKeysFormAListInFileOrder() throws ConfigException {
            assertThat(parse(EXAMPLE).values("cluster", "replica")).containsExactly(
                    "replica-1 service:jmx:rmi:///jndi/rmi://127.0.0.1:9011/jmxrmi",
                    "replica-2 http://127.0.0.1:8780/jolokia/");
        }

        @Test
        void valueIsTheFirstOfRepeatedKeys() throws ConfigException {
            assertThat(parse(EXAMPLE).value("cluster", "replica"))
                    .contains("replica-1 service:jmx:rmi:///jndi/rmi://127.0.0.1:9011/jmxrmi");
        }

        @Test
        void valuesAreStrippedAndCommentFree() throws ConfigException {
            StanzaFile file = parse(EXAMPLE);

            assertThat(file.value("server", "name")).contains("master");
            assertThat(file.value("cluster", "master-url")).contains("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi");
            assertThat(file.value("cfg-db:files", "files")).contains("junctions/*.json");
            assertThat(file.values("cfg-db:files", "files")).containsExactly("junctions/*.json", "cfg(service::banner-file)");
            assertThat(file.value("cfg-db:entries", "*::*")).contains("include");
        }

        @Test
        void absentKeysAndStanzasGiveNothing() throws ConfigException {
            StanzaFile file = parse(EXAMPLE);

            assertThat(file.value("server", "nope")).isEmpty();
            assertThat(file.value("nope", "name")).isEmpty();
            assertThat(file.entry("service", "name")).isEmpty();
            assertThat(file.values("jmx", "nope")).isEmpty();
        }

        @Test
        void sameKeyInAnotherStanzaIsADifferentEntry() throws ConfigException {
            StanzaFile file = parse(EXAMPLE);

            assertThat(file.value("jmx", "port")).contains("9010");
            assertThat(file.value("jolokia", "port")).contains("8778");
        }

        @Test
        void entryKnowsItsStanzaKeyLineAndLocation() throws ConfigException {
            StanzaFile file = parse(EXAMPLE);

            StanzaFile.Entry entry = file.entry("service", "banner-file").orElseThrow();

            assertThat(entry.stanza()).isEqualTo("service");
            assertThat(entry.key()).isEqualTo("banner-file");
            assertThat(entry.value()).isEqualTo("banner.txt");
            assertThat(entry.lineNumber()).isEqualTo(7);
            assertThat(entry.qualifiedKey()).isEqualTo("service::banner-file");
            assertThat(file.location(entry)).isEqualTo("server.conf:7");
        }

        @Test
        void stanzasAreListedInFileOrder() throws ConfigException {
            assertThat(parse(EXAMPLE).stanzas()).containsExactly(
                    "server", "service", "cluster", "jmx", "jolokia", "cfg-db:entries", "cfg-db:files");
        }

        @Test
        void aStanzaThatAppearsTwiceIsListedOnceAndMerges() throws ConfigException {
            StanzaFile file = parse("[a]\nk = 1\n[b]\nx = y\n[a]\nk = 2\n");

            assertThat(file.stanzas()).containsExactly("a", "b");
            assertThat(file.values("a", "k")).containsExactly("1", "2");
        }

        @Test
        void emptyValueIsAnEmptyString() throws ConfigException {
            assertThat(parse("[a]\nk =\n").value("a", "k")).contains("");
        }

        @Test
        void onlyTheFirstEqualsSignSeparatesKeyFromValue() throws ConfigException {
            assertThat(parse("[a]\nurl = http://h/?a=b&c=d\n").value("a", "url")).contains("http://h/?a=b&c=d");
        }

        @Test
        void headerNamesAreStripped() throws ConfigException {
            assertThat(parse("[ spaced ]\nk = v\n").value("spaced", "k")).contains("v");
        }

        @Test
        void ofRenumbersEntryLines() throws ConfigException {
            StanzaFile parsed = parse("\n\n[a]\nk = v\n");
            List<StanzaFile.Line> lines = parsed.lines().subList(2, 4);

            StanzaFile built = StanzaFile.of("built.conf", lines);

            assertThat(built.entry("a", "k").orElseThrow().lineNumber()).isEqualTo(2);
            assertThat(built.text()).isEqualTo("[a]\nk = v\n");
        }
    }

    @Nested
    class Comments {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
                "k = a#b            | a#b",
                "k = a#b # comment  | a#b",
                "k = v # comment    | v",
                "\"k = v\t# tab\"   | v",
                "k = v #            | v",
                "k = #whole         | \"\"",
                "k = http://h/#frag | http://h/#frag",
                "k = v ## double    | v",
        })
        void hashAfterWhiteSpaceStartsAComment(String line, String expected) throws ConfigException {
            assertThat(parse("[a]\n" + line + "\n").value("a", "k")).contains(expected);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "# a comment",
                "#k = v",
                "    # indented comment",
                "''",
                "'   '",
        })
        void commentAndBlankLinesAreNotEntries(String line) throws ConfigException {
            StanzaFile file = parse("[a]\n" + line + "\n");

            assertThat(file.entries()).isEmpty();
            assertThat(file.lines()).hasSize(2).element(1).isInstanceOf(StanzaFile.Other.class);
        }

        @Test
        void commentAfterHeader() throws ConfigException {
            StanzaFile file = parse("[a]   # comment [b]\nk = v\n");

            assertThat(file.stanzas()).containsExactly("a");
            assertThat(file.value("a", "k")).contains("v");
        }

        @Test
        void keyMayContainAHashWithoutWhiteSpaceBeforeIt() throws ConfigException {
            assertThat(parse("[a]\nk#1 = v\n").value("a", "k#1")).contains("v");
        }

        @Test
        void commentOnlyFileBeforeAnyStanzaIsFine() throws ConfigException {
            StanzaFile file = parse("# just a comment\n\n");

            assertThat(file.entries()).isEmpty();
            assertThat(file.stanzas()).isEmpty();
        }
    }

    @Nested
    class Errors {

        static Stream<Arguments> invalidFiles() {
            return Stream.of(
                    Arguments.of("[a]\njust words\n",
                            "Invalid line 'just words' at server.conf:2. Expected 'key = value', a [stanza] header or a # comment."),
                    Arguments.of("[a]\nk = v\n\nno-equals   # but a comment = x\n",
                            "Invalid line 'no-equals' at server.conf:4. Expected 'key = value', a [stanza] header or a # comment."),
                    Arguments.of("k = v\n[a]\n",
                            "Entry 'k' at server.conf:1 is outside any stanza. Expected a [stanza] header before it."),
                    Arguments.of("# comment\n\n  key = value\n",
                            "Entry 'key' at server.conf:3 is outside any stanza. Expected a [stanza] header before it."),
                    Arguments.of("[oops\nk = v\n",
                            "Invalid stanza header '[oops' at server.conf:1. Expected '[name]'."),
                    Arguments.of("[a]\n[]\n",
                            "Invalid stanza header '[]' at server.conf:2. Expected '[name]'."),
                    Arguments.of("[ ]\n",
                            "Invalid stanza header '[ ]' at server.conf:1. Expected '[name]'."),
                    Arguments.of("[a]b]\n",
                            "Invalid stanza header '[a]b]' at server.conf:1. Expected '[name]'."),
                    Arguments.of("[a[b]\n",
                            "Invalid stanza header '[a[b]' at server.conf:1. Expected '[name]'."),
                    Arguments.of("[a] trailing\n",
                            "Invalid stanza header '[a] trailing' at server.conf:1. Expected '[name]'."),
                    Arguments.of("[a]\n = value\n",
                            "Missing key before '=' at server.conf:2."),
                    Arguments.of("[a]\r\nk = v\r\n=\r\n",
                            "Missing key before '=' at server.conf:3."));
        }

        @ParameterizedTest
        @MethodSource("invalidFiles")
        void messageNamesFileLineAndWhatWasExpected(String text, String message) {
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(message);
        }

        @Test
        void readUsesTheFileNameInMessages(@TempDir Path dir) throws Exception {
            Path conf = dir.resolve("replica.conf");
            Files.writeString(conf, "[a]\nk = v\noops\n");

            assertThatThrownBy(() -> StanzaFile.read(conf))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid line 'oops' at replica.conf:3. Expected 'key = value', a [stanza] header or a # comment.");
        }

        @Test
        void bytesThatAreNotUtf8AreRefusedWithTheirLine(@TempDir Path dir) throws Exception {
            Path conf = dir.resolve("server.conf");
            Files.write(conf, "[server]\nname = caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThatThrownBy(() -> StanzaFile.read(conf))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid bytes at server.conf:2: the file must be UTF-8 text. Save it as UTF-8.");
        }

        @Test
        void missingFile(@TempDir Path dir) {
            Path conf = dir.resolve("absent.conf");

            assertThatThrownBy(() -> StanzaFile.read(conf))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Configuration file " + conf + " does not exist.");
        }
    }
}
