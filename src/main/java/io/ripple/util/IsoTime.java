package io.ripple.util;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them in consoles: ISO-8601 UTC with milliseconds, {@code 2026-11-30T17:02:11.519Z}. */
public final class IsoTime {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoTime() {
    }

    /** The time, or the empty string for none (0 or less). */
    public static String text(long epochMillis) {
        return epochMillis <= 0 ? "" : ISO.format(Instant.ofEpochMilli(epochMillis));
    }
}
