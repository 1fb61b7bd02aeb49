package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaIdentityTest {

    @ParameterizedTest(name = "{0} of ''{1}'' for {2} of ''{3}''")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "replica-9 | A | replica-9 | A | -",
        "replica-9 | '' | replica-9 | A | -",
        "replica-9 | B | replica-9 | '' | -",
        "replica-3 | B | replica-9 | A | RPL4011E the server at URL is 'replica-3' of cluster B, not 'replica-9' of this cluster (A)",
        "replica-9 | B | replica-9 | A | RPL4011E the server at URL is 'replica-9' of cluster B, not 'replica-9' of this cluster (A)",
        "replica-3 | '' | replica-9 | A | RPL4011E the server at URL is 'replica-3' of no cluster yet, not 'replica-9' of this cluster (A)",
    })
    void aReplicaMustAnswerWithItsLinesNameAndThisClustersIdOrNone(String name, String id, String expected, String ours,
                                                                  String verdict) {
        assertThat(ReplicaIdentity.judge("URL", expected, ours, name, id).orElse(null)).isEqualTo(verdict);
    }
}
