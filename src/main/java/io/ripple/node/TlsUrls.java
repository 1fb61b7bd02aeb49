package io.ripple.node;

import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;

/**
 * With a {@code [cluster] truststore} this server calls other servers over TLS, and the certificate check is what
 * proves the server at the other end ({@link io.ripple.remote.RemoteConnector}). A plain {@code http://} URL beside it
 * would be tried in clear text, not over TLS: it is refused at start, not silently tried.
 */
final class TlsUrls {

    private static final String FIX = ". [cluster] truststore is set, so this server calls others over TLS: use an https://"
            + " Jolokia URL (the certificate check proves the server there), or remove the truststore.";

    private TlsUrls() {
    }

    /** @throws ConfigException naming the first plain {@code http://} master-url (of a replica) or replica line */
    static void check(StanzaFile conf, boolean master) throws ConfigException {
        for (StanzaFile.Entry e : conf.entries()) {
            if (!e.stanza().equals("cluster")) {
                continue;
            }
            if (!master && e.key().equals("master-url") && plain(e.value())) {
                throw new ConfigException("Invalid master-url '" + e.value() + "' at " + conf.location(e) + FIX);
            }
            String[] words = e.value().split("\\s+");
            if (e.key().equals("replica") && words.length == 2 && plain(words[1])) {
                throw new ConfigException("Invalid replica '" + e.value() + "' at " + conf.location(e) + FIX);
            }
        }
    }

    private static boolean plain(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7);
    }
}
