package io.ripple.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --wait} between two batches of a run with {@code -pause}: the master waits before it asks the next batch, and
 * the follower says so once, naming the pause and when it ends, instead of looking stuck.
 */
final class BatchPause {

    /** The pause within a run's mode, as {@code RunPlan.describe()} writes it: {@code plan: batch 1, pause 10 s, …}. */
    private static final Pattern PAUSE = Pattern.compile("\\bpause (\\d+) s\\b");
    private static final Set<String> WORKING = Set.of("REQUESTED", "CHECKING", "SYNCING", "RESTARTING");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final int seconds;
    private boolean told;

    private BatchPause(int seconds) {
        this.seconds = seconds;
    }

    /** The pause of a run whose mode is {@code mode} (0 when it has none). */
    static BatchPause of(String mode) {
        Matcher m = mode == null ? null : PAUSE.matcher(mode);
        return new BatchPause(m != null && m.find() ? Integer.parseInt(m.group(1)) : 0);
    }

    int seconds() {
        return seconds;
    }

    /**
     * The line to print now, once per pause, or null: when the replicas asked so far have all ended, others wait, and
     * the last one ended at {@code lastEndMillis}.
     *
     * @param replicaStates the states of the run's replicas (not the master's, which waits for all of them)
     */
    String line(Map<String, String> replicaStates, long lastEndMillis) {
        if (seconds == 0) {
            return null;
        }
        boolean working = replicaStates.values().stream().anyMatch(WORKING::contains);
        boolean waiting = replicaStates.values().stream().anyMatch("PENDING"::equals);
        boolean someEnded = replicaStates.values().stream().anyMatch(s -> !WORKING.contains(s) && !"PENDING".equals(s));
        if (working) {
            told = false;
            return null;
        }
        if (told || !waiting || !someEnded || lastEndMillis <= 0) {
            return null;
        }
        told = true;
        long end = lastEndMillis + seconds * 1000L;
        return "Waiting out the pause between batches (-pause " + seconds + "): the next batch starts at "
                + CLOCK.format(Instant.ofEpochMilli(end)) + " UTC.";
    }
}
