package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.ClusterMXBean;
import io.ripple.RunStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RUN_FIELDS = List.of("runId", "mode", "state", "message", "messageId", "requestedBy", "startedAt",
            "endedAt", "version", "digest", "servers");
    private static final List<String> ROW_FIELDS = List.of("name", "role", "state", "requestedAt", "startedAt", "endedAt",
            "versionBefore", "versionAfter", "detail");

    // 2026-11-25T14:00:00.123Z and friends
    private static final long T0 = 1_795_615_200_123L;

    private static Run finishedRun() {
        Run run = Runs.inProgress("7", "replica-1", "replica-long-name-2");
        run = new Run("7", "ripple", RunState.IN_PROGRESS, ClusterMXBean.MESSAGE_IN_PROGRESS, "admin (jolokia 127.0.0.1)",
                T0, 0, 12, "9f2c", run.servers());
        run = run.withRow(run.row("replica-1").orElseThrow().to(RowState.REQUESTED, "asking", T0 + 1)
                .to(RowState.SYNCING, "syncing", T0 + 2).to(RowState.RESTARTED, "3 files changed", T0 + 3000)
                .withVersions(11, 12));
        run = run.withRow(run.row("replica-long-name-2").orElseThrow().to(RowState.SKIPPED, "", T0 + 3001));
        run = run.withRow(run.row("master").orElseThrow().to(RowState.RESTARTING, "applying version 12", T0 + 3100)
                .withVersions(11, -1));
        return run.ended(RunState.COMPLETED, ClusterMXBean.MESSAGE_RESTARTED, T0 + 4333);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void jsonHasTheContractsFieldNamesAndValues() throws IOException {
        JsonNode root = JSON.readTree(RunFormat.json(finishedRun()));
        assertThat(names(root)).containsExactlyElementsOf(RUN_FIELDS);
        assertThat(root.get("runId").isTextual()).isTrue();
        assertThat(root.get("runId").asText()).isEqualTo("7");
        assertThat(root.get("mode").asText()).isEqualTo("ripple");
        assertThat(root.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(root.get("message").asText()).isEqualTo("The cluster has been restarted.");
        assertThat(root.get("messageId").asText()).isEqualTo("RPL3002I");
        assertThat(root.get("requestedBy").asText()).isEqualTo("admin (jolokia 127.0.0.1)");
        assertThat(root.get("startedAt").asText()).isEqualTo("2026-11-25T14:00:00.123Z");
        assertThat(root.get("endedAt").asText()).isEqualTo("2026-11-25T14:00:04.456Z");
        assertThat(root.get("version").isIntegralNumber()).isTrue();
        assertThat(root.get("version").asLong()).isEqualTo(12);
        assertThat(root.get("digest").asText()).isEqualTo("9f2c");

        JsonNode servers = root.get("servers");
        assertThat(servers).hasSize(3);
        for (JsonNode s : servers) {
            assertThat(names(s)).containsExactlyElementsOf(ROW_FIELDS);
        }
        JsonNode r1 = servers.get(0);
        assertThat(r1.get("name").asText()).isEqualTo("replica-1");
        assertThat(r1.get("role").asText()).isEqualTo("replica");
        assertThat(r1.get("state").asText()).isEqualTo("RESTARTED");
        assertThat(r1.get("requestedAt").asText()).isEqualTo("2026-11-25T14:00:00.124Z");
        assertThat(r1.get("startedAt").asText()).isEqualTo("2026-11-25T14:00:00.125Z");
        assertThat(r1.get("endedAt").asText()).isEqualTo("2026-11-25T14:00:03.123Z");
        assertThat(r1.get("versionBefore").asLong()).isEqualTo(11);
        assertThat(r1.get("versionAfter").asLong()).isEqualTo(12);
        assertThat(r1.get("detail").asText()).isEqualTo("3 files changed");
        assertThat(servers.get(2).get("name").asText()).isEqualTo("master");
        assertThat(servers.get(2).get("role").asText()).isEqualTo("master");
    }

    @Test
    void absentTimesAndVersionsAreNull() throws IOException {
        JsonNode root = JSON.readTree(RunFormat.json(Runs.inProgress("1", "replica-1")));
        assertThat(root.get("endedAt").isNull()).isTrue();
        JsonNode row = root.get("servers").get(0);
        assertThat(row.get("state").asText()).isEqualTo("PENDING");
        for (String field : List.of("requestedAt", "startedAt", "endedAt", "versionBefore", "versionAfter")) {
            assertThat(row.get(field)).as(field).isNotNull();
            assertThat(row.get(field).isNull()).as(field).isTrue();
        }
        JsonNode master = JSON.readTree(RunFormat.json(finishedRun())).get("servers").get(2);
        assertThat(master.get("versionBefore").asLong()).isEqualTo(11);
        assertThat(master.get("versionAfter").isNull()).isTrue();
        assertThat(master.get("endedAt").isNull()).isTrue();
    }

    @Test
    void noRunJsonCarriesTheNoRestartMessageAndEveryFieldAsNull() throws IOException {
        JsonNode root = JSON.readTree(RunFormat.json(null));
        assertThat(root.get("message").asText()).isEqualTo("No cluster restart has been requested.");
        assertThat(root.get("messageId").asText()).isEqualTo("RPL3004I");
        assertThat(root.get("servers").isArray()).isTrue();
        assertThat(root.get("servers")).isEmpty();
        assertThat(names(root)).containsExactlyElementsOf(RUN_FIELDS);
        for (String field : RUN_FIELDS) {
            if (!field.equals("message") && !field.equals("messageId") && !field.equals("servers")) {
                assertThat(root.get(field).isNull()).as(field).isTrue();
            }
        }
        assertThat(RunFormat.message(null)).isEqualTo(ClusterMXBean.MESSAGE_NONE);
    }

    @Test
    void rowJsonForNotifications() throws IOException {
        ServerRow row = ServerRow.pending("replica-1", "replica").to(RowState.SYNCING, "syncing", T0);
        JsonNode node = JSON.readTree(RunFormat.json("7", row));
        assertThat(node.get("runId").asText()).isEqualTo("7");
        assertThat(node.get("name").asText()).isEqualTo("replica-1");
        assertThat(node.get("state").asText()).isEqualTo("SYNCING");
        assertThat(node.get("detail").asText()).isEqualTo("syncing");
    }

    @Test
    void textShowsTheMessageTheRunAndEveryServerInAlignedColumns() {
        String text = RunFormat.text(finishedRun());
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("RPL3002I The cluster has been restarted.");
        assertThat(lines.get(1)).contains("Run 7", "ripple", "COMPLETED", "version 12", "admin (jolokia 127.0.0.1)");
        assertThat(lines.get(2)).contains("2026-11-25T14:00:00.123Z", "2026-11-25T14:00:04.456Z", "(4.3 s)");
        assertThat(lines.get(3)).isEmpty();
        String header = lines.get(4);
        List<String> table = lines.subList(4, lines.size());
        assertThat(table).hasSize(4);
        assertThat(table.get(1)).startsWith("replica-1 ").contains("RESTARTED", "14:00:00.124", "14:00:03.123", "11 -> 12",
                "3 files changed");
        assertThat(table.get(2)).startsWith("replica-long-name-2 ").contains("SKIPPED");
        assertThat(table.get(3)).startsWith("master ").contains("RESTARTING", "11 -> ?", "applying version 12");
        for (String column : List.of("ROLE", "STATE", "REQUESTED", "ENDED", "VERSION", "DETAIL")) {
            int at = header.indexOf(column);
            for (String line : table.subList(1, table.size())) {
                if (line.length() > at) {
                    assertThat(line.charAt(at - 1)).as(column + " starts a column in: " + line).isEqualTo(' ');
                    assertThat(line.charAt(at)).as(column + " starts a column in: " + line).isNotEqualTo(' ');
                }
            }
        }
        // absent times and versions are dashes; no trailing blanks
        assertThat(table.get(2)).contains(" - ");
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
    }

    @Test
    void textWithoutRunIsTheNoRestartMessage() {
        assertThat(RunFormat.text(null)).isEqualTo("RPL3004I No cluster restart has been requested.\n");
    }

    @Test
    void textOfARunInProgressHasNoEnd() {
        String text = RunFormat.text(Runs.inProgress("1", "replica-1"));
        assertThat(text).startsWith("RPL3001I " + ClusterMXBean.MESSAGE_IN_PROGRESS + "\n").doesNotContain("ended");
        assertThat(text).contains("replica-1", "master", "PENDING");
    }

    /** The sentences keep the contract's exact text; their IDs go beside them (JSON) or in front (text). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "IN_PROGRESS, RPL3001I", "COMPLETED, RPL3002I", "FAILED, RPL3003E", "CANCELLED, RPL3005W",
        "INTERRUPTED, RPL3006W", "REVERTED, RPL3007E"})
    void everyRunStateHasTheIdOfItsStatusSentence(RunState state, String id) throws IOException {
        Run run = finishedRun().ended(state, "A sentence.", T0 + 1);
        assertThat(StatusIds.of(state).id()).isEqualTo(id);
        assertThat(JSON.readTree(RunFormat.json(run)).get("messageId").asText()).isEqualTo(id);
        assertThat(JSON.readTree(RunFormat.json(run)).get("message").asText()).isEqualTo("A sentence.");
        assertThat(RunFormat.text(run)).startsWith(id + " A sentence.\n");
        assertThat(RunFormat.message(run)).isEqualTo("A sentence.");
        assertThat(RunFormat.composite(run).getMessage()).isEqualTo("A sentence.");
    }

    @Test
    void compositeUsesEmptyStringsForAbsentTimes() {
        RunStatus none = RunFormat.composite(null);
        assertThat(none.getMessage()).isEqualTo(ClusterMXBean.MESSAGE_NONE);
        assertThat(none.getServers()).isEmpty();
        RunStatus status = RunFormat.composite(Runs.inProgress("1", "replica-1"));
        assertThat(status.getRunId()).isEqualTo("1");
        assertThat(status.getEndedAt()).isEmpty();
        assertThat(status.getServers()).hasSize(2);
        assertThat(status.getServers().get(0).getRequestedAt()).isEmpty();
        assertThat(status.getServers().get(0).getState()).isEqualTo("PENDING");
    }
}
