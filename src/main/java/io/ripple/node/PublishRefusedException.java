package io.ripple.node;

import io.ripple.config.ConfigException;

/** The master's disk holds a configuration that was not published: the validator rejected it. */
public final class PublishRefusedException extends ConfigException {

    private final PublishRefusal refusal;

    PublishRefusedException(String server, PublishRefusal refusal, long publishedVersion) {
        super("Configuration on " + server + "'s disk (digest " + LocalConfiguration.shortDigest(refusal.digest())
                + ") not published: " + refusal.reason() + (refusal.reason().endsWith(".") ? " " : ". ") + (publishedVersion == 0
                ? "No version is published yet; fix the configuration and start again."
                : "Version " + publishedVersion + " stays the published one; fix the configuration and refresh again."));
        this.refusal = refusal;
    }

    public PublishRefusal refusal() {
        return refusal;
    }
}
