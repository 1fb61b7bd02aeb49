package io.ripple.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.util.JsonMappers;
import io.ripple.util.MessageId;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Where commands write: text for people (aligned), or JSON for scripts with {@code --json}; errors as one line on
 * stderr (and as {@code {"error": …, "exitCode": N}} on stdout with {@code --json}).
 */
final class Output {

    static final ObjectMapper JSON = JsonMappers.answers();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean terminal;

    Output(PrintWriter out, PrintWriter err, boolean json, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = terminal;
    }

    boolean json() {
        return json;
    }

    /** True when stdout is a terminal: progress may be redrawn in place. Never with --json. */
    boolean terminal() {
        return terminal && !json;
    }

    /** A text line for people; nothing with --json. */
    void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /** Text as it is, ending with one newline; nothing with --json. */
    void text(String text) {
        if (!json) {
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
        }
    }

    /** Redraws the current line (terminal only). */
    void redraw(String text) {
        out.print("\r" + text + "\u001b[K");
        out.flush();
    }

    /** Clears a line drawn with {@link #redraw}. */
    void clearLine() {
        out.print("\r\u001b[K");
        out.flush();
    }

    /** A JSON document as it came from the server (it is parsed to check it and written on one line). */
    void jsonText(String document) {
        try {
            printJson(JSON.readTree(document));
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.FAILED, MessageId.CLI_INVALID_ANSWER, "The server answered with invalid JSON: " + e.getOriginalMessage());
        }
    }

    void printJson(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * An error: one line on stderr, {@code ripple: ID message}; with --json also {"error": …, "exitCode": N,
     * "messageId": ID} on stdout.
     */
    void error(MessageId id, String message, int exitCode) {
        err.println("ripple: " + id.line(message));
        err.flush();
        if (json) {
            ObjectNode node = JSON.createObjectNode();
            node.put("error", message);
            node.put("exitCode", exitCode);
            node.put("messageId", id.id());
            printJson(node);
        }
    }

    /** A note for people that must not disturb JSON on stdout: stderr with --json, stdout otherwise. */
    void note(String text) {
        PrintWriter w = json ? err : out;
        w.println(text);
        w.flush();
    }

    /** Aligned {@code key: value} lines. */
    static String table(Map<String, ?> rows) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder b = new StringBuilder();
        rows.forEach((k, v) -> b.append(String.format("%-" + (width + 1) + "s %s%n", k + ":", render(v))));
        return b.toString();
    }

    private static String render(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(none)" : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value == null || "".equals(value) ? "-" : String.valueOf(value);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.FAILED, MessageId.CLI_INVALID_ANSWER, "The server answered with invalid JSON: " + e.getOriginalMessage());
        }
    }
}
