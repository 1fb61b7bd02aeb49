package io.ripple.node;

/**
 * A configuration the master refused to publish, because its host's validator (or Ripple's own settings check)
 * rejected it.
 *
 * @param digest   the digest of the refused configuration
 * @param reason   the validator's message, in one line
 * @param atMillis when it was refused, in epoch milliseconds; 0 for {@link #NONE}
 */
public record PublishRefusal(String digest, String reason, long atMillis) {

    /** Nothing refused since the last publication. */
    public static final PublishRefusal NONE = new PublishRefusal("", "", 0);

    /** The same configuration refused for the same reason: not news. */
    boolean sameAs(PublishRefusal other) {
        return digest.equals(other.digest) && reason.equals(other.reason);
    }
}
