package io.ripple.node;

import io.ripple.config.ReplicationRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every stanza and key of server.conf that Ripple reads, with its type and whether it may repeat: the one declaration
 * that {@code ServerConfCheck}, {@link NodeSettings}, the agent, the CLI's {@code --conf} and the README's table follow.
 * Ripple's stanzas are strict; a hosted server's own stanzas ({@code [service]}, declared by
 * {@link io.ripple.RippleHost#stanzas()} or {@code [server] host-stanzas}) are free-form.
 */
public final class ServerConfSchema {

    /** What a key's value is. */
    public enum Type {
        TEXT("text"),
        PATH("a file, relative to server.conf"),
        YES_NO("yes or no"),
        PORT("a port number, 0 for none"),
        SECONDS("a whole number of seconds"),
        COUNT("a whole number"),
        HOST("a host name or address"),
        URL("a JMX or Jolokia URL"),
        REPLICA("NAME URL"),
        STANZA_NAMES("stanza names, separated by commas or spaces"),
        FILE_SPEC("a path, a glob or cfg(stanza::key)"),
        /** Known only to be refused with a message of its own: a password written in server.conf. */
        REFUSED_SECRET("never allowed: a password belongs in a file readable by its owner only");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A key of a Ripple stanza; {@code repeats} when each line adds a value to a list. */
    public record Key(String stanza, String name, Type type, boolean repeats) {
    }

    public static final String SERVER = "server";
    public static final String CLUSTER = "cluster";
    public static final String JMX = "jmx";
    public static final String JOLOKIA = "jolokia";
    /** {@code [server] host-stanzas}: the hosted server's own stanzas, free-form, beside those its code declares. */
    public static final String HOST_STANZAS = "host-stanzas";

    private static final Map<String, Map<String, Key>> STANZAS = declare();

    private ServerConfSchema() {
    }

    private static Map<String, Map<String, Key>> declare() {
        Map<String, Map<String, Key>> all = new LinkedHashMap<>();
        stanza(all, SERVER)
                .one("name", Type.TEXT).one("data-dir", Type.PATH).many(HOST_STANZAS, Type.STANZA_NAMES);
        stanza(all, CLUSTER)
                .one("is-master", Type.YES_NO).one("master-name", Type.TEXT).one("master-url", Type.URL)
                .one("cluster-id", Type.TEXT)
                .one("max-wait-time", Type.SECONDS).one("ready-checks", Type.COUNT).one("soak-time", Type.SECONDS)
                .one("drain-time", Type.SECONDS).one("stop-timeout", Type.SECONDS)
                .one("keep-backups", Type.COUNT).one("startup-wait", Type.SECONDS).one("max-sync-files", Type.COUNT).one("max-sync-mib", Type.COUNT)
                .one("health-host", Type.HOST).one("health-port", Type.PORT)
                .many("replica", Type.REPLICA).one("credentials-file", Type.PATH)
                .tlsStores();
        for (String channel : List.of(JMX, JOLOKIA)) {
            Stanza s = stanza(all, channel)
                    .one("host", Type.HOST).one("port", Type.PORT).one("authenticate", Type.YES_NO)
                    .one("password-file", Type.PATH).one("access-file", Type.PATH)
                    .one("ssl", Type.YES_NO).one("client-auth", Type.YES_NO).tlsStores();
            if (channel.equals(JOLOKIA)) {
                s.one("policy-file", Type.PATH).one("threads", Type.COUNT);
            }
        }
        // [cfg-db:entries] has no fixed keys: each is a stanza::key pattern (ServerConfCheck checks their form)
        stanza(all, ReplicationRules.ENTRIES_STANZA);
        stanza(all, ReplicationRules.FILES_STANZA).many("files", Type.FILE_SPEC);
        Map<String, Map<String, Key>> frozen = new LinkedHashMap<>();
        all.forEach((name, keys) -> frozen.put(name, Collections.unmodifiableMap(keys)));
        return Collections.unmodifiableMap(frozen);
    }

    private static Stanza stanza(Map<String, Map<String, Key>> all, String name) {
        Map<String, Key> keys = new LinkedHashMap<>();
        all.put(name, keys);
        return new Stanza(name, keys);
    }

    private record Stanza(String name, Map<String, Key> keys) {
        Stanza one(String key, Type type) {
            keys.put(key, new Key(name, key, type, false));
            return this;
        }

        Stanza many(String key, Type type) {
            keys.put(key, new Key(name, key, type, true));
            return this;
        }

        Stanza tlsStores() {
            return one("keystore", Type.PATH).one("keystore-password-file", Type.PATH)
                    .one("truststore", Type.PATH).one("truststore-password-file", Type.PATH)
                    .one("keystore-password", Type.REFUSED_SECRET).one("truststore-password", Type.REFUSED_SECRET)
                    .one("key-password", Type.REFUSED_SECRET);
        }
    }

    /** Ripple's own stanzas, in the order the documentation shows them. */
    public static Set<String> stanzas() {
        return STANZAS.keySet();
    }

    /** Whether {@code stanza} is one of Ripple's, strict stanzas; {@code cfg-db:*} names all are Ripple's. */
    public static boolean isRipple(String stanza) {
        return STANZAS.containsKey(stanza) || stanza.startsWith("cfg-db:");
    }

    /** The keys of one of Ripple's stanzas, in declaration order; empty for {@code [cfg-db:entries]} and others. */
    public static Map<String, Key> keys(String stanza) {
        return STANZAS.getOrDefault(stanza, Map.of());
    }

    public static Optional<Key> key(String stanza, String key) {
        return Optional.ofNullable(keys(stanza).get(key));
    }

    /** The declared key that code is about to read; an undeclared one is a bug in Ripple, not in the file. */
    static Key declared(String stanza, String key) {
        return key(stanza, key).orElseThrow(() -> new IllegalArgumentException(
                "[" + stanza + "] " + key + " is read but not declared in ServerConfSchema"));
    }
}
