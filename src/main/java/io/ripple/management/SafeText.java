package io.ripple.management;

/**
 * A caller's text made safe for one log line or one message: control characters (CR, LF, ESC, ...) and line
 * separators escaped so that nobody can start a forged line, and the text cut to a bound, saying how long it was.
 * Making safe text safe again changes nothing but the bound.
 */
public final class SafeText {

    /** Bound of one value in a log line or message: a run id, a replica's name, an outcome. */
    public static final int MAX_VALUE_CHARS = 80;

    private SafeText() {
    }

    /** The text on one line, at most {@link #MAX_VALUE_CHARS} characters of it; {@code null} for null. */
    public static String of(String text) {
        return of(text, MAX_VALUE_CHARS);
    }

    /** The text on one line, at most {@code maxChars} characters of it, then {@code …(N chars)} when it was longer. */
    public static String of(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        boolean cut = text.length() > maxChars;
        String kept = cut ? text.substring(0, maxChars) : text;
        StringBuilder out = new StringBuilder(kept.length() + 16);
        for (int i = 0; i < kept.length(); i++) {
            char c = kept.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (cut) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
