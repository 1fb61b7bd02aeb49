package io.ripple;

import io.ripple.config.StanzaFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configuration a hosted server runs with: its server.conf entries, the folder of its replicated files, and the
 * version Ripple applied. A host reads its own settings here, never from the disk behind Ripple's back:
 *
 * <pre>{@code
 * int port = Integer.parseInt(config.value("service", "http-port").orElse("8080"));
 * Path junctions = config.resolve("junctions");      // replicated files, relative to server.conf
 * }</pre>
 */
public final class HostConfiguration {

    private final String serverName;
    private final long version;
    private final String bootId;
    private final StanzaFile conf;
    private final Path confDir;

    /**
     * Ripple builds these; a host's tests may too.
     *
     * @param conf    the server.conf entries, as {@link io.ripple.config.StanzaFile#read} or {@code parse} gives them
     * @param confDir the folder of server.conf
     */
    public HostConfiguration(String serverName, long version, String bootId, StanzaFile conf, Path confDir) {
        this.serverName = serverName;
        this.version = version;
        this.bootId = bootId;
        this.conf = conf;
        this.confDir = confDir;
    }

    /** This server's name, from {@code [server] name}. */
    public String serverName() {
        return serverName;
    }

    /** The configuration version this start applies. */
    public long version() {
        return version;
    }

    /** The boot id of this start, as the Server MBean shows it. */
    public String bootId() {
        return bootId;
    }

    /** The first value of {@code key} in {@code [stanza]}. */
    public Optional<String> value(String stanza, String key) {
        return conf.value(stanza, key);
    }

    /** Every value of a repeated key, in file order. */
    public List<String> values(String stanza, String key) {
        return conf.values(stanza, key);
    }

    /** The folder that holds server.conf; replicated files are relative to it. */
    public Path confDir() {
        return confDir;
    }

    /** A file named relative to the configuration folder. */
    public Path resolve(String relativePath) {
        return confDir.resolve(relativePath).normalize();
    }
}
