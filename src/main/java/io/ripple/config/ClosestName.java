package io.ripple.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a misspelt one was most likely meant to be, for "did you mean" hints: the closest by edit distance
 * (insertions, deletions, substitutions and swaps of two neighbours; case does not count), if it is close enough to be
 * a typo rather than another name.
 */
public final class ClosestName {

    private ClosestName() {
    }

    /** The closest of {@code known} to {@code name}, or empty when none is within a typo's reach; ties go to the first. */
    public static Optional<String> among(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(name, candidate);
            if (d < bestDistance && d <= reach(candidate)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** One edit for short names (jmx, port), two for middling ones (cluster), three for long ones (password-file). */
    private static int reach(String candidate) {
        return candidate.length() <= 4 ? 1 : candidate.length() <= 9 ? 2 : 3;
    }

    /** Optimal string alignment distance, ignoring case. */
    static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[s.length()][t.length()];
    }
}
