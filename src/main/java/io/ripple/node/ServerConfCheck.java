package io.ripple.node;

import io.ripple.config.ClosestName;
import io.ripple.config.ConfigException;
import io.ripple.config.ReplicationRules;
import io.ripple.config.StanzaFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a server.conf against {@link ServerConfSchema} before anything reads it: in Ripple's stanzas an unknown key or
 * a repeated single-value key is refused, and so is any stanza that is neither Ripple's nor declared as the hosted
 * server's own; a misspelt name gets the closest known one. The first problem in the file's order is reported.
 */
final class ServerConfCheck {

    private final StanzaFile conf;
    private final Set<String> hostStanzas = new LinkedHashSet<>();
    private final Map<String, StanzaFile.Entry> singles = new HashMap<>();
    private final Map<String, StanzaFile.Entry> rules = new HashMap<>();

    private ServerConfCheck(StanzaFile conf) {
        this.conf = conf;
    }

    /**
     * @param declaredByHost the stanzas the hosted server reads ({@link io.ripple.RippleHost#stanzas()}); those of
     *     {@code [server] host-stanzas} are added to them
     * @throws ConfigException naming the file, the line, the name and the closest known name or the fix
     */
    static void check(StanzaFile conf, Set<String> declaredByHost) throws ConfigException {
        ServerConfCheck check = new ServerConfCheck(conf);
        check.collectHostStanzas(declaredByHost);
        int lineNumber = 0;
        for (StanzaFile.Line line : conf.lines()) {
            lineNumber++;
            if (line instanceof StanzaFile.Header h) {
                check.stanza(h.name(), lineNumber);
            } else if (line instanceof StanzaFile.Entry e && ServerConfSchema.isRipple(e.stanza())) {
                check.entry(e);
            }
        }
    }

