package io.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last run drawn as one bar per server, from when the master asked it to when it was done, so that a ripple
 * run's sequence and a parallel run's overlap are visible at a glance: as text, and as a small HTML page.
 */
final class Timeline {

    /** One server's bar; times in epoch milliseconds. */
    record Bar(String name, String state, long from, long to) {
    }

    private final String title;
    private final List<Bar> bars;
    private final long start;
    private final long end;

    private Timeline(String title, List<Bar> bars, long start, long end) {
        this.title = title;
        this.bars = bars;
        this.start = start;
        this.end = end;
    }

    /** The timeline of a statusJson() document; empty when the run has no timed rows. */
    static Timeline of(JsonNode status) {
        List<Bar> bars = new ArrayList<>();
        long start = millis(status.path("startedAt"));
        long end = Math.max(start, millis(status.path("endedAt")));
        for (JsonNode row : status.path("servers")) {
            long from = millis(row.path("requestedAt"));
            if (from == 0) {
                from = millis(row.path("startedAt"));
            }
            long to = millis(row.path("endedAt"));
            if (from == 0 && to > 0) {
                from = to; // the master's own row starts when it restarts; before that it only waited
            }
            bars.add(new Bar(row.path("name").asText(), row.path("state").asText(), from, to));
            end = Math.max(end, to);
        }
        String title = "Run " + status.path("runId").asText() + " (" + status.path("mode").asText() + ") "
                + status.path("state").asText();
        return new Timeline(title, bars, start, end);
    }

    private static long millis(JsonNode time) {
        return time.isTextual() ? Instant.parse(time.asText()).toEpochMilli() : 0;
    }

    boolean isEmpty() {
        return start == 0 || bars.stream().allMatch(b -> b.from() == 0);
    }

    /** Bars of {@code width} characters, one line per server, with the time scale underneath. */
    String text(int width) {
        int nameWidth = bars.stream().mapToInt(b -> b.name().length()).max().orElse(6);
        double span = Math.max(1, end - start);
        StringBuilder out = new StringBuilder("Timeline (" + fmt(end - start) + ")\n");
        for (Bar bar : bars) {
            char[] line = new char[width];
            java.util.Arrays.fill(line, ' ');
            if (bar.from() > 0) {
                int a = (int) Math.min(width - 1, Math.floor((bar.from() - start) / span * width));
                int b = bar.to() > 0 ? (int) Math.min(width - 1, Math.ceil((bar.to() - start) / span * width) - 1) : width - 1;
                for (int i = a; i <= Math.max(a, b); i++) {
                    line[i] = bar.to() > 0 ? '#' : '=';
                }
            }
            out.append(String.format("%-" + nameWidth + "s |%s| %s%n", bar.name(), new String(line), bar.state()));
        }
        out.append(String.format("%-" + nameWidth + "s  0%" + (width - 1) + "s%n", "", fmt(end - start)));
        return out.toString();
    }

    /** A self-contained page: no scripts, no outside resources. */
    String html() {
        double span = Math.max(1, end - start);
        StringBuilder rows = new StringBuilder();
        for (Bar bar : bars) {
            double left = bar.from() > 0 ? (bar.from() - start) / span * 100 : 0;
            double right = bar.to() > 0 ? (bar.to() - start) / span * 100 : 100;
            double widthPct = bar.from() > 0 ? Math.max(0.5, right - left) : 0;
            String cls = bar.state().toLowerCase().replace('_', '-');
            rows.append("<tr><th>").append(escape(bar.name())).append("</th><td><div class=\"track\"><div class=\"bar ")
                    .append(cls).append(String.format("\" style=\"left:%.2f%%;width:%.2f%%\" title=\"%s: %s\"></div></div></td><td>",
                            left, widthPct, escape(bar.name()), escape(bar.state())))
                    .append(escape(bar.state())).append("</td><td>")
                    .append(bar.from() > 0 && bar.to() > 0 ? fmt(bar.to() - bar.from()) : "").append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;width:100%%}th{text-align:left;padding:4px 12px 4px 0;white-space:nowrap}
                td{padding:4px 8px}.track{position:relative;height:18px;background:#eee;border-radius:3px;min-width:400px}
                .bar{position:absolute;top:0;height:18px;border-radius:3px;background:#4a90d9}
                .restarted{background:#2e8b57}.up-to-date{background:#9bc59d}.failed,.timed-out{background:#c0392b}
                .skipped{background:#bbb}
                </style></head><body>
                <h1>%1$s</h1><p>%2$s from the first request to the end of the run.</p>
                <table>
                %3$s</table></body></html>
                """.formatted(escape(title), fmt(end - start), rows);
    }

    private static String fmt(long millis) {
        return millis < 10_000 ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
