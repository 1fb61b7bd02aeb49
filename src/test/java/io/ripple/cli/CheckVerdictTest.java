package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The Nagios verdict on health() documents. */
class CheckVerdictTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckVerdict verdict(String lastRunState, String... replicas) throws Exception {
        String doc = """
                {"master": "master", "version": 7, "digest": "abc", "lastRunState": %s, "lastRunId": "4",
                 "replicas": [%s]}""".formatted(lastRunState == null ? "null" : '"' + lastRunState + '"',
                String.join(",", replicas));
        return CheckVerdict.of(JSON.readTree(doc));
    }

    private static String upToDate(String name) {
        return "{\"name\": \"" + name + "\", \"reachable\": true, \"version\": 7, \"digest\": \"abc\", \"stale\": false, \"driftedFiles\": []}";
    }

    @Test
    void okWhenEveryReplicaHoldsTheDigest() throws Exception {
        CheckVerdict v = verdict("COMPLETED", upToDate("r1"), upToDate("r2"), upToDate("r3"));
        assertThat(v.exitCode()).isZero();
        assertThat(v.line()).isEqualTo("RIPPLE OK - 3 replicas at version 7 | stale=0 drifted=0 unreachable=0 failed=0");
    }

    @Test
    void okWithoutAnyRun() throws Exception {
        assertThat(verdict(null, upToDate("r1")).line()).isEqualTo("RIPPLE OK - 1 replica at version 7 | stale=0 drifted=0 unreachable=0 failed=0");
    }

    @Test
    void warningForAStaleReplica() throws Exception {
        CheckVerdict v = verdict("COMPLETED", upToDate("r1"),
                "{\"name\": \"r2\", \"reachable\": true, \"version\": 6, \"digest\": \"old\", \"stale\": true, \"driftedFiles\": []}");
        assertThat(v.exitCode()).isEqualTo(1);
        assertThat(v.line()).startsWith("RIPPLE WARNING - r2 stale at version 6").endsWith("| stale=1 drifted=0 unreachable=0 failed=0");
    }

    @Test
    void warningForDriftedFiles() throws Exception {
        CheckVerdict v = verdict("COMPLETED", upToDate("r1"),
                "{\"name\": \"r2\", \"reachable\": true, \"version\": 7, \"digest\": \"abc\", \"stale\": false, \"driftedFiles\": [\"junctions/app.json\"]}");
        assertThat(v.exitCode()).isEqualTo(1);
        assertThat(v.line()).contains("r2 has drifted files: junctions/app.json").endsWith("stale=0 drifted=1 unreachable=0 failed=0");
    }

    @Test
    void criticalForAnUnreachableReplica() throws Exception {
        CheckVerdict v = verdict("COMPLETED", upToDate("r1"),
                "{\"name\": \"r2\", \"reachable\": false, \"error\": \"Cannot connect to x: connection refused\"}");
        assertThat(v.exitCode()).isEqualTo(2);
        assertThat(v.line()).startsWith("RIPPLE CRITICAL - r2 unreachable").endsWith("unreachable=1 failed=0");
    }

    @Test
    void criticalForAFailedLastRun() throws Exception {
        CheckVerdict v = verdict("FAILED", upToDate("r1"));
        assertThat(v.exitCode()).isEqualTo(2);
        assertThat(v.line()).startsWith("RIPPLE CRITICAL - last run 4 FAILED").endsWith("failed=1");
    }

    @Test
    void warningForAReplicaThatStartedOnItsLastKnownGoodConfiguration() throws Exception {
        CheckVerdict v = verdict("COMPLETED", upToDate("r1"),
                "{\"name\": \"r2\", \"reachable\": true, \"version\": 7, \"digest\": \"abc\", \"stale\": false,"
                        + " \"driftedFiles\": [], \"configSource\": \"last-known-good\"}");
        assertThat(v.exitCode()).isEqualTo(1);
        assertThat(v.line()).isEqualTo("RIPPLE WARNING - r2 started on its last-known-good configuration (its master was not"
                + " reachable at its start) | stale=0 drifted=0 unreachable=0 failed=0");
    }

    @Test
    void theLineNamesTheMasterAndItsTermBeforeThePerformanceData() throws Exception {
        JsonNode health = JSON.readTree("""
                {"master": "replica-1", "version": 7, "digest": "abc", "lastRunState": "FAILED", "lastRunId": "4",
                 "replicas": [%s]}""".formatted(upToDate("r2")));

        assertThat(CheckVerdict.of(health, "replica-1", 2).line()).isEqualTo(
                "RIPPLE CRITICAL - last run 4 FAILED; master 'replica-1', term 2 | stale=0 drifted=0 unreachable=0 failed=1");
    }

    private static CheckVerdict verdict(String lastRunState, long masterApplied, String... replicas) throws Exception {
        String doc = """
                {"master": "master", "version": 12, "digest": "new", "appliedVersion": %d, "lastRunState": "%s",
                 "lastRunId": "4", "replicas": [%s]}""".formatted(masterApplied, lastRunState, String.join(",", replicas));
        return CheckVerdict.of(JSON.readTree(doc));
    }

    private static String at(String name, long version, boolean stale) {
        return "{\"name\": \"" + name + "\", \"reachable\": true, \"version\": " + version + ", \"digest\": \"d" + version
                + "\", \"stale\": " + stale + ", \"driftedFiles\": []}";
    }

    @Test
    void aFailedRunThatLeftTheMasterBehindSaysItIsTheMasterLastRule() throws Exception {
        CheckVerdict v = verdict("FAILED", 11, at("r1", 12, false), at("r2", 11, true));

        assertThat(v.exitCode()).isEqualTo(2);
        assertThat(v.line()).startsWith("RIPPLE CRITICAL - last run 4 FAILED; the master runs version 11, r1 version 12"
                + " (the master restarts last, only if every replica succeeded; run 'ripple cluster restart' again once the"
                + " failed replicas are fixed); r2 stale at version 11");
    }

    @Test
    void aCancelledRunThatLeftTheMasterBehindIsAWarningThatSaysSo() throws Exception {
        CheckVerdict v = verdict("CANCELLED", 11, at("r1", 12, false), at("r2", 12, false));

        assertThat(v.exitCode()).isEqualTo(1);
        assertThat(v.line()).startsWith("RIPPLE WARNING - the master runs version 11, r1, r2 version 12 (the master"
                + " restarts last, only if every replica succeeded;");
    }

    @Test
    void aCompletedRunOrAMasterOnTheReplicasVersionSaysNothingOfIt() throws Exception {
        assertThat(verdict("COMPLETED", 12, at("r1", 12, false)).line()).doesNotContain("restarts last");
        assertThat(verdict("FAILED", 12, at("r1", 12, false)).line()).doesNotContain("restarts last");
    }
}
