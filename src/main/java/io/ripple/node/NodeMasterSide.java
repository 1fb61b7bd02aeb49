package io.ripple.node;

import io.ripple.cluster.MasterSide;
import io.ripple.config.ConfigException;
import io.ripple.config.PublishedVersion;
import io.ripple.config.ScannedDatabase;
import io.ripple.config.StanzaFile;

/** The master's side of a cluster restart: its configuration database and its own restart (step 7). */
final class NodeMasterSide implements MasterSide {

    private final NodeSettings settings;
    private final LocalConfiguration configuration;
    private final HostLifecycle lifecycle;

    NodeMasterSide(NodeSettings settings, LocalConfiguration configuration, HostLifecycle lifecycle) {
        this.settings = settings;
        this.configuration = configuration;
        this.lifecycle = lifecycle;
    }

    @Override
    public String name() {
        return settings.name();
    }

    /** The stanza file parses and Ripple's own settings in it hold, the replicated files exist, and the host accepts it. */
    @Override
    public void validate() throws Exception {
        StanzaFile candidate = StanzaFile.read(settings.confFile());
        NodeSettings.from(settings.confFile(), candidate);
        ScannedDatabase db = configuration.scanNow();
        if (!db.missing().isEmpty()) {
            throw new ConfigException("Replicated files missing in " + settings.confDir() + ": "
                    + String.join(", ", db.missing()) + ". Create them or remove them from [cfg-db:files].");
        }
        long candidateVersion = db.digest().equals(configuration.digest()) ? configuration.version() : configuration.version() + 1;
        lifecycle.validate(candidate, candidateVersion);
    }

    @Override
    public long refresh() throws Exception {
        return configuration.refresh();
    }

    @Override
    public long refreshlessVersion() {
        return configuration.version();
    }

    @Override
    public String digest(long version) throws Exception {
        return configuration.store().version(version).map(PublishedVersion::digest)
                .orElseThrow(() -> new IllegalStateException("version " + version + " is not published"));
    }

    @Override
    public String diskDigest() throws Exception {
        return configuration.scanNow().digest();
    }

    @Override
    public long appliedVersion() {
        return lifecycle.appliedVersion();
    }

    @Override
    public void restart(long version, String reason) throws Exception {
        lifecycle.restart(version, reason);
    }
}
