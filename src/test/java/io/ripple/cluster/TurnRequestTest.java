package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.FileInfo;
import io.ripple.MemberInfo;
import io.ripple.VersionInfo;
import io.ripple.config.Hashing;
import io.ripple.util.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The replica's first reading of a turn request: bounded, well formed, paths inside, inline files as their entries say. */
class TurnRequestTest {

    private static final byte[] SMALL = "timeout = 30\n".getBytes(StandardCharsets.UTF_8);
    private static final String SMALL_SHA = Hashing.sha256Hex(SMALL);

    static TurnRequest request(Map<String, byte[]> inline, FileInfo... files) {
        return new TurnRequest("7", 1_900_000_000_000L, "replica-1", "c-1", "master",
                new VersionInfo(12, 1_700_000_000_000L, "d".repeat(64), List.of(files), 3,
                        List.of(new MemberInfo("master", "http://m/jolokia/"))), inline);
    }

    static TurnRequest good() {
        return request(Map.of(SMALL_SHA, SMALL), new FileInfo("conf/app.conf", SMALL.length, SMALL_SHA),
                new FileInfo("<entries>", 5, "e".repeat(64)));
    }

    @Test
    void aRequestReadsBackAsItWasSent() {
        TurnRequest sent = good();

        TurnRequest read = TurnRequest.parse(sent.toJson());

        assertThat(read).extracting(TurnRequest::runId, TurnRequest::deadlineEpochMillis, TurnRequest::replica,
                TurnRequest::clusterId, TurnRequest::master).containsExactly("7", 1_900_000_000_000L, "replica-1", "c-1", "master");
        assertThat(read.version().getVersion()).isEqualTo(12);
        assertThat(read.version().getTerm()).isEqualTo(3);
        assertThat(read.version().getFiles()).extracting(FileInfo::getPath).containsExactly("conf/app.conf", "<entries>");
        assertThat(read.version().getMembers()).containsExactly(new MemberInfo("master", "http://m/jolokia/"));
        assertThat(read.inline().get(SMALL_SHA)).isEqualTo(SMALL);
    }

    @Test
    void aRequestForAReplicaThatHoldsTheMembersCarriesOnlyTheirDigestAndTheReplicaCompletesItWithItsOwn() {
        TurnRequest full = good();
        List<MemberInfo> members = full.version().getMembers();

        String json = full.withMembersDigestOnly().toJson();
        TurnRequest read = TurnRequest.parse(json);

        assertThat(json).doesNotContain("http://m/jolokia/");
        assertThat(read.membersDigest()).isEqualTo(MembershipDigest.of(members));
        assertThat(read.version().getMembers()).isEmpty();
        TurnRequest completed = read.completedWith(members).orElseThrow();
        assertThat(completed.membersDigest()).isEmpty();
        assertThat(completed.version().getMembers()).isEqualTo(members);
        assertThat(completed.version().getTerm()).isEqualTo(3);
        assertThat(completed.inline().get(SMALL_SHA)).isEqualTo(SMALL);
        assertThat(full.completedWith(List.of())).as("a request with its members needs none held").contains(full);
    }

    @Test
    void aReplicaThatHoldsAnotherMembershipCannotCompleteARequestThatCarriesOnlyTheDigest() {
        TurnRequest read = TurnRequest.parse(good().withMembersDigestOnly().toJson());

        assertThat(read.completedWith(List.of())).isEmpty();
        assertThat(read.completedWith(List.of(new MemberInfo("master", "http://m/jolokia")))).isEmpty();
        assertThat(read.completedWith(List.of(new MemberInfo("master", "http://m/jolokia/"),
                new MemberInfo("replica-1", "http://r1/jolokia/")))).isEmpty();
    }

    @Test
    void theDigestOfAMembershipDependsOnWhereEachNameAndUrlEnds() {
        assertThat(MembershipDigest.of(List.of(new MemberInfo("ab", "c"))))
                .isNotEqualTo(MembershipDigest.of(List.of(new MemberInfo("a", "bc"))))
                .isNotEqualTo(MembershipDigest.of(List.of(new MemberInfo("ab", ""), new MemberInfo("", "c"))));
        assertThat(MembershipDigest.of(List.of(new MemberInfo("a", "x"), new MemberInfo("b", "y"))))
                .as("the order is the master's: itself first")
                .isNotEqualTo(MembershipDigest.of(List.of(new MemberInfo("b", "y"), new MemberInfo("a", "x"))));
    }

    @Test
    void anAnswerNamesTheMembershipTheReplicaHoldsAndAnAnswerWithoutOneReadsAsNone() {
        String digest = MembershipDigest.of(List.of(new MemberInfo("master", "http://m/jolokia/")));
        TurnAnswer answer = new TurnAnswer("replica-1", "replica", "c-1", 11, true, "accepted", digest);

        assertThat(TurnAnswer.parse(answer.toJson()).members()).isEqualTo(digest);
        assertThat(TurnAnswer.parse(new TurnAnswer("replica-1", "replica", "c-1", 11, true, "accepted").toJson()).members())
                .as("a replica of an earlier release").isEmpty();
        assertThat(TurnAnswer.parse(answer.toJson().replace(digest, "../x")).members()).as("no digest, no claim").isEmpty();
    }

