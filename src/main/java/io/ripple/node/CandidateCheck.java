package io.ripple.node;

import io.ripple.config.ScannedDatabase;

/**
 * What the master checks before it publishes its disk, and before a run or a rollback: Ripple's own settings in the
 * stanza file still hold, and the hosted server's validator accepts it.
 */
final class CandidateCheck implements LocalConfiguration.PublishCheck {

    private final NodeSettings settings;
    private final HostLifecycle lifecycle;

    CandidateCheck(NodeSettings settings, HostLifecycle lifecycle) {
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    @Override
    public void check(ScannedDatabase candidate, long candidateVersion) throws Exception {
        NodeSettings.from(settings.confFile(), candidate.conf(), lifecycle.hostStanzas());
        lifecycle.validate(candidate.conf(), candidateVersion);
    }
}
