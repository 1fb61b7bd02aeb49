package io.ripple.cluster;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code Cluster.restart}, {@code restartPlan} and {@code rollback} answer: {@code Run 4 started (ripple)}. A
 * person reads it in a console; a program that needs the id reads {@code LastRunId}, or this class's
 * {@link #runId(String)}.
 */
public final class RunStarted {

    private static final Pattern SENTENCE = Pattern.compile("^Run (\\S+) started \\(");

    private RunStarted() {
    }

    /** {@code Run 4 started (how)}. */
    public static String sentence(String runId, String how) {
        return "Run " + runId + " started (" + how + ")";
    }

    /** The run id in a {@link #sentence(String, String)}; empty when the answer is not one. */
    public static Optional<String> runId(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        Matcher m = SENTENCE.matcher(answer);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
