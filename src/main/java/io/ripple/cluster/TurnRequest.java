package io.ripple.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.FileInfo;
import io.ripple.MemberInfo;
import io.ripple.VersionInfo;
import io.ripple.config.ConfigException;
import io.ripple.config.ConfigPaths;
import io.ripple.config.Hashing;
import io.ripple.management.SafeText;
import io.ripple.util.JsonMappers;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the master sends a replica to start its turn of a run ({@code ReplicaProtocol.takeTurn}), in one call: the run,
 * the master's deadline, who it expects to reach (the replica's name and the cluster id) and who asks (the master's
 * name), the run's version with its manifest, and the small changed files inline. {@link #parse} is the replica's
 * first check of it: bounded in size, well formed, every path relative, every inline file the one its manifest entry
 * names. What the replica's own rules decide (its name, its cluster, versions only forward, its sync limits) is for the
 * replica.
 * <p>
 * The version carries the cluster's membership, or, to a replica that answered its last turn request with the digest
 * of the membership it holds ({@link TurnAnswer#members()}), only that digest when it is still the master's
 * ({@link #membersDigest}): at 100 replicas the members are most of a request's bytes. The replica completes such a
 * request with its own copy ({@link #completedWith}) before anything reads it.
 *
 * @param inline        the content of small changed files by SHA-256; each one's hash and size checked against an entry
 * @param membersDigest empty when {@code version} carries the members; else the {@link MembershipDigest} that stands
 *                      for them, and {@code version} carries none
 */
public record TurnRequest(String runId, long deadlineEpochMillis, String replica, String clusterId, String master,
                          VersionInfo version, Map<String, byte[]> inline, String membersDigest) {

    /**
     * The longest request a replica reads: it fits, escaped, in the body a Jolokia agent reads (256 KiB), which is a
     * manifest of about a thousand files; the master asks a larger version's replicas as before, in several calls.
     */
    public static final int MAX_REQUEST_CHARS = 200 * 1024;
    /** The most the inline files may hold together, decoded; a larger change is pulled file by file as before. */
    public static final int MAX_INLINE_BYTES = 64 * 1024;
    /** The largest single file the master sends inline. */
    public static final int MAX_INLINE_FILE_BYTES = 32 * 1024;
    /** The most files a manifest may list in a request: a replica's own sync limit decides below that. */
    public static final int MAX_FILES = 100_000;
    /** The most members a version may name. */
    public static final int MAX_MEMBERS = 10_000;
    private static final int MAX_NAME_CHARS = 256;
    private static final int MAX_PATH_CHARS = 4096;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * What the master offers with a turn: the run's version and the small files that changed in it.
     *
     * @param inline content by SHA-256, at most {@link #MAX_INLINE_BYTES} together
     */
    public record Offer(VersionInfo version, Map<String, byte[]> inline) {
    }

    public TurnRequest {
        inline = Collections.unmodifiableMap(new LinkedHashMap<>(inline));
        membersDigest = membersDigest == null ? "" : membersDigest;
        if (!membersDigest.isEmpty() && !version.getMembers().isEmpty()) {
            throw new IllegalArgumentException("a turn request carries the members or their digest, not both");
        }
    }

    /** A request that carries the members. */
    public TurnRequest(String runId, long deadlineEpochMillis, String replica, String clusterId, String master,
                       VersionInfo version, Map<String, byte[]> inline) {
        this(runId, deadlineEpochMillis, replica, clusterId, master, version, inline, "");
    }

    /** This request with only the digest of its members, for a replica that holds them. */
    public TurnRequest withMembersDigestOnly() {
        return withMembers(List.of(), MembershipDigest.of(version.getMembers()));
    }

    /**
     * This request as the master meant it, with the members {@code held} when it carries only their digest.
     *
     * @return empty when {@code held} is not the membership the digest stands for: the replica cannot take the request
     *     without the members then
     */
    public Optional<TurnRequest> completedWith(List<MemberInfo> held) {
        if (membersDigest.isEmpty()) {
            return Optional.of(this);
        }
        if (!MembershipDigest.of(held).equals(membersDigest)) {
            return Optional.empty();
        }
        return Optional.of(withMembers(held, ""));
    }

    private TurnRequest withMembers(List<MemberInfo> members, String digest) {
        VersionInfo v = version;
        return new TurnRequest(runId, deadlineEpochMillis, replica, clusterId, master,
                new VersionInfo(v.getVersion(), v.getTimestamp(), v.getDigest(), v.getFiles(), v.getTerm(), members),
                inline, digest);
    }

    /** The request as the master sends it. */
    public String toJson() {
        ObjectNode root = JsonMappers.files().createObjectNode();
        root.put("runId", runId).put("deadline", deadlineEpochMillis).put("replica", replica).put("clusterId", clusterId)
                .put("master", master);
        ObjectNode v = root.putObject("version");
        v.put("version", version.getVersion()).put("timestamp", version.getTimestamp()).put("digest", version.getDigest())
                .put("term", version.getTerm());
        ArrayNode files = v.putArray("files");
        version.getFiles().forEach(f -> files.addObject().put("path", f.getPath()).put("size", f.getSize())
                .put("sha256", f.getSha256()));
        if (membersDigest.isEmpty()) {
            ArrayNode members = v.putArray("members");
            version.getMembers().forEach(m -> members.addObject().put("name", m.getName()).put("url", m.getUrl()));
        } else {
            v.put("membersDigest", membersDigest);
        }
        ObjectNode in = root.putObject("inline");
        inline.forEach((sha, content) -> in.put(sha, Base64.getEncoder().encodeToString(content)));
        return root.toString();
    }

    /**
     * Reads and checks a request from the master.
     *
     * @throws IllegalArgumentException one line naming the field that is wrong and why; nothing was acted on
     */
    public static TurnRequest parse(String json) {
        if (json == null || json.isEmpty()) {
            throw refused("it is empty");
        }
        if (json.length() > MAX_REQUEST_CHARS) {
            throw refused("it is " + json.length() + " characters, more than " + MAX_REQUEST_CHARS);
        }
        JsonNode root;
        try {
            root = JsonMappers.answers().readTree(json);
        } catch (JsonProcessingException e) {
            throw refused("it is not JSON (" + SafeText.of(e.getOriginalMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw refused("it is not a JSON object");
        }
        String runId;
        try {
            runId = RunId.check(text(root, "runId", RunId.MAX_CHARS + 1));
        } catch (IllegalArgumentException e) {
            throw refused("runId: " + e.getMessage());
        }
        long deadline = number(root, "deadline", 0);
        String replica = text(root, "replica", MAX_NAME_CHARS);
        String clusterId = text(root, "clusterId", MAX_NAME_CHARS);
        String master = text(root, "master", MAX_NAME_CHARS);
        JsonNode v = object(root, "version");
        long number = number(v, "version", 1);
        long timestamp = number(v, "timestamp", 0);
        String digest = text(v, "digest", 64);
        long term = number(v, "term", 0);
        List<FileInfo> files = files(array(v, "files", MAX_FILES));
        List<MemberInfo> members = new ArrayList<>();
        String membersDigest = "";
        if (v.has("membersDigest")) {
            if (v.has("members")) {
                throw refused("version carries both members and membersDigest");
            }
            membersDigest = text(v, "membersDigest", 64);
            if (!SHA256.matcher(membersDigest).matches()) {
                throw refused("version.membersDigest is not 64 hex digits");
            }
        } else {
            for (JsonNode m : array(v, "members", MAX_MEMBERS)) {
                members.add(new MemberInfo(text(m, "name", MAX_NAME_CHARS), text(m, "url", MAX_PATH_CHARS)));
            }
        }
        Map<String, byte[]> inline = inline(object(root, "inline"), files);
        return new TurnRequest(runId, deadline, replica, clusterId, master,
                new VersionInfo(number, timestamp, digest, files, term, members), inline, membersDigest);
    }

    private static List<FileInfo> files(JsonNode array) {
        List<FileInfo> files = new ArrayList<>();
        for (JsonNode f : array) {
            String path = text(f, "path", MAX_PATH_CHARS);
            try {
                ConfigPaths.checkRelative(path);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage()); // the line a sync of that manifest would refuse it with
            }
            String sha = text(f, "sha256", 64);
            if (!SHA256.matcher(sha).matches()) {
                throw refused("version.files: the sha256 of '" + SafeText.of(path) + "' is not 64 hex digits");
            }
            files.add(new FileInfo(path, number(f, "size", 0), sha));
        }
        return files;
    }

    /** Each inline file is one the manifest lists, of its size and its hash; all together within the bound. */
    private static Map<String, byte[]> inline(JsonNode object, List<FileInfo> files) {
        Map<String, Long> sizes = new HashMap<>();
        files.forEach(f -> sizes.put(f.getSha256(), f.getSize()));
        Map<String, byte[]> inline = new LinkedHashMap<>();
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String sha = e.getKey();
            Long size = sizes.get(sha);
            if (size == null) {
                throw refused("inline: " + SafeText.of(sha) + " is no file of the version's manifest");
            }
            if (!e.getValue().isTextual()) {
                throw refused("inline: " + sha + " is not a base64 text");
            }
            total += e.getValue().textValue().length() / 4L * 3;
            if (total > MAX_INLINE_BYTES + 2L) {
                throw refused("inline: the files sent inline are more than " + MAX_INLINE_BYTES + " bytes together");
            }
            byte[] content;
            try {
                content = Base64.getDecoder().decode(e.getValue().textValue());
            } catch (IllegalArgumentException bad) {
                throw refused("inline: " + sha + " is not base64");
            }
            if (content.length != size || !Hashing.sha256Hex(content).equals(sha)) {
                throw refused("inline: the content sent for " + sha + " does not match its manifest entry (its size or"
                        + " SHA-256 differ)");
            }
            inline.put(sha, content);
        }
        if (inline.values().stream().mapToLong(c -> c.length).sum() > MAX_INLINE_BYTES) {
            throw refused("inline: the files sent inline are more than " + MAX_INLINE_BYTES + " bytes together");
        }
        return inline;
    }

    private static String text(JsonNode node, String field, int maxChars) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw refused(field + " is missing or not a text");
        }
        if (value.textValue().length() > maxChars) {
            throw refused(field + " is longer than " + maxChars + " characters");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field, long min) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw refused(field + " is missing or not a whole number");
        }
        if (value.longValue() < min) {
            throw refused(field + " is " + value.longValue() + ", less than " + min);
        }
        return value.longValue();
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw refused(field + " is missing or not an object");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field, int maxItems) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw refused(field + " is missing or not an array");
        }
        if (value.size() > maxItems) {
            throw refused(field + " holds " + value.size() + " items, more than " + maxItems);
        }
        return value;
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("Turn request refused: " + why + (why.endsWith(".") ? "" : "."));
    }
}
