package io.ripple.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.ClusterMXBean;
import io.ripple.RunStatus;
import io.ripple.ServerStatus;
import io.ripple.util.JsonMappers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A run as JSON (the contract's shape), as readable text, and as the Status composite. */
public final class RunFormat {

    private static final ObjectMapper JSON = JsonMappers.files();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private RunFormat() {
    }

    /** The status message of the contract for a run, or for none. */
    public static String message(Run run) {
        return run == null ? ClusterMXBean.MESSAGE_NONE : run.message();
    }

    public static String json(Run run) {
        ObjectNode root = JSON.createObjectNode();
        if (run == null) {
            root.putNull("runId");
            root.putNull("mode");
            root.putNull("state");
            root.put("message", ClusterMXBean.MESSAGE_NONE);
            root.put("messageId", StatusIds.of((Run) null).id());
            root.putNull("requestedBy");
            root.putNull("startedAt");
            root.putNull("endedAt");
            root.putNull("version");
            root.putNull("digest");
            root.putArray("servers");
            return write(root);
        }
        root.put("runId", run.runId());
        root.put("mode", run.mode());
        root.put("state", run.state().name());
        root.put("message", run.message());
        root.put("messageId", StatusIds.of(run).id());
        root.put("requestedBy", run.requestedBy());
        root.put("startedAt", Times.iso(run.startedAt()));
        root.put("endedAt", Times.iso(run.endedAt()));
        root.put("version", run.version());
        root.put("digest", run.digest());
        ArrayNode servers = root.putArray("servers");
        for (ServerRow row : run.servers()) {
            ObjectNode s = servers.addObject();
            s.put("name", row.name());
            s.put("role", row.role());
            s.put("state", row.state().name());
            s.put("requestedAt", Times.iso(row.requestedAt()));
            s.put("startedAt", Times.iso(row.startedAt()));
            s.put("endedAt", Times.iso(row.endedAt()));
            putVersion(s, "versionBefore", row.versionBefore());
            putVersion(s, "versionAfter", row.versionAfter());
            s.put("detail", row.detail());
        }
        return write(root);
    }

    /** One row as JSON: the user data of a replica-state notification. */
    static String json(String runId, ServerRow row) {
        ObjectNode s = JSON.createObjectNode();
        s.put("runId", runId);
        s.put("name", row.name());
        s.put("role", row.role());
        s.put("state", row.state().name());
        s.put("detail", row.detail());
        return write(s);
    }

    private static void putVersion(ObjectNode node, String field, long version) {
        if (version < 0) {
            node.putNull(field);
        } else {
            node.put(field, version);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static String text(Run run) {
        if (run == null) {
            return StatusIds.of((Run) null).line(ClusterMXBean.MESSAGE_NONE) + "\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(StatusIds.of(run).line(run.message())).append('\n');
        out.append("Run ").append(run.runId()).append(" (").append(run.mode()).append(") ").append(run.state())
                .append(", version ").append(run.version()).append(", requested by ").append(run.requestedBy()).append('\n');
        out.append("Started ").append(Times.iso(run.startedAt()));
        if (run.endedAt() > 0) {
            out.append(", ended ").append(Times.iso(run.endedAt()))
                    .append(String.format(" (%.1f s)", (run.endedAt() - run.startedAt()) / 1000.0));
        }
        out.append("\n\n");
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"SERVER", "ROLE", "STATE", "REQUESTED", "ENDED", "VERSION", "DETAIL"});
        for (ServerRow row : run.servers()) {
            table.add(new String[] {row.name(), row.role(), row.state().name(), clock(row.requestedAt()),
                    clock(row.endedAt()), versions(row), row.detail()});
        }
        int[] widths = new int[6];
        for (String[] line : table) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : table) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                l.append(String.format("%-" + widths[i] + "s  ", line[i]));
            }
            out.append(l.append(line[6]).toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String clock(long millis) {
        return millis <= 0 ? "-" : CLOCK.format(Instant.ofEpochMilli(millis));
    }

    private static String versions(ServerRow row) {
        String before = row.versionBefore() < 0 ? "?" : Long.toString(row.versionBefore());
        String after = row.versionAfter() < 0 ? "?" : Long.toString(row.versionAfter());
        return row.versionBefore() < 0 && row.versionAfter() < 0 ? "-" : before + " -> " + after;
    }

    public static RunStatus composite(Run run) {
        if (run == null) {
            return new RunStatus("", "", "", ClusterMXBean.MESSAGE_NONE, "", "", "", -1, "", List.of());
        }
        List<ServerStatus> rows = run.servers().stream().map(r -> new ServerStatus(r.name(), r.role(), r.state().name(),
                orEmpty(Times.iso(r.requestedAt())), orEmpty(Times.iso(r.startedAt())), orEmpty(Times.iso(r.endedAt())),
                r.versionBefore(), r.versionAfter(), r.detail())).toList();
        return new RunStatus(run.runId(), run.mode(), run.state().name(), run.message(), run.requestedBy(),
                orEmpty(Times.iso(run.startedAt())), orEmpty(Times.iso(run.endedAt())), run.version(), run.digest(), rows);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
