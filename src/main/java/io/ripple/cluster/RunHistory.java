package io.ripple.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.config.PublishedVersion;
import java.util.List;
import java.util.Map;

/** The published versions as {@code history()} shows them: when, what, by whom, and which runs applied them. */
final class RunHistory {

    private RunHistory() {
    }

    static String json(List<PublishedVersion> versions, Map<Long, List<String>> completedRuns) {
        ArrayNode list = RunJournal.JSON.createArrayNode();
        for (PublishedVersion v : versions) {
            ObjectNode row = list.addObject();
            row.put("version", v.version());
            row.put("timestamp", Times.iso(v.timestamp()));
            row.put("digest", v.digest());
            row.put("files", v.fileCount());
            row.put("publishedBy", v.publishedBy());
            ArrayNode runs = row.putArray("appliedByRuns");
            completedRuns.getOrDefault(v.version(), List.of()).forEach(runs::add);
        }
        return list.toString();
    }
}
