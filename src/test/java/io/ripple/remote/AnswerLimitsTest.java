package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerLimitsTest {

    private static final String URL = "http://127.0.0.1:1/jolokia/";

    private static Object nested(int depth) {
        Object value = "leaf";
        for (int i = 1; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    @Test
    void aManifestLikeAnswerPasses() {
        List<Object> files = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            files.add(Map.of("path", "junctions/" + i + ".json", "size", i, "sha256", "ab"));
        }
        assertThatCode(() -> AnswerLimits.check(Map.of("version", 3, "files", files), URL, "publishedVersion"))
                .doesNotThrowAnyException();
    }

    @Test
    void nestingUpToTheLimitPassesAndOneLevelMoreIsRefused() {
        assertThatCode(() -> AnswerLimits.check(nested(AnswerLimits.MAX_DEPTH), URL, "x")).doesNotThrowAnyException();
        RemoteException refused = catchThrowableOfType(RemoteException.class,
                () -> AnswerLimits.check(nested(AnswerLimits.MAX_DEPTH + 1), URL, "ConfigStore publishedVersion"));
        assertThat(refused.kind()).isEqualTo(RemoteException.Kind.REMOTE_ERROR);
        assertThat(refused).hasMessage(URL + ": the answer of ConfigStore publishedVersion is nested deeper than "
                + AnswerLimits.MAX_DEPTH + " levels; refused");
    }

    @Test
    void aDeepAnswerIsRefusedWithoutRecursion() {
        Object deep = "leaf";
        for (int i = 0; i < 200_000; i++) {
            deep = Collections.singletonList(deep);
        }
        Object answer = deep;
        assertThat(catchThrowableOfType(RemoteException.class, () -> AnswerLimits.check(answer, URL, "x"))).isNotNull();
    }

    @Test
    void tooManyValuesAreRefused() {
        List<Integer> many = Collections.nCopies(AnswerLimits.MAX_VALUES, 1);
        RemoteException refused = catchThrowableOfType(RemoteException.class, () -> AnswerLimits.check(many, URL, "x"));
        assertThat(refused).hasMessageContaining("holds more than " + AnswerLimits.MAX_VALUES + " values");
    }

    @Test
    void aPreviewIsShort() {
        assertThat(AnswerLimits.preview("x".repeat(1_000_000))).hasSizeLessThan(300).endsWith("(1000000 characters)");
        assertThat(AnswerLimits.preview("short")).isEqualTo("short");
    }
}
