package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.FileInfo;
import io.ripple.VersionInfo;
import io.ripple.cluster.TurnRequest;
import io.ripple.config.SyncLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A replica's own judgement of the master's turn request: its name, its master, its cluster, versions forward, limits. */
class TurnRequestCheckTest {

    private static final String DIGEST_11 = "b".repeat(64);
    private static final TurnRequestCheck PINNED = new TurnRequestCheck("replica-1", "master",
            Optional.of(new ClusterIdentity.Pin("master", "c-1")), "", "ripple", 11, DIGEST_11, SyncLimits.DEFAULT);
    private static final TurnRequestCheck.Call FROM_MASTER = new TurnRequestCheck.Call("ripple", "master", false);

    private static TurnRequest request(String runId, String replica, String clusterId, String master, long version,
                                       String digest, int files) {
        List<FileInfo> manifest = java.util.stream.IntStream.range(0, files)
                .mapToObj(i -> new FileInfo("f" + i + ".conf", 10, "a".repeat(64))).toList();
        return new TurnRequest(runId, Long.MAX_VALUE, replica, clusterId, master,
                new VersionInfo(version, 1L, digest, manifest, 1, List.of()), Map.of());
    }

    private static TurnRequest request(String replica, String clusterId, String master, long version) {
        return request("7", replica, clusterId, master, version, "c".repeat(64), 1);
    }

    @Test
    void aPinnedReplicaTakesItsMastersRequestAsOffered() {
        assertThat(PINNED.check(request("replica-1", "c-1", "master", 12), FROM_MASTER)).isTrue();
    }

    @Test
    void aReplicaWithoutAPinReadsItsMasterItselfAndPinsIt() {
        TurnRequestCheck fresh = new TurnRequestCheck("replica-1", "master", Optional.empty(), "", "ripple", 0, "",
                SyncLimits.DEFAULT);

        assertThat(fresh.check(request("replica-1", "c-9", "master", 1), FROM_MASTER)).isFalse();
    }

    @Test
    void theRevertPassOfARunMayGoBackAVersion() {
        assertThat(PINNED.check(request("7.revert", "replica-1", "c-1", "master", 10, "c".repeat(64), 1), FROM_MASTER)).isTrue();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("another replica's request", request("replica-2", "c-1", "master", 12), FROM_MASTER,
                        "Turn request refused: it asks for 'replica-2', and this server is 'replica-1': the master's replica"
                                + " line for this URL names another server."),
                Arguments.of("another master", request("replica-1", "c-1", "master-b", 12), FROM_MASTER,
                        "Turn request refused: it comes from master 'master-b', and this replica's master is 'master' (its"
                                + " server.conf)."),
                Arguments.of("another cluster", request("replica-1", "c-2", "master", 12), FROM_MASTER,
                        "Turn request refused: it comes from master 'master' of cluster c-2, and this replica is pinned to"
                                + " cluster c-1 (master 'master'). To move it on purpose: ripple server reset-pin."),
                Arguments.of("a call claimed by another server", request("replica-1", "c-1", "master", 12),
                        new TurnRequestCheck.Call("ripple", "replica-2", false),
                        "Turn request refused: the call carries the claim of 'replica-2', not of this replica's master 'master'."),
                Arguments.of("a person with a forged claim", request("replica-1", "c-1", "master", 12),
                        new TurnRequestCheck.Call("admin", "master", false),
                        "Turn request refused: it comes from user 'admin', not from the cluster account 'ripple' that servers"
                                + " call with; people use ripple:type=Server syncAndRestart."),
                Arguments.of("an older version", request("replica-1", "c-1", "master", 10), FROM_MASTER,
                        "Turn request refused: version 10 is older than version 11, which this replica already took:"
                                + " versions only go forward."),
                Arguments.of("the same version with another content", request("replica-1", "c-1", "master", 11), FROM_MASTER,
                        "Turn request refused: version 11 is not the version 11 this replica took (another digest):"
                                + " versions only go forward."),
                Arguments.of("more files than max-sync-files", request("7", "replica-1", "c-1", "master", 12, "c".repeat(64), 4),
                        FROM_MASTER, "Turn request refused: version 12 holds 4 files, more than this replica's max-sync-files 3."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedInOneLine(String what, TurnRequest request, TurnRequestCheck.Call call, String refusal) {
        TurnRequestCheck check = what.startsWith("more files")
                ? new TurnRequestCheck("replica-1", "master", Optional.of(new ClusterIdentity.Pin("master", "c-1")), "",
                        "ripple", 11, DIGEST_11, new SyncLimits(1024, 1024, 3))
                : PINNED;

        assertThatThrownBy(() -> check.check(request, call)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(refusal);
    }
}