    private void collectHostStanzas(Set<String> declaredByHost) throws ConfigException {
        for (String name : declaredByHost == null ? Set.<String>of() : declaredByHost) {
            if (ServerConfSchema.isRipple(name)) {
                throw new ConfigException("The hosted server declares [" + name + "] as its own stanza, but it is one of"
                        + " Ripple's: a host's stanzas need names of their own.");
            }
            hostStanzas.add(name);
        }
        for (StanzaFile.Entry e : conf.entries()) {
            if (!e.stanza().equals(ServerConfSchema.SERVER) || !e.key().equals(ServerConfSchema.HOST_STANZAS)) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (String name : e.value().split("[,\\s]+")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            if (names.isEmpty()) {
                throw new ConfigException("Empty host-stanzas at " + conf.location(e)
                        + ". Expected the names of your server's own stanzas, such as 'host-stanzas = service'.");
            }
            for (String name : names) {
                if (ServerConfSchema.isRipple(name)) {
                    throw new ConfigException("Invalid host-stanzas '" + name + "' at " + conf.location(e) + ". [" + name
                            + "] is one of Ripple's own stanzas, not your server's.");
                }
                hostStanzas.add(name);
            }
        }
    }

    private void stanza(String name, int lineNumber) throws ConfigException {
        if (ServerConfSchema.stanzas().contains(name) || hostStanzas.contains(name)) {
            return;
        }
        String at = conf.sourceName() + ":" + lineNumber;
        Optional<String> meant = ClosestName.among(name, known());
        if (meant.isPresent()) {
            throw new ConfigException("Unknown stanza [" + name + "] at " + at + ". Did you mean [" + meant.get() + "]?");
        }
        if (ServerConfSchema.isRipple(name)) {
            throw new ConfigException("Unknown stanza [" + name + "] at " + at + ". Ripple's cfg-db stanzas are ["
                    + ReplicationRules.ENTRIES_STANZA + "] and [" + ReplicationRules.FILES_STANZA + "].");
        }
        throw new ConfigException("Unknown stanza [" + name + "] at " + at + ". If it is your server's own, declare it: "
                + ServerConfSchema.HOST_STANZAS + " = " + name + " in [" + ServerConfSchema.SERVER + "].");
    }

    private List<String> known() {
        List<String> known = new ArrayList<>(ServerConfSchema.stanzas());
        known.addAll(hostStanzas);
        return known;
    }

    private void entry(StanzaFile.Entry e) throws ConfigException {
        if (e.stanza().equals(ReplicationRules.ENTRIES_STANZA)) {
            rule(e);
            return;
        }
        Optional<ServerConfSchema.Key> key = ServerConfSchema.key(e.stanza(), e.key());
        if (key.isEmpty()) {
            throw new ConfigException(unknownKey(e.stanza(), e.key(), "in [" + e.stanza() + "] at " + conf.location(e)));
        }
        if (!key.get().repeats()) {
            StanzaFile.Entry first = singles.putIfAbsent(e.stanza() + "\n" + e.key(), e);
            if (first != null) {
                throw new ConfigException("Repeated key '" + e.key() + "' in [" + e.stanza() + "] at " + conf.location(e)
                        + ": it takes one value, and line " + first.lineNumber() + " gives it already. Keep one of them.");
            }
        }
    }

    /** {@code Unknown key 'k' <where>.} and the closest key of that stanza, the stanza it belongs in, or the known keys. */
    private static String unknownKey(String stanza, String key, String where) {
        String message = "Unknown key '" + key + "' " + where + ".";
        Optional<String> meant = ClosestName.among(key, ServerConfSchema.keys(stanza).keySet());
        if (meant.isPresent()) {
            return message + " Did you mean '" + meant.get() + "'?";
        }
        for (String other : ServerConfSchema.stanzas()) {
            if (ServerConfSchema.key(other, key).isPresent()) {
                return message + " It belongs in [" + other + "].";
            }
        }
        return message + " The keys of [" + stanza + "] are " + String.join(", ", ServerConfSchema.keys(stanza).keySet()) + ".";
    }

    /** A {@code stanza::key = include|exclude} rule; a stanza or key it names literally must exist. */
    private void rule(StanzaFile.Entry e) throws ConfigException {
        String pattern = e.key();
        int sep = pattern.indexOf("::");
        if (sep <= 0 || sep + 2 >= pattern.length()) {
            throw new ConfigException("Invalid rule '" + pattern + "' at " + conf.location(e)
                    + ". Expected 'stanza::entry = include|exclude'.");
        }
        if (!e.value().equals("include") && !e.value().equals("exclude")) {
            throw new ConfigException("Invalid rule value '" + e.value() + "' at " + conf.location(e)
                    + ". Must be 'include' or 'exclude'.");
        }
        StanzaFile.Entry first = rules.putIfAbsent(pattern, e);
        if (first != null) {
            throw new ConfigException("Repeated rule '" + pattern + "' in [" + ReplicationRules.ENTRIES_STANZA + "] at "
                    + conf.location(e) + ": line " + first.lineNumber() + " gives it already, and the first match wins."
                    + " Keep one of them.");
        }
        String stanza = pattern.substring(0, sep);
        String key = pattern.substring(sep + 2);
        if (isPattern(stanza)) {
            return;
        }
        String where = "in rule '" + pattern + "' at " + conf.location(e);
        if (!ServerConfSchema.stanzas().contains(stanza) && !hostStanzas.contains(stanza)) {
            Optional<String> meant = ClosestName.among(stanza, known());
            throw new ConfigException("Unknown stanza '" + stanza + "' " + where + "." + (meant.isPresent()
                    ? " Did you mean '" + meant.get() + "'?"
                    : " If it is your server's own, declare it: " + ServerConfSchema.HOST_STANZAS + " = " + stanza
                            + " in [" + ServerConfSchema.SERVER + "]."));
        }
        if (!isPattern(key) && !hostStanzas.contains(stanza) && !ServerConfSchema.keys(stanza).isEmpty()
                && ServerConfSchema.key(stanza, key).isEmpty()) {
            throw new ConfigException(unknownKey(stanza, key, "of [" + stanza + "] " + where));
        }
    }

    private static boolean isPattern(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }
}
