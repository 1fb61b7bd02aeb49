package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationRulesTest {

    static ReplicationRules rules(String text) throws ConfigException {
        return ReplicationRules.from(StanzaFile.parse(text, "server.conf"));
    }

    static ReplicationRules entryRules(String... lines) throws ConfigException {
        return rules("[cfg-db:entries]\n" + String.join("\n", lines) + "\n");
    }

    @Nested
    class EntryRules {

        @Test
        void firstMatchWins() throws ConfigException {
            ReplicationRules rules = entryRules("a::k = exclude", "a::k = include", "*::* = include");

            assertThat(rules.includes("a", "k")).isFalse();
            assertThat(rules.includes("a", "other")).isTrue();
        }

        @Test
        void firstMatchWinsTheOtherWayRound() throws ConfigException {
            ReplicationRules rules = entryRules("a::k = include", "a::* = exclude");

            assertThat(rules.includes("a", "k")).isTrue();
            assertThat(rules.includes("a", "other")).isFalse();
        }

        @Test
        void noMatchMeansExcluded() throws ConfigException {
            ReplicationRules rules = entryRules("service::* = include");

            assertThat(rules.includes("service", "banner-file")).isTrue();
            assertThat(rules.includes("server", "name")).isFalse();
        }

        @Test
        void noRulesAtAllMeansNothingIsReplicated() throws ConfigException {
            ReplicationRules rules = rules("[service]\nhttp-port = 8080\n");

            assertThat(rules.includes("service", "http-port")).isFalse();
            assertThat(rules.fileSpecs()).isEmpty();
        }

        @ParameterizedTest(name = "{0}::{1} -> {2}")
        @CsvSource({
                "cluster, is-master,   false",
                "cluster, replica,     false",
                "jmx,     port,        false",
                "jolokia, port,        false",
                "server,  name,        false",
                "server,  data-dir,    false",
                "server,  other,       false",
                "service, http-port,   false",
                "service, banner-file, true",
                "custom,  anything,    true",
                "clusterx, k,          true",
        })
        void contractExampleRules(String stanza, String key, boolean included) throws ConfigException {
            ReplicationRules rules = entryRules(
                    "cluster::* = exclude",
                    "jmx::* = exclude",
                    "jolokia::* = exclude",
                    "server::name = exclude",
                    "server::data-dir = exclude",
                    "service::http-port = exclude",
                    "*::* = include");

            assertThat(rules.includes(stanza, key)).isEqualTo(included);
        }

        @ParameterizedTest(name = "{0} matches {1}::{2}: {3}")
        @CsvSource({
                "*::*,             a,        b,      true",
                "*::port,          jmx,      port,   true",
                "*::port,          jmx,      ports,  false",
                "j*::port,         jolokia,  port,   true",
                "j*::port,         service,  port,   false",
                "*x::k,            jmx,      k,      true",
                "a*c::k,           abbbc,    k,      true",
                "a*c::k,           abcd,     k,      false",
                "service::*-file,  service,  banner-file, true",
                "service::*-file,  service,  file,   false",
                "service::?-port,  service,  a-port, true",
                "service::?-port,  service,  ab-port, false",
                "service::?-port,  service,  -port,  false",
                "s?rv?r::name,     server,   name,   true",
                "s?rv?r::name,     servers,  name,   false",
                "cfg-db:files::*,  cfg-db:files, files, true",
                "a.b::k,           a.b,      k,      true",
                "a.b::k,           axb,      k,      false",
                "a+::k,            a+,       k,      true",
                "a+::k,            aa,       k,      false",
                "*::*,             '',       '',     true",
        })
        void globsInStanzaAndKey(String rule, String stanza, String key, boolean matches) throws ConfigException {
            ReplicationRules rules = entryRules(rule + " = include");

            assertThat(rules.ruleIncludes(stanza, key)).isEqualTo(matches);
        }

        @Test
        void excludeAllOfAStanzaThenIncludeEverythingElse() throws ConfigException {
            ReplicationRules rules = entryRules("cluster::* = exclude", "*::* = include");

            assertThat(rules.includes("cluster", "replica")).isFalse();
            assertThat(rules.includes("cluster", "")).isFalse();
            assertThat(rules.includes("service", "replica")).isTrue();
        }

        @Test
        void ruleKeyIsSplitAtTheFirstDoubleColon() throws ConfigException {
            ReplicationRules rules = entryRules("a::b::c = include");

            assertThat(rules.includes("a", "b::c")).isTrue();
            assertThat(rules.includes("a::b", "c")).isFalse();
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
                "a::k = maybe => Invalid rule value 'maybe' at server.conf:2. Must be 'include' or 'exclude'.",
                "a::k = Include => Invalid rule value 'Include' at server.conf:2. Must be 'include' or 'exclude'.",
                "a::k = yes => Invalid rule value 'yes' at server.conf:2. Must be 'include' or 'exclude'.",
                "a::k = => Invalid rule value '' at server.conf:2. Must be 'include' or 'exclude'.",
                "a:k = include => Invalid rule 'a:k' at server.conf:2. Expected 'stanza::entry = include|exclude'.",
                "port = exclude => Invalid rule 'port' at server.conf:2. Expected 'stanza::entry = include|exclude'.",
        })
        void invalidRules(String line, String message) {
            assertThatThrownBy(() -> entryRules(line))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(message);
        }

        @Test
        void invalidRuleReportsItsOwnLine() {
            assertThatThrownBy(() -> entryRules("a::* = include", "# comment", "", "b::* = perhaps"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid rule value 'perhaps' at server.conf:5. Must be 'include' or 'exclude'.");
        }
    }

    @Nested
    class FileSpecs {

        @Test
        void pathsGlobsAndReferencesInFileOrder() throws ConfigException {
            ReplicationRules rules = rules("""
                    [cfg-db:files]
                    files = junctions/*.json
                    files = cfg(service::banner-file)     # the file named by that entry
                    files = extra/notes.txt
                    """);

            assertThat(rules.fileSpecs()).containsExactly(
                    new ReplicationRules.FileSpec("junctions/*.json", null, null),
                    new ReplicationRules.FileSpec("cfg(service::banner-file)", "service", "banner-file"),
                    new ReplicationRules.FileSpec("extra/notes.txt", null, null));
            assertThat(rules.fileSpecs()).extracting(ReplicationRules.FileSpec::isReference)
                    .containsExactly(false, true, false);
        }

        @ParameterizedTest(name = "{0} -> {1}::{2}")
        @CsvSource({
                "cfg(service::banner-file), service,        banner-file",
                "cfg(cfg-db:x::k),          cfg-db:x,       k",
                "cfg(a::b::c),              a,              b::c",
        })
        void references(String value, String stanza, String key) throws ConfigException {
            ReplicationRules.FileSpec spec = rules("[cfg-db:files]\nfiles = " + value + "\n").fileSpecs().get(0);

            assertThat(spec.isReference()).isTrue();
            assertThat(spec.text()).isEqualTo(value);
            assertThat(spec.referencedStanza()).isEqualTo(stanza);
            assertThat(spec.referencedKey()).isEqualTo(key);
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
                "files = cfg(x) => Invalid file reference 'cfg(x)' at server.conf:2. Expected cfg(stanza::key).",
                "files = cfg(a::b => Invalid file reference 'cfg(a::b' at server.conf:2. Expected cfg(stanza::key).",
                "files = cfg(a:b) => Invalid file reference 'cfg(a:b)' at server.conf:2. Expected cfg(stanza::key).",
                "files = cfg(::key) => Invalid file reference 'cfg(::key)' at server.conf:2. Expected cfg(stanza::key).",
                "files = cfg(stanza::) => Invalid file reference 'cfg(stanza::)' at server.conf:2. Expected cfg(stanza::key).",
                "files = cfg() => Invalid file reference 'cfg()' at server.conf:2. Expected cfg(stanza::key).",
                "files = => Empty 'files' value at server.conf:2. Expected a path, a glob or cfg(stanza::key).",
                "file = a.txt => Unknown key 'file' in [cfg-db:files] at server.conf:2. Expected 'files = path-or-glob' or 'files = cfg(stanza::key)'.",
                "junctions = *.json => Unknown key 'junctions' in [cfg-db:files] at server.conf:2. Expected 'files = path-or-glob' or 'files = cfg(stanza::key)'.",
        })
        void invalidFileSpecs(String line, String message) {
            assertThatThrownBy(() -> rules("[cfg-db:files]\n" + line + "\n"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(message);
        }

        @Test
        void filesKeysInOtherStanzasAreOrdinaryEntries() throws ConfigException {
            ReplicationRules rules = rules("[other]\nfiles = whatever\nfile = x\n");

            assertThat(rules.fileSpecs()).isEmpty();
        }
    }
}
