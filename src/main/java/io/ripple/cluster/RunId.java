package io.ripple.cluster;

import io.ripple.management.SafeText;
import java.util.regex.Pattern;

/**
 * What a run id may be: 1 to {@value #MAX_CHARS} letters, digits, {@code .}, {@code _} or {@code -}. The master makes
 * them ({@code 7}, and {@code 7.revert} for a run's revert pass); every operation that takes one refuses anything else
 * before it stores, logs or audits it.
 */
public final class RunId {

    public static final int MAX_CHARS = 64;
    /** The id of a run's revert pass is the run's id and this: the one pass that may take a replica back a version. */
    public static final String REVERT_SUFFIX = ".revert";

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_CHARS + "}");

    private RunId() {
    }

    /** The run id, checked. @throws IllegalArgumentException naming the (bounded) value and the rule */
    public static String check(String runId) {
        if (runId == null || !ALLOWED.matcher(runId).matches()) {
            throw new IllegalArgumentException("Invalid run id '" + SafeText.of(runId) + "': a run id is 1 to " + MAX_CHARS
                    + " letters, digits, '.', '_' or '-', as the master makes them (7, 7.revert).");
        }
        return runId;
    }

    /** Whether {@code runId} names a run's revert pass ({@code 7.revert}). */
    public static boolean isRevert(String runId) {
        return runId != null && runId.endsWith(REVERT_SUFFIX);
    }
}
