package io.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cluster.RunPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The Nagios verdict on the master's {@code health()} document: OK when every replica holds the master's digest and
 * the last run did not fail; WARNING when a replica is stale, has drifted files or started on its last-known-good
 * configuration, or when a cancelled run left the master on an older version than replicas; CRITICAL when the last run
 * failed (with the master left behind named, when it is) or a replica cannot be reached.
 */
record CheckVerdict(int exitCode, String line) {

    static final int OK = 0;
    static final int WARNING = 1;
    static final int CRITICAL = 2;
    static final int UNKNOWN = 3;

    private static final String[] LABELS = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

    String status() {
        return LABELS[exitCode];
    }

    static CheckVerdict unknown(String reason) {
        return new CheckVerdict(UNKNOWN, "RIPPLE UNKNOWN - " + reason);
    }

    /**
     * After a run that did not complete, the master still on an older version than replicas that took the run's: what
     * WebSEAL's order (the master last, only if every replica succeeded) leaves behind, said as such; null otherwise.
     */
    static String masterBehind(JsonNode health, String lastState) {
        JsonNode applied = health.path("appliedVersion");
        if (!applied.canConvertToLong() || !List.of("FAILED", "CANCELLED", "INTERRUPTED").contains(lastState)) {
            return null;
        }
        long masterVersion = applied.asLong();
        List<String> ahead = new ArrayList<>();
        long newest = masterVersion;
        for (JsonNode r : health.path("replicas")) {
            long version = r.path("version").asLong(-1);
            if (r.path("reachable").asBoolean() && version > masterVersion) {
                ahead.add(r.path("name").asText());
                newest = Math.max(newest, version);
            }
        }
        if (ahead.isEmpty()) {
            return null;
        }
        return "the master runs version " + masterVersion + ", " + String.join(", ", ahead)
                + " version " + newest + " (" + RunPlan.MASTER_LAST + "; run 'ripple cluster restart' again once the failed"
                + " replicas are fixed)";
    }

    static CheckVerdict of(JsonNode health) {
        return of(health, null, 0);
    }

    /**
     * As {@link #of(JsonNode)}, naming the master and its term before the performance data:
     * {@code RIPPLE OK - 2 replicas at version 7; master 'master', term 1 | …}.
     *
     * @param master the master's name; null to name none
     */
    static CheckVerdict of(JsonNode health, String master, long term) {
        CheckVerdict verdict = judge(health);
        if (master == null) {
            return verdict;
        }
        int perf = verdict.line().lastIndexOf(" | ");
        return new CheckVerdict(verdict.exitCode(), verdict.line().substring(0, perf) + "; master '" + master + "', term "
                + term + verdict.line().substring(perf));
    }

    private static CheckVerdict judge(JsonNode health) {
        List<String> critical = new ArrayList<>();
        List<String> warning = new ArrayList<>();
        int stale = 0;
        int drifted = 0;
        int unreachable = 0;
        int replicas = 0;
        for (JsonNode r : health.path("replicas")) {
            replicas++;
            String name = r.path("name").asText();
            if (!r.path("reachable").asBoolean()) {
                unreachable++;
                critical.add(name + " unreachable (" + r.path("error").asText("no answer") + ")");
                continue;
            }
            if (r.path("stale").asBoolean()) {
                stale++;
                warning.add(name + " stale at version " + r.path("version").asText());
            }
            if ("last-known-good".equals(r.path("configSource").asText())) {
                warning.add(name + " started on its last-known-good configuration (its master was not reachable at its start)");
            }
            if (r.path("driftedFiles").size() > 0) {
                drifted++;
                List<String> files = new ArrayList<>();
                r.path("driftedFiles").forEach(f -> files.add(f.asText()));
                warning.add(name + " has drifted files: " + String.join(", ", files));
            }
        }
        String lastState = health.path("lastRunState").asText("");
        int failed = 0;
        String masterBehind = masterBehind(health, lastState);
        if (lastState.equals("FAILED") || lastState.equals("INTERRUPTED")) {
            failed = 1;
            critical.add(0, "last run " + health.path("lastRunId").asText() + " " + lastState);
            if (masterBehind != null) {
                critical.add(1, masterBehind);
            }
        } else if (masterBehind != null) {
            warning.add(0, masterBehind);
        }
        String perf = String.format(" | stale=%d drifted=%d unreachable=%d failed=%d", stale, drifted, unreachable, failed);
        String version = health.path("version").asText();
        if (!critical.isEmpty()) {
            critical.addAll(warning);
            return new CheckVerdict(CRITICAL, "RIPPLE CRITICAL - " + String.join("; ", critical) + perf);
        }
        if (!warning.isEmpty()) {
            return new CheckVerdict(WARNING, "RIPPLE WARNING - " + String.join("; ", warning) + perf);
        }
        return new CheckVerdict(OK, "RIPPLE OK - " + replicas + (replicas == 1 ? " replica" : " replicas")
                + " at version " + version + perf);
    }
}
