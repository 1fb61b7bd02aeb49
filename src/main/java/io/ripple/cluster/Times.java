package io.ripple.cluster;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the status shows them: ISO-8601 UTC with milliseconds. */
final class Times {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String iso(long epochMillis) {
        return epochMillis <= 0 ? null : ISO.format(Instant.ofEpochMilli(epochMillis));
    }
}
