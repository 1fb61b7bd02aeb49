package io.ripple.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.management.SafeText;
import io.ripple.remote.ServerIdentity;
import io.ripple.util.JsonMappers;
import java.util.regex.Pattern;

/**
 * A replica's answer to {@link TurnRequest}: who it is and the version it held when the request came, whether it took
 * the turn, and the line it answered (its refusal, when it did not). The master judges the identity as it judged the
 * one it read before each turn, before it reads the refusal: a stranger is refused as a stranger.
 *
 * @param members the {@link MembershipDigest} of the membership the replica holds, or empty (a replica of an earlier
 *                release, or none held): the master sends its next turn request the members only when they differ
 */
public record TurnAnswer(String name, String role, String clusterId, long version, boolean accepted, String answer,
                         String members) {

    /** The longest answer the master reads. */
    static final int MAX_CHARS = 16 * 1024;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public TurnAnswer {
        members = members == null ? "" : members;
    }

    /** An answer that names no membership. */
    public TurnAnswer(String name, String role, String clusterId, long version, boolean accepted, String answer) {
        this(name, role, clusterId, version, accepted, answer, "");
    }

    public String toJson() {
        ObjectNode json = JsonMappers.files().createObjectNode().put("name", name).put("role", role).put("clusterId", clusterId)
                .put("version", version).put("accepted", accepted).put("answer", answer);
        if (!members.isEmpty()) {
            json.put("members", members);
        }
        return json.toString();
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
                // a digest that is none is no claim: the next request carries the members
                String members = root.path("members").asText("");
                return new TurnAnswer(root.get("name").textValue(), root.get("role").textValue(),
                        root.get("clusterId").textValue(), root.get("version").longValue(), root.get("accepted").booleanValue(),
                        SafeText.of(root.path("answer").asText(""), MAX_CHARS), SHA256.matcher(members).matches() ? members : "");
            }
        } catch (JsonProcessingException e) {
            // refused below
        }
        throw new IllegalArgumentException("its answer to takeTurn is not what a Ripple replica answers: " + SafeText.of(json));
    }
}
