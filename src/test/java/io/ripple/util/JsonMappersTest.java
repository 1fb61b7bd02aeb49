package io.ripple.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.junit.jupiter.api.Test;

class JsonMappersTest {

    record Saved(String name, int version) {
    }

    @Test
    void bothMappersAreMadeOnce() {
        assertThat(JsonMappers.files()).isSameAs(JsonMappers.files());
        assertThat(JsonMappers.answers()).isSameAs(JsonMappers.answers());
    }

    @Test
    void aPropertyThatANewerReleaseWroteIsIgnored() throws Exception {
        String json = "{\"name\":\"web-1\",\"version\":3,\"writtenByALaterRelease\":true}";

        assertThat(JsonMappers.files().readValue(json, Saved.class)).isEqualTo(new Saved("web-1", 3));
        assertThat(JsonMappers.answers().readValue(json, Saved.class)).isEqualTo(new Saved("web-1", 3));
    }

    @Test
    void anAnswerMayNestAsDeepAsTheLimit() throws Exception {
        assertThat(JsonMappers.answers().readTree(nested(JsonMappers.ANSWER_MAX_DEPTH)).isArray()).isTrue();
    }

    @Test
    void anAnswerNestedDeeperIsRefusedWhileParsing() {
        assertThatThrownBy(() -> JsonMappers.answers().readTree(nested(JsonMappers.ANSWER_MAX_DEPTH + 1)))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth");
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
