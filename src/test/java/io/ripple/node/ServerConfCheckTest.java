package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerConfCheckTest {

    /** A valid file: lines 1-3 [server], 4-5 [service], 6-8 [cluster], 9-13 [jmx], 14-16 [jolokia], 17-20 cfg-db. */
    static final String VALID = """
            [server]
            name = master
            host-stanzas = service
            [service]
            anything-goes = here
            [cluster]
            is-master = yes
            replica = r1 service:jmx:rmi:///jndi/rmi://127.0.0.1:9011/jmxrmi
            [jmx]
            host = 127.0.0.1
            port = 9010
            password-file = jmxremote.password
            access-file = jmxremote.access
            [jolokia]
            port = 8778
            policy-file = jolokia-access.xml
            [cfg-db:entries]
            service::* = include
            [cfg-db:files]
            files = junctions/*.json
            """;

    static void check(String text, Set<String> host) throws ConfigException {
        ServerConfCheck.check(StanzaFile.parse(text, "server.conf"), host);
    }

    /** {@link #VALID} with {@code line} (1-based) replaced by {@code replacement}; "; " separates lines in it. */
    static String with(int line, String replacement) {
        List<String> lines = new java.util.ArrayList<>(VALID.lines().toList());
        lines.set(line - 1, replacement.replace("; ", "\n"));
        return String.join("\n", lines) + "\n";
    }

    @Test
    void theValidFilePasses() {
        assertThatCode(() -> check(VALID, Set.of())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "line {0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "9  | [jmxx]              | Unknown stanza [jmxx] at server.conf:9. Did you mean [jmx]?",
        "9  | [JMX]               | Unknown stanza [JMX] at server.conf:9. Did you mean [jmx]?",
        "6  | [clustr]            | Unknown stanza [clustr] at server.conf:6. Did you mean [cluster]?",
        "14 | [jolokai]           | Unknown stanza [jolokai] at server.conf:14. Did you mean [jolokia]?",
        "1  | [servr]             | Unknown stanza [servr] at server.conf:1. Did you mean [server]?",
        "19 | [cfg-db:file]       | Unknown stanza [cfg-db:file] at server.conf:19. Did you mean [cfg-db:files]?",
        "17 | [cfg-db:other]      | Unknown stanza [cfg-db:other] at server.conf:17. Ripple's cfg-db stanzas are [cfg-db:entries] and [cfg-db:files].",
        "4  | [servce]            | Unknown stanza [servce] at server.conf:4. Did you mean [service]?",
        "4  | [extras]            | Unknown stanza [extras] at server.conf:4. If it is your server's own, declare it: host-stanzas = extras in [server].",
        "12 | pasword-file = p    | Unknown key 'pasword-file' in [jmx] at server.conf:12. Did you mean 'password-file'?",
        "13 | acess-file = a      | Unknown key 'acess-file' in [jmx] at server.conf:13. Did you mean 'access-file'?",
        "11 | prot = 9010         | Unknown key 'prot' in [jmx] at server.conf:11. Did you mean 'port'?",
        "11 | policy-file = p.xml | Unknown key 'policy-file' in [jmx] at server.conf:11. It belongs in [jolokia].",
        "11 | colour = blue       | Unknown key 'colour' in [jmx] at server.conf:11. The keys of [jmx] are host, port, authenticate, password-file, access-file, ssl, client-auth, keystore, keystore-password-file, truststore, truststore-password-file, keystore-password, truststore-password, key-password.",
        "7  | is-mastr = yes      | Unknown key 'is-mastr' in [cluster] at server.conf:7. Did you mean 'is-master'?",
        "2  | nmae = master       | Unknown key 'nmae' in [server] at server.conf:2. Did you mean 'name'?",
        "20 | file = x            | Unknown key 'file' in [cfg-db:files] at server.conf:20. Did you mean 'files'?",
        "11 | port = 1; port = 2  | Repeated key 'port' in [jmx] at server.conf:12: it takes one value, and line 11 gives it already. Keep one of them.",
        "7  | is-master = yes; is-master = no | Repeated key 'is-master' in [cluster] at server.conf:8: it takes one value, and line 7 gives it already. Keep one of them.",
        "2  | name = a; name = b  | Repeated key 'name' in [server] at server.conf:3: it takes one value, and line 2 gives it already. Keep one of them.",
        "3  | host-stanzas = jmx  | Invalid host-stanzas 'jmx' at server.conf:3. [jmx] is one of Ripple's own stanzas, not your server's.",
        "3  | host-stanzas = cfg-db:x | Invalid host-stanzas 'cfg-db:x' at server.conf:3. [cfg-db:x] is one of Ripple's own stanzas, not your server's.",
        "3  | host-stanzas =      | Empty host-stanzas at server.conf:3. Expected the names of your server's own stanzas, such as 'host-stanzas = service'.",
    })
    void refusals(int line, String replacement, String message) {
        assertThatThrownBy(() -> check(with(line, replacement), Set.of())).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        "service::*               # ",
        "*::*                     # ",
        "s?rvice::x               # ",
        "jmx::*                   # ",
        "jmx::password-file       # ",
        "service::made-up-key     # ",
        "jmx                      # Invalid rule 'jmx' at server.conf:18. Expected 'stanza::entry = include|exclude'.",
        "::x                      # Invalid rule '::x' at server.conf:18. Expected 'stanza::entry = include|exclude'.",
        "jmx::                    # Invalid rule 'jmx::' at server.conf:18. Expected 'stanza::entry = include|exclude'.",
        "jmxx::*                  # Unknown stanza 'jmxx' in rule 'jmxx::*' at server.conf:18. Did you mean 'jmx'?",
        "extras::*                # Unknown stanza 'extras' in rule 'extras::*' at server.conf:18. If it is your server's own, declare it: host-stanzas = extras in [server].",
        "jmx::pasword-file        # Unknown key 'pasword-file' of [jmx] in rule 'jmx::pasword-file' at server.conf:18. Did you mean 'password-file'?",
    })
    void entryRules(String pattern, String message) {
        String text = with(18, pattern + " = exclude");
        if (message == null) {
            assertThatCode(() -> check(text, Set.of())).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> check(text, Set.of())).isInstanceOf(ConfigException.class).hasMessage(message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "service::* = maybe                   | Invalid rule value 'maybe' at server.conf:18. Must be 'include' or 'exclude'.",
        "service::* = include; service::* = exclude | Repeated rule 'service::*' in [cfg-db:entries] at server.conf:19: line 18 gives it already, and the first match wins. Keep one of them.",
    })
    void entryRuleValues(String lines, String message) {
        assertThatThrownBy(() -> check(with(18, lines), Set.of())).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Nested
    class HostStanzas {

        static final String UNDECLARED = VALID.replace("host-stanzas = service\n", "");

        @Test
        void anUndeclaredHostStanzaSaysHowToDeclareIt() {
            assertThatThrownBy(() -> check(UNDECLARED, Set.of())).hasMessage("Unknown stanza [service] at server.conf:3."
                    + " If it is your server's own, declare it: host-stanzas = service in [server].");
        }

        @Test
        void theHostsCodeDeclaresThemToo() {
            assertThatCode(() -> check(UNDECLARED.replace("service::* = include", "*::* = include"), Set.of("service")))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(strings = {"service extras", "service, extras", "service,extras"})
        void serverConfDeclaresAListOfThem(String list) {
            String text = VALID.replace("host-stanzas = service", "host-stanzas = " + list) + "[extras]\ncolour = blue\n";
            assertThatCode(() -> check(text, Set.of())).doesNotThrowAnyException();
        }

        @Test
        void theKeyMayRepeat() {
            String text = VALID.replace("host-stanzas = service", "host-stanzas = service\nhost-stanzas = extras")
                    + "[extras]\ncolour = blue\n";
            assertThatCode(() -> check(text, Set.of())).doesNotThrowAnyException();
        }

        @Test
        void aHostMayNotClaimARippleStanza() {
            assertThatThrownBy(() -> check(VALID, Set.of("jmx"))).hasMessage("The hosted server declares [jmx] as its own"
                    + " stanza, but it is one of Ripple's: a host's stanzas need names of their own.");
        }

        @Test
        void aMisspeltRippleStanzaIsRefusedEvenBesideHostStanzas() {
            assertThatThrownBy(() -> check(with(9, "[jmxx]"), Set.of("service", "other")))
                    .hasMessage("Unknown stanza [jmxx] at server.conf:9. Did you mean [jmx]?");
        }
    }

    @Nested
    class Declaration {

        @Test
        void repeatableKeysAreTheListsOnly() {
            Set<String> repeats = new LinkedHashSet<>();
            for (String stanza : ServerConfSchema.stanzas()) {
                ServerConfSchema.keys(stanza).values().stream().filter(ServerConfSchema.Key::repeats)
                        .forEach(k -> repeats.add(k.stanza() + "::" + k.name()));
            }
            assertThat(repeats).containsExactly("server::host-stanzas", "cluster::replica", "cfg-db:files::files");
        }

        @Test
        void readingAnUndeclaredKeyIsABug() {
            assertThatThrownBy(() -> ServerConfSchema.declared("jmx", "pasword-file"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        /** Every key of Ripple's stanzas is in the README's server.conf table, and the table names no other. */
        @Test
        void theReadmeTableListsEveryKey() throws IOException {
            Path readme = Path.of(System.getProperty("ripple.projectDir", ".")).resolve("README.md");
            String text = Files.readString(readme);
            String section = text.substring(text.indexOf("## `server.conf`"));
            section = section.substring(0, section.indexOf("\n## ", 1));
            Set<String> documented = new LinkedHashSet<>();
            Matcher row = Pattern.compile("(?m)^\\| ([a-z:, -]+) \\| ([^|]+) \\|").matcher(section);
            while (row.find()) {
                for (String stanza : row.group(1).split(", ")) {
                    if (!ServerConfSchema.stanzas().contains(stanza) || stanza.equals("cfg-db:entries")) {
                        continue;
                    }
                    for (String key : row.group(2).split(", ")) {
                        documented.add(stanza + "::" + key.strip().replace("`", ""));
                    }
                }
            }
            Set<String> declared = new LinkedHashSet<>();
            for (String stanza : ServerConfSchema.stanzas()) {
                ServerConfSchema.keys(stanza).values().stream()
                        .filter(k -> k.type() != ServerConfSchema.Type.REFUSED_SECRET)
                        .forEach(k -> declared.add(stanza + "::" + k.name()));
            }
            assertThat(documented).containsExactlyInAnyOrderElementsOf(declared);
        }
    }
}
