package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A JSON document from a server is parsed with the bounded mapper for answers from other servers. */
class OutputJsonDepthTest {

    /** Ripple's deepest document nests a few levels; 32 is {@code JsonMappers.ANSWER_MAX_DEPTH}. */
    @Test
    void aDocumentAsDeepAsTheLimitIsRead() {
        assertThat(Output.parse(nested(32)).isArray()).isTrue();
    }

    @Test
    void aDocumentNestedDeeperIsOneCleanRefusal() {
        assertThatThrownBy(() -> Output.parse(nested(33)))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("The server answered with invalid JSON: Document nesting depth (33) exceeds"
                        + " the maximum allowed (32");
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
