package io.ripple.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Ripple's two Jackson mappers, made once and shared (a configured {@code ObjectMapper} is thread-safe).
 *
 * <ul>
 *   <li>{@link #files()} for what this server writes and reads back itself (its state, journals, manifests) and the
 *       JSON documents it builds for its MBeans;</li>
 *   <li>{@link #answers()} for JSON that came from another server, whose nesting is bounded as
 *       {@code remote.AnswerLimits} bounds a Jolokia answer.</li>
 * </ul>
 *
 * Both ignore properties they do not know, so that a file or a document written by a newer Ripple stays readable.
 */
public final class JsonMappers {

    /**
     * How deeply a JSON text from another server may nest: deeper than any Ripple document (a run's status is 4
     * levels), far below what would end a thread that walks it with a {@link StackOverflowError}.
     */
    public static final int ANSWER_MAX_DEPTH = 32;

    private static final ObjectMapper FILES = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper ANSWERS = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(ANSWER_MAX_DEPTH).build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonMappers() {
    }

    /** The mapper for this server's own files and documents. */
    public static ObjectMapper files() {
        return FILES;
    }

    /** The mapper for JSON from another server: it refuses a text nested deeper than {@link #ANSWER_MAX_DEPTH}. */
    public static ObjectMapper answers() {
        return ANSWERS;
    }
}
