package io.ripple.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.management.SafeText;
import io.ripple.remote.ServerIdentity;
import io.ripple.util.JsonMappers;

/**
 * A replica's answer to {@link TurnRequest}: who it is and the version it held when the request came, whether it took
 * the turn, and the line it answered (its refusal, when it did not). The master judges the identity as it judged the
 * one it read before each turn, before it reads the refusal: a stranger is refused as a stranger.
 */
public record TurnAnswer(String name, String role, String clusterId, long version, boolean accepted, String answer) {

    /** The longest answer the master reads. */
    static final int MAX_CHARS = 16 * 1024;

    public String toJson() {
        return JsonMappers.files().createObjectNode().put("name", name).put("role", role).put("clusterId", clusterId)
                .put("version", version).put("accepted", accepted).put("answer", answer).toString();
    }

    public ServerIdentity identity() {
        return new ServerIdentity(name, role, clusterId);
    }

    /**
     * Reads a replica's answer.
     *
     * @throws IllegalArgumentException naming what is wrong with it (bounded)
     */
    static TurnAnswer parse(String json) {
        if (json == null || json.length() > MAX_CHARS) {
            throw new IllegalArgumentException("its answer to takeTurn is " + (json == null ? "empty" : "longer than "
                    + MAX_CHARS + " characters"));
        }
        try {
            JsonNode root = JsonMappers.answers().readTree(json);
            if (root != null && root.path("name").isTextual() && root.path("role").isTextual()
                    && root.path("clusterId").isTextual() && root.path("version").isIntegralNumber()
                    && root.path("accepted").isBoolean()) {
                return new TurnAnswer(root.get("name").textValue(), root.get("role").textValue(),
                        root.get("clusterId").textValue(), root.get("version").longValue(), root.get("accepted").booleanValue(),
                        SafeText.of(root.path("answer").asText(""), MAX_CHARS));
            }
        } catch (JsonProcessingException e) {
            // refused below
        }
        throw new IllegalArgumentException("its answer to takeTurn is not what a Ripple replica answers: " + SafeText.of(json));
    }
}