    static Stream<Arguments> badRequests() {
        byte[] big = new byte[40 * 1024];
        Map<String, byte[]> tooMuchInline = new LinkedHashMap<>();
        List<FileInfo> manyFiles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            big[0] = (byte) i;
            byte[] content = big.clone();
            String sha = Hashing.sha256Hex(content);
            tooMuchInline.put(sha, content);
            manyFiles.add(new FileInfo("big" + i + ".bin", content.length, sha));
        }
        String bigInline = request(tooMuchInline, manyFiles.toArray(FileInfo[]::new)).toJson();
        return Stream.of(
                Arguments.of("oversized", "x".repeat(TurnRequest.MAX_REQUEST_CHARS + 1),
                        "Turn request refused: it is " + (TurnRequest.MAX_REQUEST_CHARS + 1) + " characters, more than "
                                + TurnRequest.MAX_REQUEST_CHARS + "."),
                Arguments.of("not JSON", "{\"runId\":", "Turn request refused: it is not JSON"),
                Arguments.of("a manifest path that leaves the folder", edit(r -> withFile(r, "../etc/passwd")),
                        "Path '../etc/passwd' leaves the configuration folder or is not normalized."),
                Arguments.of("an absolute path", edit(r -> withFile(r, "/etc/passwd")),
                        "Path '/etc/passwd' must be relative to the configuration folder."),
                Arguments.of("a bad run id", edit(r -> r.put("runId", "7; rm -rf /")),
                        "Turn request refused: runId: Invalid run id '7; rm -rf /'"),
                Arguments.of("no deadline", edit(r -> { r.remove("deadline"); return r; }),
                        "Turn request refused: deadline is missing or not a whole number."),
                Arguments.of("version 0", edit(r -> { ((ObjectNode) r.get("version")).put("version", 0); return r; }),
                        "Turn request refused: version is 0, less than 1."),
                Arguments.of("a sha256 that is not one", edit(r -> {
                    ((ObjectNode) r.get("version").get("files").get(0)).put("sha256", "../x"); return r; }),
                        "Turn request refused: version.files: the sha256 of 'conf/app.conf' is not 64 hex digits."),
                Arguments.of("an inline file whose hash does not match its entry", edit(r -> {
                    ((ObjectNode) r.get("inline")).put(SMALL_SHA, Base64.getEncoder().encodeToString(
                            "timeout = 99\n".getBytes(StandardCharsets.UTF_8))); return r; }),
                        "Turn request refused: inline: the content sent for " + SMALL_SHA + " does not match its manifest"
                                + " entry (its size or SHA-256 differ)."),
                Arguments.of("an inline file no entry names", edit(r -> {
                    ((ObjectNode) r.get("inline")).put("a".repeat(64), "eA=="); return r; }),
                        "Turn request refused: inline: " + "a".repeat(64) + " is no file of the version's manifest."),
                Arguments.of("inline files above the bound together", bigInline,
                        "Turn request refused: inline: the files sent inline are more than " + TurnRequest.MAX_INLINE_BYTES
                                + " bytes together."),
                Arguments.of("too deeply nested", "[".repeat(100) + "]".repeat(100), "Turn request refused: it is not JSON"),
                Arguments.of("neither members nor their digest", edit(r -> {
                    ((ObjectNode) r.get("version")).remove("members"); return r; }),
                        "Turn request refused: members is missing or not an array."),
                Arguments.of("both members and their digest", edit(r -> {
                    ((ObjectNode) r.get("version")).put("membersDigest", "a".repeat(64)); return r; }),
                        "Turn request refused: version carries both members and membersDigest."),
                Arguments.of("a members digest that is not one", editDigestOnly(r -> {
                    ((ObjectNode) r.get("version")).put("membersDigest", "../x"); return r; }),
                        "Turn request refused: version.membersDigest is not 64 hex digits."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestIsRefusedInOneLineBeforeAnythingActs(String what, String json, String refusal) {
        assertThatThrownBy(() -> TurnRequest.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(refusal).message().doesNotContain("\n");
    }

    private static String edit(UnaryOperator<ObjectNode> change) {
        return edit(good(), change);
    }

    private static String editDigestOnly(UnaryOperator<ObjectNode> change) {
        return edit(good().withMembersDigestOnly(), change);
    }

    private static String edit(TurnRequest request, UnaryOperator<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JsonMappers.files().readTree(request.toJson());
            return change.apply(root).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode withFile(ObjectNode root, String path) {
        ((ObjectNode) root.get("version").get("files").get(0)).put("path", path);
        return root;
    }
}
