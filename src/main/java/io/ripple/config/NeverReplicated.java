package io.ripple.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Entries that no rule can replicate, on either side: Ripple's own stanzas (who this server is, how it is reached and
 * guarded, and what it replicates) and, in any stanza, every key that names a port, a host, TLS, or a secret. A master
 * that replicated them could open a replica's doors ({@code [jolokia] access-file}, {@code [cluster] health-host =
 * 0.0.0.0}) or widen its rules ({@code files = **}); each server keeps them as its own administrator wrote them.
 */
public final class NeverReplicated {

    /** Stanzas that are never replicated, whatever any rule says. */
    public static final Set<String> STANZAS = Set.of("server", "cluster", "jmx", "jolokia",
            ReplicationRules.ENTRIES_STANZA, ReplicationRules.FILES_STANZA);
    private static final String RULES_PREFIX = "cfg-db:";
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "credential", "keystore",
            "truststore", "private-key", "api-key");
    private static final List<String> ENDPOINT_WORDS = List.of("port", "host", "ssl", "tls");

    private NeverReplicated() {
    }

    /** Whether {@code stanza::key} is kept out of replication whatever the rules say. */
    public static boolean covers(String stanza, String key) {
        if (STANZAS.contains(stanza) || stanza.startsWith(RULES_PREFIX)) {
            return true;
        }
        String name = key.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (name.contains(word)) {
                return true;
            }
        }
        for (String word : ENDPOINT_WORDS) {
            if (name.equals(word) || name.endsWith("-" + word) || name.startsWith(word + "-")) {
                return true;
            }
        }
        return false;
    }
}
