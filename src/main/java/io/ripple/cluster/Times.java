package io.ripple.cluster;

import io.ripple.util.IsoTime;

/** Times as the status shows them: ISO-8601 UTC with milliseconds. */
final class Times {

    private Times() {
    }

    /** The time as {@link IsoTime#text(long)} gives it, or null for none. */
    static String iso(long epochMillis) {
        String text = IsoTime.text(epochMillis);
        return text.isEmpty() ? null : text;
    }
}
