package io.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StanzaMergeTest {

    static final String RULES = """
            [cfg-db:entries]
            cluster::* = exclude
            server::name = exclude
            server::data-dir = exclude
            service::http-port = exclude
            service::local-* = exclude
            *::* = include
            """;

    /** A replica's file: its own name, port, local entry and comments, and stale replicated entries. */
    static final String REPLICA = """
            # replica-1, edited by hand
            [server]
            name = replica-1          # this replica
            data-dir = data

            [service]
            http-port = 8081
            # the banner
            banner-file = old-banner.txt
            local-cache = /var/cache/r1
            greeting = hi
            obsolete = gone-on-master
            allow = a
            allow = b

            [cluster]
            is-master = no
            master-name = master

            """ + RULES + """

            [cfg-db:files]
            files = junctions/*.json
            # trailing comment
            """;

    static final String MASTER = """
            [server]
            name = master
            data-dir = data
            [service]
            http-port = 8080
            banner-file = banner.txt
            greeting = hello
            allow = z
            allow = a
            allow = m
            timeout = 30
            [cluster]
            is-master = yes
            """ + RULES + """
            [cfg-db:files]
            files = junctions/*.json
            files = cfg(service::banner-file)
            [logging]
            level = info
            level = debug
            """;

    static StanzaFile parse(String text, String name) throws ConfigException {
        return StanzaFile.parse(text, name);
    }

    static List<StanzaFile.Entry> masterEntries(String masterText) throws ConfigException {
        StanzaFile master = parse(masterText, "master.conf");
        return ReplicatedEntries.parse(ReplicatedEntries.canonical(master, ReplicationRules.from(master)));
    }

    static StanzaFile merge(String replicaText, String masterText) throws ConfigException {
        StanzaFile replica = parse(replicaText, "server.conf");
        return StanzaMerge.merge(replica, ReplicationRules.from(replica), masterEntries(masterText));
    }

    static List<String> keysOf(StanzaFile file, String stanza) {
        return file.entries().stream().filter(e -> e.stanza().equals(stanza)).map(StanzaFile.Entry::key).toList();
    }

    @Nested
    class KeepsTheReplicasOwn {

        @Test
        void excludedEntriesSurviveWithTheirRawText() throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER);

            assertThat(merged.values("server", "name")).containsExactly("replica-1");
            assertThat(merged.values("server", "data-dir")).containsExactly("data");
            assertThat(merged.values("service", "http-port")).containsExactly("8081");
            assertThat(merged.values("service", "local-cache")).containsExactly("/var/cache/r1");
            assertThat(merged.values("cluster", "is-master")).containsExactly("no");
            assertThat(merged.values("cluster", "master-name")).containsExactly("master");
            assertThat(merged.text()).contains("name = replica-1          # this replica\n");
        }

        @Test
        void commentsAndBlankLinesAreKept() throws Exception {
            String text = merge(REPLICA, MASTER).text();

            assertThat(text).startsWith("# replica-1, edited by hand\n[server]\n");
            assertThat(text).contains("# the banner\n", "# trailing comment\n");
            assertThat(text.lines().filter(String::isBlank).count())
                    .isEqualTo(REPLICA.lines().filter(String::isBlank).count() + 1); // one before the appended stanza
        }

        @Test
        void stanzaOrderIsTheReplicas() throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER);

            assertThat(merged.stanzas()).containsExactly("server", "service", "cluster", "cfg-db:entries", "cfg-db:files", "logging");
        }

        @Test
        void aFileWithNothingReplicatedIsUnchangedByEmptyMasterEntries() throws Exception {
            String local = """
                    [server]
                    name = r  # mine
                    [cfg-db:entries]
                    """;
            StanzaFile replica = parse(local, "server.conf");

            StanzaFile merged = StanzaMerge.merge(replica, ReplicationRules.from(replica), List.of());

            assertThat(merged.text()).isEqualTo(local);
        }
    }

    @Nested
    class TakesTheMastersReplicatedEntries {

        @Test
        void changedValueIsReplaced() throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER);

            assertThat(merged.values("service", "greeting")).containsExactly("hello");
            assertThat(merged.values("service", "banner-file")).containsExactly("banner.txt");
            assertThat(merged.text()).doesNotContain("greeting = hi", "old-banner.txt");
        }

        @Test
        void newKeyIsAddedToItsStanza() throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER);

            assertThat(merged.values("service", "timeout")).containsExactly("30");
        }

        @Test
        void removedKeyIsGone() throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER);

            assertThat(merged.values("service", "obsolete")).isEmpty();
            assertThat(merged.text()).doesNotContain("obsolete");
        }

        @Test
        void repeatedKeysKeepTheMastersOrder() throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER);

            assertThat(merged.values("service", "allow")).containsExactly("z", "a", "m");
            assertThat(merged.values("logging", "level")).containsExactly("info", "debug");
        }

        @Test
        void rulesAreTheMastersInTheirOrder() throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER);

            assertThat(merged.values("cfg-db:entries", "*::*")).containsExactly("include");
            assertThat(keysOf(merged, "cfg-db:entries")).containsExactly(
                    "cluster::*", "server::name", "server::data-dir", "service::http-port", "service::local-*", "*::*");
        }

        @Test
        void stanzaOnlyTheMasterHasIsAppendedAfterABlankLine() throws Exception {
            String text = merge(REPLICA, MASTER).text();

            assertThat(text).endsWith("# trailing comment\n\n[logging]\nlevel = info\nlevel = debug\n");
        }

        @Test
        void newEntriesGoAfterTheLastEntryOfTheStanzaBeforeItsTrailingLines() throws Exception {
            String text = merge(REPLICA, MASTER).text();

            // [service] keeps its comment, excluded entries stay where they were, the master's follow them
            assertThat(text).contains("""
                    [service]
                    http-port = 8081
                    # the banner
                    local-cache = /var/cache/r1
                    banner-file = banner.txt
                    greeting = hello
                    allow = z
                    allow = a
                    allow = m
                    timeout = 30

                    [cluster]
                    """);
        }

        @Test
        void aStanzaSplitInTwoSectionsGetsItsEntriesInTheLastOne() throws Exception {
            String local = """
                    [service]
                    http-port = 1
                    [other]
                    x = 1
                    [service]
                    local-a = 2
                    """ + RULES;
            StanzaFile replica = parse(local, "server.conf");
            List<StanzaFile.Entry> master = masterEntries("[service]\nhttp-port = 9\ngreeting = yo\n" + RULES);

            StanzaFile merged = StanzaMerge.merge(replica, ReplicationRules.from(replica), master);

            assertThat(merged.text()).startsWith("[service]\nhttp-port = 1\n[other]\n[service]\nlocal-a = 2\ngreeting = yo\n");
        }
    }

    @Nested
    class Result {

        @Test
        void roundTripsThroughParse() throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER);

            StanzaFile reparsed = StanzaFile.parse(merged.text(), "server.conf");

            assertThat(reparsed.text()).isEqualTo(merged.text());
            assertThat(reparsed.entries()).isEqualTo(merged.entries());
            assertThat(reparsed.sourceName()).isEqualTo(merged.sourceName());
        }

        @Test
        void itsReplicatedEntriesAreExactlyTheMasters() throws Exception {
            StanzaFile master = parse(MASTER, "master.conf");
            StanzaFile merged = StanzaFile.parse(merge(REPLICA, MASTER).text(), "server.conf");

            assertThat(ReplicatedEntries.canonical(merged, ReplicationRules.from(merged)))
                    .isEqualTo(ReplicatedEntries.canonical(master, ReplicationRules.from(master)));
        }

        @Test
        void mergingTwiceChangesNothing() throws Exception {
            String once = merge(REPLICA, MASTER).text();

            assertThat(merge(once, MASTER).text()).isEqualTo(once);
        }

        @ParameterizedTest(name = "value ''{0}''")
        @CsvSource(delimiter = '|', value = {
                "a=b=c",
                "http://host:8080/x?y=1#frag",
                "with  two  spaces",
                "'   '",
                "ünïcødé",
        })
        void valuesSurviveTheRoundTrip(String value) throws Exception {
            StanzaFile merged = merge(REPLICA, MASTER.replace("greeting = hello", "greeting = " + value));

            StanzaFile reparsed = StanzaFile.parse(merged.text(), "server.conf");

            assertThat(reparsed.values("service", "greeting")).containsExactly(value.strip());
        }
    }
}
